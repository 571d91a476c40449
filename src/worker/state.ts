import type { Dataset } from '../core/data/types';
import type { DatasetSummary } from './protocol';

/** The worker's current data set: every API module reads and replaces it through here. */
let current: Dataset | null = null;
const listeners: (() => void)[] = [];

export function currentDataset(): Dataset | null {
  return current;
}

export function requireDataset(): Dataset {
  if (!current) throw new Error('load a data set first');
  return current;
}

export function setCurrentDataset(d: Dataset): DatasetSummary {
  current = d;
  listeners.forEach((f) => f());
  return summarise(d);
}

/** Called when the data set changes (the trainer drops its evaluation, for example). */
export function onDatasetChange(f: () => void): void {
  listeners.push(f);
}

export function summarise(d: Dataset): DatasetSummary {
  const testLabels: Record<string, number> = {};
  const examples: Record<string, number[]> = {};
  d.test.forEach((r, i) => {
    testLabels[r.label] = (testLabels[r.label] ?? 0) + 1;
    const list = (examples[r.label] ??= []);
    if (list.length < 2) list.push(i);
  });
  return { id: d.id, name: d.name, size: d.size, channels: d.channels, trainCount: d.train.length, testCount: d.test.length, testLabels, examples };
}
