import { decodeImage, DEFAULT_LIMITS, type DecodeLimits, type DecodedImage, type ImageFormat, type SourceColour } from './decode';
import { DataError, reasonOf } from './errors';
import { detectLayout, normalisePath, type LayoutKind, type PathIssue } from './layout';
import { resizeImage, resizeMask, type FitMode } from './resize';
import type { ImageRecord } from './types';
import { DEFAULT_ZIP_LIMITS, isZip, unzipEntries, type ZipLimits } from './zip';

/**
 * Import of user files, the same in the worker (a drop, a picked folder, a zip) and in the CLI
 * (a walked folder): layout detection, decoding, resizing, mask matching. Every valid file is
 * imported; every other one is listed in `rejected` with a one-line reason. Nothing here touches
 * stored data: the caller decides what to keep.
 */
export type ImportFile = { path: string; bytes: Uint8Array } | { path: string; read: () => Promise<Uint8Array> };

export interface ImportOptions {
  size: number;
  channels: 1 | 3;
  fit: FitMode;
  /** Border value of 'pad' mode. */
  padValue?: number;
  limits?: DecodeLimits;
  zipLimits?: ZipLimits;
  /** Called after each image with the number done and the number to do. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface SizeRange {
  min: number;
  max: number;
}

export interface ImportStats {
  /** Files looked at, zip entries included (a zip itself is not counted). */
  files: number;
  imported: number;
  rejected: number;
  /** OS clutter skipped silently (.DS_Store, __MACOSX/...). */
  ignored: number;
  /** Images per label in each split. */
  train: Record<string, number>;
  test: Record<string, number>;
  /** Anomalous test images with a mask, and without one. */
  masks: number;
  missingMasks: number;
  /** Sizes before resizing; null when nothing was imported. */
  originalWidth: SizeRange | null;
  originalHeight: SizeRange | null;
  /** Colour models found in the files, e.g. { gray: 900, rgb: 12 }. */
  channelsSeen: Partial<Record<SourceColour, number>>;
  formats: Partial<Record<ImageFormat, number>>;
}

export interface ImportResult {
  /** 'flat': no MVTec folders; every image is in train/good until the user assigns splits. */
  layout: LayoutKind;
  /** The MVTec set's top folder inside the input ('' at the top). */
  root: string;
  train: ImageRecord[];
  test: ImageRecord[];
  rejected: PathIssue[];
  /** Anomalous test images imported without a mask (allowed). */
  missingMasks: string[];
  stats: ImportStats;
}

const readFile = (file: ImportFile): Promise<Uint8Array> => ('bytes' in file ? Promise.resolve(file.bytes) : file.read());
const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const dirName = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/** Replaces zip archives by their safe entries, placed in the folder the zip sits in. */
async function expandZips(files: readonly ImportFile[], limits: ZipLimits, rejected: PathIssue[]): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const file of files) {
    const named = /\.zip$/i.test(file.path);
    if (!named && !('bytes' in file && isZip(file.bytes))) {
      out.push(file);
      continue;
    }
    const bytes = await readFile(file);
    if (!isZip(bytes)) {
      out.push({ path: file.path, bytes });
      continue;
    }
    const folder = dirName(file.path.replace(/\\/g, '/'));
    try {
      const { entries, rejected: skipped } = unzipEntries(bytes, limits);
      for (const issue of skipped) rejected.push({ path: `${file.path}:${issue.path}`, reason: issue.reason });
      for (const entry of entries) out.push({ path: folder ? `${folder}/${entry.path}` : entry.path, bytes: entry.bytes });
    } catch (error) {
      rejected.push({ path: file.path, reason: reasonOf(error) });
    }
  }
  return out;
}

