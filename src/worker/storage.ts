import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Dataset, ImageRecord, Split } from '../core/data/types';

/**
 * Imported data sets in IndexedDB, written and read by the worker only. One row per set in `sets`
 * (name, counts, bytes, dates) and one row per image in `images`, keyed [set id, image id], so a
 * relabel or a removal rewrites a few rows, not the whole set. Every change is one transaction
 * over both stores: when it fails (a full quota, most often) nothing of it is kept and what was
 * stored before is left as it was.
 */
export interface StoredSetInfo {
  id: string;
  name: string;
  size: number;
  channels: 1 | 3;
  trainCount: number;
  testCount: number;
  /** Test images per label ('good' and each defect type). */
  testLabels: Record<string, number>;
  masks: number;
  /** Pixel and mask bytes: what the images take in storage, give or take IndexedDB's overhead. */
  bytes: number;
  createdAt: number;
  updatedAt: number;
  openedAt: number;
  /** Colour models of the source files, counted at import (e.g. { gray: 900, rgb: 3 }). */
  sourceColours: Record<string, number>;
  /** Order given to the next image added, so a set reopens in the order it was built. */
  nextOrder: number;
}

interface StoredImage {
  set: string;
  id: string;
  order: number;
  name: string;
  split: Split;
  label: string;
  pixels: Uint8Array;
  mask?: Uint8Array;
  originalWidth?: number;
  originalHeight?: number;
}

interface LabDb extends DBSchema {
  sets: { key: string; value: StoredSetInfo };
  images: { key: [string, string]; value: StoredImage };
}

type WriteTx = IDBPTransaction<LabDb, ('sets' | 'images')[], 'readwrite'>;

/** A write refused for lack of space; its message is meant for the user as it is. */
export class StorageFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageFullError';
  }
}

let dbName = 'reconlab';
let dbPromise: Promise<IDBPDatabase<LabDb>> | null = null;

/** Tests use a fresh database each; the app keeps the default. */
export function useDatabaseName(name: string): void {
  dbPromise?.then((db) => db.close()).catch(() => {});
  dbName = name;
  dbPromise = null;
}

function database(): Promise<IDBPDatabase<LabDb>> {
  dbPromise ??= openDB<LabDb>(dbName, 1, {
    upgrade(db) {
      db.createObjectStore('sets', { keyPath: 'id' });
      db.createObjectStore('images', { keyPath: ['set', 'id'] });
    },
  });
  return dbPromise;
}

/** Every image row of a set: [id, ''] .. [id, []] (arrays sort after strings in IndexedDB). */
const rowsOf = (setId: string): IDBKeyRange => IDBKeyRange.bound([setId, ''], [setId, []]);

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;

export function datasetBytes(d: Pick<Dataset, 'train' | 'test'>): number {
  let n = 0;
  for (const r of [...d.train, ...d.test]) n += r.pixels.byteLength + (r.mask?.byteLength ?? 0);
  return n;
}

/** Counts of a data set as the saved list shows them. */
export function describeCounts(d: Dataset): Pick<StoredSetInfo, 'trainCount' | 'testCount' | 'testLabels' | 'masks' | 'bytes'> {
  const testLabels: Record<string, number> = {};
  let masks = 0;
  for (const r of d.test) {
    testLabels[r.label] = (testLabels[r.label] ?? 0) + 1;
    if (r.mask) masks++;
  }
  return { trainCount: d.train.length, testCount: d.test.length, testLabels, masks, bytes: datasetBytes(d) };
}

const toRow = (setId: string, r: ImageRecord, order: number): StoredImage => {
  const row: StoredImage = { set: setId, id: r.id, order, name: r.name, split: r.split, label: r.label, pixels: r.pixels };
  if (r.mask) row.mask = r.mask;
  if (r.originalWidth !== undefined) row.originalWidth = r.originalWidth;
  if (r.originalHeight !== undefined) row.originalHeight = r.originalHeight;
  return row;
};

const isQuotaError = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'name' in e && (e as { name: unknown }).name === 'QuotaExceededError';

function fullMessage(needed: number, estimate: StorageEstimate | null): string {
  const used = estimate?.usage !== undefined && estimate.quota ? ` (${mb(estimate.usage)} of ${mb(estimate.quota)} used)` : '';
  return (
    `Browser storage is full${used}: this change (about ${mb(needed)}) was not saved. ` +
    'Sets saved before are unchanged. Delete a saved set or import at a smaller working size.'
  );
}

export async function storageEstimate(): Promise<StorageEstimate | null> {
  try {
    return (await globalThis.navigator?.storage?.estimate?.()) ?? null;
  } catch {
    return null;
  }
}

/** Refuses early when the browser already says the bytes cannot fit. */
async function checkRoom(bytes: number): Promise<void> {
  const estimate = await storageEstimate();
  if (!estimate?.quota || estimate.usage === undefined) return;
  if (estimate.quota - estimate.usage < bytes * 1.1) throw new StorageFullError(fullMessage(bytes, estimate));
}

/**
 * Runs `work` in one read-write transaction over both stores. Any failure aborts it (so none of
 * its writes land) and a quota failure becomes a StorageFullError.
 */
async function writeAtomically(bytes: number, work: (tx: WriteTx, track: <T>(p: Promise<T>) => Promise<T>) => Promise<void> | void): Promise<void> {
  await checkRoom(bytes);
  const db = await database();
  const tx = db.transaction(['sets', 'images'], 'readwrite');
  const done = tx.done;
  const pending: Promise<unknown>[] = [];
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.push(p);
    return p;
  };
  try {
    await work(tx, track);
    await Promise.all([...pending, done]);
  } catch (error) {
    for (const p of pending) p.catch(() => {});
    try {
      tx.abort();
    } catch {
      // already aborted by the browser, or finished
    }
    await done.catch(() => {});
    if (isQuotaError(error) || isQuotaError(tx.error)) throw new StorageFullError(fullMessage(bytes, await storageEstimate()));
    throw error;
  }
}

