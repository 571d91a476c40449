import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dataset, ImageRecord } from '../../src/core/data/types';
import {
  StorageFullError,
  appendImages,
  deleteSet,
  lastOpenedId,
  listSets,
  loadSet,
  renameSet,
  saveNewSet,
  updateImages,
  useDatabaseName,
} from '../../src/worker/storage';

const SIZE = 8;

function record(id: string, split: 'train' | 'test', label: string, fill: number, withMask = false): ImageRecord {
  const r: ImageRecord = { id, name: `${id}.png`, split, label, pixels: new Uint8Array(SIZE * SIZE).fill(fill), originalWidth: 100 + fill, originalHeight: 50 };
  if (withMask) r.mask = new Uint8Array(SIZE * SIZE).fill(1);
  return r;
}

function dataset(id: string, trainCount: number, testGood: number, anomalous: number): Dataset {
  return {
    id,
    name: `set ${id}`,
    size: SIZE,
    channels: 1,
    train: Array.from({ length: trainCount }, (_, i) => record(`train/good/${i}`, 'train', 'good', i)),
    test: [
      ...Array.from({ length: testGood }, (_, i) => record(`test/good/${i}`, 'test', 'good', 100 + i)),
      ...Array.from({ length: anomalous }, (_, i) => record(`test/crack/${i}`, 'test', 'crack', 200 + i, true)),
    ],
  };
}

/** Makes IndexedDB refuse `put`s into the images store after `allowed` of them, as a full disk does. */
function failPutsAfter(allowed: number): () => void {
  const proto = IDBObjectStore.prototype;
  const original = proto.put;
  let count = 0;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'images' && ++count > allowed) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.apply(this, args);
  };
  return () => {
    proto.put = original;
  };
}

let dbCounter = 0;
beforeEach(() => useDatabaseName(`reconlab-test-${++dbCounter}`));

/** Image rows in the current test database, whatever set they belong to. */
async function imageRows(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(`reconlab-test-${dbCounter}`);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const count = await new Promise<number>((resolve, reject) => {
    const req = db.transaction('images').objectStore('images').count();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return count;
}
let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

describe('storage of data sets', () => {
  it('saves a set and reads it back in order, with masks and original sizes', async () => {
    const d = dataset('a', 5, 2, 3);
    const info = await saveNewSet(d, { gray: 10 });
    expect(info).toMatchObject({ trainCount: 5, testCount: 5, testLabels: { good: 2, crack: 3 }, masks: 3, bytes: 10 * 64 + 3 * 64 });
    const { dataset: back } = await loadSet('a');
    expect(back.train.map((r) => r.id)).toEqual(d.train.map((r) => r.id));
    expect(back.test.map((r) => [r.id, r.label, r.mask?.length ?? 0])).toEqual(d.test.map((r) => [r.id, r.label, r.mask?.length ?? 0]));
    expect(back.train[3]!.pixels).toEqual(d.train[3]!.pixels);
    expect(back.train[3]!.originalWidth).toBe(103);
  });

  it('lists sets, most recently opened first, and renames and deletes them', async () => {
    await saveNewSet(dataset('a', 2, 1, 1));
    await new Promise((r) => setTimeout(r, 5));
    await saveNewSet(dataset('b', 3, 0, 0));
    expect((await listSets()).map((s) => s.id)).toEqual(['b', 'a']);
    await new Promise((r) => setTimeout(r, 5));
    await loadSet('a');
    expect(await lastOpenedId()).toBe('a');
    await renameSet('b', '  tiles  ');
    expect((await listSets()).find((s) => s.id === 'b')!.name).toBe('tiles');
    await deleteSet('a');
    expect((await listSets()).map((s) => s.id)).toEqual(['b']);
    await expect(loadSet('a')).rejects.toThrow(/no longer stored/);
  });

  it('appends images and applies relabels and removals', async () => {
    const d = dataset('a', 3, 1, 0);
    await saveNewSet(d);
    const extra = [record('flat/x', 'test', 'dent', 7), record('flat/y', 'test', 'dent', 8)];
    const grown: Dataset = { ...d, test: [...d.test, ...extra] };
    const appended = await appendImages(grown, extra, { rgb: 2 });
    expect(appended.testLabels).toEqual({ good: 1, dent: 2 });
    expect(appended.sourceColours).toEqual({ rgb: 2 });

    // train/good/0 moves to test as good; flat/x is removed.
    const moved = { ...d.train[0]!, split: 'test' as const };
    const edited: Dataset = { ...d, train: d.train.slice(1), test: [...d.test, moved, extra[1]!] };
    const info = await updateImages(edited, [moved], ['flat/x']);
    expect(info).toMatchObject({ trainCount: 2, testCount: 3, testLabels: { good: 2, dent: 1 } });
    const { dataset: back } = await loadSet('a');
    expect(back.train.map((r) => r.id)).toEqual(['train/good/1', 'train/good/2']);
    expect(back.test.map((r) => r.id).sort()).toEqual(['flat/y', 'test/good/0', 'train/good/0']);
  });

  it('a full quota refuses a new set with a clear message and leaves the stored ones intact', async () => {
    const kept = dataset('kept', 4, 2, 2);
    await saveNewSet(kept);
    restore = failPutsAfter(3);
    const error = await saveNewSet(dataset('big', 20, 5, 5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toMatch(/^Browser storage is full.*not saved.*Sets saved before are unchanged/);
    restore();
    restore = null;
    expect((await listSets()).map((s) => s.id)).toEqual(['kept']);
    // The three images written before the failure were rolled back with the rest.
    await expect(loadSet('big')).rejects.toThrow(/no longer stored/);
    expect(await imageRows()).toBe(8);
    const { dataset: back } = await loadSet('kept');
    expect(back.train.length + back.test.length).toBe(8);
    expect(back.test.filter((r) => r.mask).length).toBe(2);
  });

  it('a full quota while adding to a set leaves that set as it was', async () => {
    const d = dataset('a', 4, 1, 1);
    await saveNewSet(d);
    const extra = Array.from({ length: 5 }, (_, i) => record(`more/${i}`, 'train', 'good', 50 + i));
    restore = failPutsAfter(2);
    await expect(appendImages({ ...d, train: [...d.train, ...extra] }, extra)).rejects.toBeInstanceOf(StorageFullError);
    restore();
    restore = null;
    const [info] = await listSets();
    expect(info).toMatchObject({ id: 'a', trainCount: 4, testCount: 2 });
    const { dataset: back } = await loadSet('a');
    expect(back.train.map((r) => r.id)).toEqual(d.train.map((r) => r.id));
  });
});