export async function importFiles(files: readonly ImportFile[], options: ImportOptions): Promise<ImportResult> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (!Number.isInteger(options.size) || options.size < 1 || options.size > 4096)
    throw new DataError(`working size must be a whole number of pixels (32, 64, 128 or 256), got ${options.size}`);
  const rejected: PathIssue[] = [];
  const result: ImportResult = { layout: 'empty', root: '', train: [], test: [], rejected, missingMasks: [], stats: emptyStats() };
  const expanded = await expandZips(files, options.zipLimits ?? DEFAULT_ZIP_LIMITS, rejected);
  const stats = result.stats;
  stats.files = expanded.length;
  if (expanded.length === 0) {
    if (rejected.length === 0) rejected.push({ path: '', reason: 'empty input: no files to import' });
    stats.rejected = rejected.length;
    return result;
  }

  const layout = detectLayout(expanded.map((f) => f.path));
  result.layout = layout.kind;
  result.root = layout.root;
  stats.ignored = layout.ignored.length;
  rejected.push(...layout.unsafe, ...layout.unknown, ...layout.orphanMasks);
  if (layout.kind === 'empty' && rejected.length === 0)
    rejected.push({ path: '', reason: 'empty input: only system files (.DS_Store, __MACOSX...), no images' });
  const byPath = new Map<string, ImportFile>();
  for (const file of expanded) {
    const normal = normalisePath(file.path);
    if ('path' in normal) byPath.set(normal.path, file);
  }

  let done = 0;
  for (const item of layout.images) {
    if (options.signal?.aborted) throw new DataError('import cancelled');
    let image: DecodedImage;
    try {
      image = await decodeImage(await readFile(byPath.get(item.path)!), limits);
    } catch (error) {
      rejected.push({ path: item.path, reason: reasonOf(error) });
      if (item.maskPath) rejected.push({ path: item.maskPath, reason: `its image ${item.path} was rejected` });
      options.onProgress?.(++done, layout.images.length);
      continue;
    }
    const record: ImageRecord = {
      id: item.key,
      name: baseName(item.path),
      split: item.split,
      label: item.label,
      pixels: resizeImage(image, options.size, { fit: options.fit, channels: options.channels, padValue: options.padValue }),
      originalWidth: image.width,
      originalHeight: image.height,
    };
    if (item.maskPath) {
      try {
        record.mask = await loadMask(byPath.get(item.maskPath)!, image, options, limits);
      } catch (error) {
        rejected.push({ path: item.maskPath, reason: reasonOf(error) });
      }
    }
    if (record.split === 'test' && record.label !== 'good' && !record.mask) result.missingMasks.push(item.path);
    (record.split === 'train' ? result.train : result.test).push(record);
    count(stats, record, image);
    options.onProgress?.(++done, layout.images.length);
  }
  stats.rejected = rejected.length;
  stats.missingMasks = result.missingMasks.length;
  return result;
}

/** A mask decoded, checked against its image's size, resized by nearest neighbour and binarised. */
async function loadMask(file: ImportFile, image: DecodedImage, options: ImportOptions, limits: DecodeLimits): Promise<Uint8Array> {
  const mask = await decodeImage(await readFile(file), limits);
  if (mask.width !== image.width || mask.height !== image.height)
    throw new DataError(`mask is ${mask.width}x${mask.height} but its image is ${image.width}x${image.height}`);
  // Masks are 0/255; a mask saved as 0/1 is taken as such rather than read as empty.
  let max = 0;
  for (let i = 0; i < mask.data.length; i += mask.channels) if (mask.data[i]! > max) max = mask.data[i]!;
  return resizeMask(mask, options.size, options.fit, max <= 1 ? 1 : 128);
}

function emptyStats(): ImportStats {
  return {
    files: 0, imported: 0, rejected: 0, ignored: 0, train: {}, test: {}, masks: 0, missingMasks: 0,
    originalWidth: null, originalHeight: null, channelsSeen: {}, formats: {},
  };
}

function widen(range: SizeRange | null, v: number): SizeRange {
  return range ? { min: Math.min(range.min, v), max: Math.max(range.max, v) } : { min: v, max: v };
}

function count(stats: ImportStats, record: ImageRecord, image: DecodedImage): void {
  stats.imported++;
  const split = record.split === 'train' ? stats.train : stats.test;
  split[record.label] = (split[record.label] ?? 0) + 1;
  if (record.mask) stats.masks++;
  stats.originalWidth = widen(stats.originalWidth, image.width);
  stats.originalHeight = widen(stats.originalHeight, image.height);
  stats.channelsSeen[image.source] = (stats.channelsSeen[image.source] ?? 0) + 1;
  stats.formats[image.format] = (stats.formats[image.format] ?? 0) + 1;
}
