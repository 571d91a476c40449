import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve, sep } from 'node:path';
import { provideWebpWasm } from '../core/data/decode';
import { DataError } from '../core/data/errors';
import { importFiles, type ImportFile, type ImportResult } from '../core/data/importer';
import type { PathIssue } from '../core/data/layout';
import type { FitMode } from '../core/data/resize';
import type { Dataset } from '../core/data/types';

/**
 * The CLI's reader of user data: a folder in the MVTec AD layout (or a flat folder of images, or
 * a .zip of either), imported with the same checks as a drop in the page (core/data/importer).
 */
export interface FolderLoadOptions {
  size: number;
  channels: 1 | 3;
  fit: FitMode;
  onProgress?: (done: number, total: number) => void;
}

export interface FolderLoadResult {
  dataset: Dataset;
  layout: ImportResult['layout'];
  rejected: PathIssue[];
  missingMasks: string[];
  stats: ImportResult['stats'];
}

let webpReady: Promise<void> | undefined;
/** Node has no fetch for file URLs, so the WebP codec gets its wasm compiled from disk. */
export function useNodeWebpDecoder(): Promise<void> {
  webpReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = await readFile(require.resolve('@jsquash/webp/codec/dec/webp_dec.wasm'));
    provideWebpWasm(await WebAssembly.compile(wasm));
  })();
  return webpReady;
}

/** Every regular file under `dir`, with its path relative to `dir` (forward slashes). */
async function walk(dir: string): Promise<ImportFile[]> {
  const files: ImportFile[] = [];
  const visit = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(folder, entry.name);
      // Symbolic links are followed to files only, so a link cannot loop the walk.
      const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isFile() === true);
      if (entry.isDirectory()) await visit(full);
      else if (isFile) files.push({ path: relative(dir, full).split(sep).join('/'), read: () => readBytes(full) });
    }
  };
  await visit(dir);
  return files;
}

async function readBytes(path: string): Promise<Uint8Array> {
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export async function loadFolderDataset(dir: string, options: FolderLoadOptions): Promise<FolderLoadResult> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new DataError(`data folder not found: ${dir}`);
  const isZipFile = info.isFile() && /\.zip$/i.test(dir);
  if (!info.isDirectory() && !isZipFile) throw new DataError(`not a folder or a .zip file: ${dir}`);
  await useNodeWebpDecoder();

  const files = isZipFile ? [{ path: basename(dir), bytes: await readBytes(dir) }] : await walk(dir);
  const { size, channels, fit, onProgress } = options;
  const result = await importFiles(files, { size, channels, fit, onProgress });
  if (result.train.length === 0) {
    const trainDir = [dir, result.root, 'train/good'].filter((s) => s !== '').join('/');
    const first = result.rejected[0];
    const why =
      files.length === 0 ? ' (the folder is empty)'
      : first ? ` (${result.rejected.length} file(s) rejected; first: ${first.path || dir}: ${first.reason})`
      : '';
    throw new DataError(`no training images found in ${trainDir}${why}`);
  }
  const dataset: Dataset = {
    id: `folder:${resolve(dir)}`,
    name: basename(resolve(dir)).replace(/\.zip$/i, ''),
    size: options.size,
    channels: options.channels,
    train: result.train,
    test: result.test,
  };
  return { dataset, layout: result.layout, rejected: result.rejected, missingMasks: result.missingMasks, stats: result.stats };
}