/** Saves a new set (or replaces one with the same id) with all its images. */
export async function saveNewSet(d: Dataset, sourceColours: Record<string, number> = {}): Promise<StoredSetInfo> {
  const now = Date.now();
  const records = [...d.train, ...d.test];
  const info: StoredSetInfo = {
    id: d.id,
    name: d.name,
    size: d.size,
    channels: d.channels,
    ...describeCounts(d),
    createdAt: now,
    updatedAt: now,
    openedAt: now,
    sourceColours,
    nextOrder: records.length,
  };
  await writeAtomically(info.bytes, async (tx, track) => {
    const images = tx.objectStore('images');
    await track(images.delete(rowsOf(d.id)));
    records.forEach((r, order) => void track(images.put(toRow(d.id, r, order))));
    track(tx.objectStore('sets').put(info));
  });
  return info;
}

/** Adds images to a stored set; `d` is the set with them already in, for the counts. */
export async function appendImages(d: Dataset, added: readonly ImageRecord[], sourceColours: Record<string, number> = {}): Promise<StoredSetInfo> {
  let info: StoredSetInfo | undefined;
  const bytes = datasetBytes({ train: [...added], test: [] });
  await writeAtomically(bytes, async (tx, track) => {
    const old = await track(tx.objectStore('sets').get(d.id));
    if (!old) throw new Error(`data set ${d.id} is not stored`);
    const images = tx.objectStore('images');
    added.forEach((r, i) => void track(images.put(toRow(d.id, r, old.nextOrder + i))));
    const colours = { ...old.sourceColours };
    for (const [k, v] of Object.entries(sourceColours)) colours[k] = (colours[k] ?? 0) + v;
    info = { ...old, ...describeCounts(d), sourceColours: colours, nextOrder: old.nextOrder + added.length, updatedAt: Date.now() };
    track(tx.objectStore('sets').put(info));
  });
  return info!;
}

/** Rewrites changed images (same ids, new split, label or mask) and deletes removed ones. */
export async function updateImages(d: Dataset, changed: readonly ImageRecord[], removedIds: readonly string[]): Promise<StoredSetInfo> {
  let info: StoredSetInfo | undefined;
  await writeAtomically(datasetBytes({ train: [...changed], test: [] }), async (tx, track) => {
    const old = await track(tx.objectStore('sets').get(d.id));
    if (!old) throw new Error(`data set ${d.id} is not stored`);
    const images = tx.objectStore('images');
    const orders = await Promise.all(changed.map((r) => track(images.get([d.id, r.id]))));
    changed.forEach((r, i) => void track(images.put(toRow(d.id, r, orders[i]?.order ?? old.nextOrder + i))));
    for (const id of removedIds) track(images.delete([d.id, id]));
    info = { ...old, ...describeCounts(d), nextOrder: old.nextOrder + changed.length, updatedAt: Date.now() };
    track(tx.objectStore('sets').put(info));
  });
  return info!;
}

export async function listSets(): Promise<StoredSetInfo[]> {
  const sets = await (await database()).getAll('sets');
  return sets.sort((a, b) => b.openedAt - a.openedAt);
}

export async function getSetInfo(id: string): Promise<StoredSetInfo | undefined> {
  return (await database()).get('sets', id);
}

/** The set opened (or imported) last, if any is stored. */
export async function lastOpenedId(): Promise<string | null> {
  return (await listSets())[0]?.id ?? null;
}

/** Reads a set back in its stored order and marks it as the last opened. */
export async function loadSet(id: string): Promise<{ dataset: Dataset; info: StoredSetInfo }> {
  const db = await database();
  const info = await db.get('sets', id);
  if (!info) throw new Error('that data set is no longer stored (deleted in another tab?)');
  const rows = await db.getAll('images', rowsOf(id));
  rows.sort((a, b) => a.order - b.order);
  const dataset: Dataset = { id, name: info.name, size: info.size, channels: info.channels, train: [], test: [] };
  for (const row of rows) {
    const record: ImageRecord = { id: row.id, name: row.name, split: row.split, label: row.label, pixels: row.pixels };
    if (row.mask) record.mask = row.mask;
    if (row.originalWidth !== undefined) record.originalWidth = row.originalWidth;
    if (row.originalHeight !== undefined) record.originalHeight = row.originalHeight;
    (row.split === 'train' ? dataset.train : dataset.test).push(record);
  }
  const opened = { ...info, openedAt: Date.now() };
  await db.put('sets', opened);
  return { dataset, info: opened };
}

export async function renameSet(id: string, name: string): Promise<StoredSetInfo> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('a data set needs a name');
  let info: StoredSetInfo | undefined;
  await writeAtomically(0, async (tx, track) => {
    const old = await track(tx.objectStore('sets').get(id));
    if (!old) throw new Error('that data set is no longer stored');
    info = { ...old, name: trimmed.slice(0, 200), updatedAt: Date.now() };
    track(tx.objectStore('sets').put(info));
  });
  return info!;
}

export async function deleteSet(id: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(['sets', 'images'], 'readwrite');
  await Promise.all([tx.objectStore('images').delete(rowsOf(id)), tx.objectStore('sets').delete(id), tx.done]);
}
