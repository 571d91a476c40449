import * as Comlink from 'comlink';
import { oneClassSplit } from '../core/data/classic';
import { reasonOf } from '../core/data/errors';
import { importFiles, type ImportFile } from '../core/data/importer';
import type { Dataset, ImageRecord } from '../core/data/types';
import { classImages } from './classicLoader';
import { isComparing } from './compareApi';
import type { DataSetApi, ImportProgress, ImportReport } from './dataProtocol';
import { addRecords, defaultSetName, placeFlat } from './datasetEdit';
import { currentDataset, setCurrentDataset } from './state';
import { appendImages, getSetInfo, saveNewSet } from './storage';
import { isTraining } from './trainApi';

/**
 * Bringing data in: dropped files (decoded, resized and saved here, off the main thread) and the
 * one-class classic sets. An import that finds no valid image leaves the current set and storage
 * as they were.
 */
let running: AbortController | null = null;

/** Colour models of each imported set's source files, for sets that could not be saved. */
export const sourceColoursById = new Map<string, Record<string, number>>();

export function requireIdle(): void {
  if (isTraining() || isComparing()) throw new Error('stop training before changing the data set');
}

export const isUserSet = (d: Dataset | null): d is Dataset => d !== null && d.id.startsWith('user-');

const newSetId = (): string => `user-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** At most one progress message per `ms` (each is a message to the page), the last one always. */
function throttled(f: ((p: ImportProgress) => void) | undefined, ms = 100): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (!f || (now - last < ms && p.done < p.total)) return;
    last = now;
    void f(p);
  };
}

function release(callback: unknown): void {
  const remote = callback as { [Comlink.releaseProxy]?: () => void } | undefined;
  try {
    remote?.[Comlink.releaseProxy]?.();
  } catch {
    // a plain function (tests), or already released
  }
}

const storageMessage = (error: unknown): string =>
  error instanceof Error && error.name === 'StorageFullError' ? error.message : `Not saved in this browser: ${reasonOf(error)}`;

function countBySplit(records: readonly ImageRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[r.label] = (out[r.label] ?? 0) + 1;
  return out;
}

export const importApi: Pick<DataSetApi, 'importImages' | 'cancelImport' | 'loadClassic'> = {
  async importImages(files, req, onProgress) {
    requireIdle();
    if (running) throw new Error('an import is already running');
    const started = performance.now();
    const abort = new AbortController();
    running = abort;
    const progress = throttled(onProgress);
    try {
      const base = req.mode === 'add' ? currentDataset() : null;
      if (req.mode === 'add' && !isUserSet(base)) throw new Error('open an imported data set to add images to it');
      const size = base?.size ?? req.size;
      const channels = base?.channels ?? req.channels;
      const inputs: ImportFile[] = files.map((f) => ({ path: f.path, read: async () => new Uint8Array(await f.file.arrayBuffer()) }));
      const result = await importFiles(inputs, {
        size,
        channels,
        fit: req.fit,
        signal: abort.signal,
        onProgress: (done, total) => progress({ phase: 'decoding', done, total }),
      });
      let { train, test } = result;
      if (result.layout === 'flat') {
        const placed = placeFlat([...train, ...test], req.flatTarget);
        train = placed.filter((r) => r.split === 'train');
        test = placed.filter((r) => r.split === 'test');
      }
      const stats = { ...result.stats, train: countBySplit(train), test: countBySplit(test) };
      const report: ImportReport = {
        summary: null, layout: result.layout, root: result.root, imported: train.length + test.length,
        rejected: result.rejected, missingMasks: result.missingMasks, stats, stored: null, storageError: null, ms: 0,
      };
      if (report.imported > 0) {
        const colours = result.stats.channelsSeen as Record<string, number>;
        progress({ phase: 'saving', done: 0, total: report.imported });
        if (isUserSet(base)) {
          const { dataset, added } = addRecords(base, [...train, ...test]);
          report.summary = setCurrentDataset(dataset);
          const merged = { ...(sourceColoursById.get(base.id) ?? {}) };
          for (const [k, v] of Object.entries(colours)) merged[k] = (merged[k] ?? 0) + v;
          sourceColoursById.set(base.id, merged);
          try {
            report.stored = (await getSetInfo(base.id)) ? await appendImages(dataset, added, colours) : await saveNewSet(dataset, merged);
          } catch (error) {
            report.storageError = storageMessage(error);
          }
        } else {
          const name = req.name.trim().slice(0, 200) || defaultSetName(files.map((f) => f.path), result.root);
          const dataset: Dataset = { id: newSetId(), name, size, channels, train, test };
          report.summary = setCurrentDataset(dataset);
          sourceColoursById.set(dataset.id, colours);
          try {
            report.stored = await saveNewSet(dataset, colours);
          } catch (error) {
            report.storageError = storageMessage(error);
          }
        }
        progress({ phase: 'saving', done: report.imported, total: report.imported });
      }
      report.ms = Math.round(performance.now() - started);
      return report;
    } finally {
      running = null;
      release(onProgress);
    }
  },

  cancelImport() {
    running?.abort();
  },

  async loadClassic(req, onProgress) {
    requireIdle();
    try {
      const classes = await classImages(req.set, onProgress);
      const dataset = oneClassSplit(classes, req.normalClass, {
        anomalyRatio: req.anomalyRatio,
        seed: req.seed,
        size: req.size,
        channels: req.channels,
        setName: req.set,
      });
      return setCurrentDataset(dataset);
    } finally {
      release(onProgress);
    }
  },
};
