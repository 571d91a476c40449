import type { Dataset, ImageRecord } from '../core/data/types';
import type { SplitTarget } from './dataProtocol';

/**
 * Pure edits of a data set: where a flat drop goes, adding images to a set, relabelling and
 * removing. Each returns a new Dataset (records that change are copied) and what changed, so the
 * caller can write just those rows to storage.
 */

/** Train images are always normal; a test label other than 'good' is a defect type. */
export function normaliseTarget(target: SplitTarget): SplitTarget {
  if (target.split === 'train') return { split: 'train', label: 'good' };
  const label = target.label.trim().replace(/[\\/]+/g, '-').slice(0, 60);
  return { split: 'test', label: label === '' ? 'anomaly' : label };
}

function moveTo(r: ImageRecord, target: SplitTarget): ImageRecord {
  const moved: ImageRecord = { ...r, split: target.split, label: target.label };
  // A normal image has no defect: a mask left on it would count as anomalous pixels in the metrics.
  if (target.label === 'good') delete moved.mask;
  return moved;
}

/** Puts the images of a flat drop (imported as train/good) where the user asked. */
export function placeFlat(records: readonly ImageRecord[], target: SplitTarget): ImageRecord[] {
  const t = normaliseTarget(target);
  return records.map((r) => moveTo(r, t));
}

/** Adds records to a set, renaming ids that are taken ('a.png' -> 'a.png#2'). */
export function addRecords(d: Dataset, records: readonly ImageRecord[]): { dataset: Dataset; added: ImageRecord[] } {
  const taken = new Set([...d.train, ...d.test].map((r) => r.id));
  const added = records.map((r) => {
    let id = r.id;
    for (let n = 2; taken.has(id); n++) id = `${r.id}#${n}`;
    taken.add(id);
    return id === r.id ? r : { ...r, id };
  });
  return {
    dataset: { ...d, train: [...d.train, ...added.filter((r) => r.split === 'train')], test: [...d.test, ...added.filter((r) => r.split === 'test')] },
    added,
  };
}

/** Moves the given images to a split and label; images already there are left alone. */
export function relabel(d: Dataset, ids: readonly string[], target: SplitTarget): { dataset: Dataset; changed: ImageRecord[] } {
  const t = normaliseTarget(target);
  const wanted = new Set(ids);
  const changed: ImageRecord[] = [];
  const keep: ImageRecord[] = [];
  for (const r of [...d.train, ...d.test]) {
    if (wanted.has(r.id) && (r.split !== t.split || r.label !== t.label)) {
      const moved = moveTo(r, t);
      changed.push(moved);
      keep.push(moved);
    } else keep.push(r);
  }
  return { dataset: { ...d, train: keep.filter((r) => r.split === 'train'), test: keep.filter((r) => r.split === 'test') }, changed };
}

export function removeRecords(d: Dataset, ids: readonly string[]): { dataset: Dataset; removed: string[] } {
  const wanted = new Set(ids);
  const removed = [...d.train, ...d.test].filter((r) => wanted.has(r.id)).map((r) => r.id);
  return {
    dataset: { ...d, train: d.train.filter((r) => !wanted.has(r.id)), test: d.test.filter((r) => !wanted.has(r.id)) },
    removed,
  };
}

/**
 * A name for a dropped set: the MVTec set's folder, else the folder everything sits in, else the
 * zip's name, else a count of the files.
 */
export function defaultSetName(paths: readonly string[], mvtecRoot = ''): string {
  if (mvtecRoot) return mvtecRoot.slice(mvtecRoot.lastIndexOf('/') + 1);
  const clean = paths.map((p) => p.replace(/\\/g, '/').replace(/^\/+/, ''));
  const first = clean[0]?.split('/')[0];
  if (first && clean.every((p) => p.includes('/') && p.split('/')[0] === first)) return first;
  if (clean.length === 1 && /\.zip$/i.test(clean[0]!)) return clean[0]!.replace(/\.zip$/i, '');
  return `${clean.length} file${clean.length === 1 ? '' : 's'}`;
}
