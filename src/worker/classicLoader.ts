import { CLASSIC_SETS, type ClassImages, type ClassicIndex, type ClassicSetId } from '../core/data/classic';
import { DataError } from '../core/data/errors';

/**
 * MNIST and Fashion-MNIST in the worker: the compact per-class assets that
 * scripts/build-classic-sets.mjs writes to public/data/<set>/ (Vite serves public/ at the root),
 * fetched when a set is first chosen, one request per class, and kept for the session.
 */
const cache = new Map<ClassicSetId, Promise<ClassImages[]>>();

const base = (): string => `${import.meta.env?.BASE_URL ?? '/'}data`;

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new DataError(`${what} not found (${res.status}): build the assets with npm run build:data`);
  return new Uint8Array(await res.arrayBuffer());
}

async function fetchSet(set: ClassicSetId, onProgress?: (done: number, total: number) => void): Promise<ClassImages[]> {
  const title = CLASSIC_SETS[set].title;
  const indexBytes = await fetchBytes(`${base()}/${set}/index.json`, `${title} index`);
  const index = JSON.parse(new TextDecoder().decode(indexBytes)) as ClassicIndex;
  let done = 0;
  onProgress?.(0, index.classes.length);
  return Promise.all(
    index.classes.map(async (c) => {
      const data = await fetchBytes(`${base()}/${set}/${c.file}`, `${title} class ${c.name}`);
      if (data.length !== c.count * index.side * index.side)
        throw new DataError(`${title} class ${c.name}: ${data.length} bytes, expected ${c.count} images: rebuild with npm run build:data`);
      onProgress?.(++done, index.classes.length);
      return { name: c.name, data };
    }),
  );
}

export function classImages(set: ClassicSetId, onProgress?: (done: number, total: number) => void): Promise<ClassImages[]> {
  let entry = cache.get(set);
  if (!entry) {
    entry = fetchSet(set, onProgress);
    cache.set(set, entry);
    entry.catch(() => cache.delete(set));
  }
  return entry;
}
