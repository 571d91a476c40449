import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunRecord } from '../core/runs/format';
import { decodeWeights, encodeWeights, type HostWeights, type WeightSpec } from '../core/runs/weights';
import type { Checkpoint, LossHistory, TrainConfig } from '../core/train/engine';
import type { DatasetSource, SavedRunInfo } from './runsProtocol';

/**
 * Saved runs and the training checkpoint in IndexedDB ('reconlab-runs', apart from the data sets'
 * database), written and read by the worker only. A run's record (listed often) and its weights
 * (read when it is opened or exported) are separate rows; the checkpoint is one row, replaced at
 * each epoch end and on pause, and deleted when the run it belongs to has been saved.
 */
interface StoredWeights {
  id: string;
  specs: WeightSpec[];
  data: ArrayBuffer;
}

/** Everything needed to go on training after a reload: the run's settings, data set and weights. */
export interface StoredCheckpoint {
  method: string;
  config: Record<string, number | string | boolean>;
  train: TrainConfig;
  dataset: { id: string; name: string; size: number; channels: 1 | 3 };
  source: DatasetSource;
  step: number;
  totalSteps: number;
  elapsedMs: number;
  lossHistory: LossHistory;
  backend: string;
  savedAt: number;
  specs: WeightSpec[];
  data: ArrayBuffer;
}

interface RunsDb extends DBSchema {
  runs: { key: string; value: SavedRunInfo };
  weights: { key: string; value: StoredWeights };
  checkpoint: { key: string; value: StoredCheckpoint };
}

const CHECKPOINT_KEY = 'latest';

let dbName = 'reconlab-runs';
let dbPromise: Promise<IDBPDatabase<RunsDb>> | null = null;

/** Tests use a fresh database each; the app keeps the default. */
export function useRunsDatabaseName(name: string): void {
  dbPromise?.then((db) => db.close()).catch(() => {});
  dbName = name;
  dbPromise = null;
}

function database(): Promise<IDBPDatabase<RunsDb>> {
  dbPromise ??= openDB<RunsDb>(dbName, 1, {
    upgrade(db) {
      db.createObjectStore('runs', { keyPath: 'id' });
      db.createObjectStore('weights', { keyPath: 'id' });
      db.createObjectStore('checkpoint');
    },
  });
  return dbPromise;
}

const toBuffer = (data: Uint8Array): ArrayBuffer => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

export const newRunId = (): string => `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Saves a run's record and weights in one transaction (both or neither). */
export async function saveRun(info: SavedRunInfo, weights: HostWeights): Promise<void> {
  const { specs, data } = encodeWeights(weights);
  const db = await database();
  const tx = db.transaction(['runs', 'weights'], 'readwrite');
  await Promise.all([tx.objectStore('runs').put(info), tx.objectStore('weights').put({ id: info.id, specs, data: toBuffer(data) }), tx.done]);
}

export async function listRuns(): Promise<SavedRunInfo[]> {
  const runs = await (await database()).getAll('runs');
  return runs.sort((a, b) => b.createdAt - a.createdAt);
}

export async function getRun(id: string): Promise<{ info: SavedRunInfo; weights: HostWeights }> {
  const db = await database();
  const [info, stored] = await Promise.all([db.get('runs', id), db.get('weights', id)]);
  if (!info || !stored) throw new Error('that run is no longer saved (deleted in another tab?)');
  return { info, weights: decodeWeights(stored.specs, new Uint8Array(stored.data)) };
}

export async function deleteRun(id: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(['runs', 'weights'], 'readwrite');
  await Promise.all([tx.objectStore('runs').delete(id), tx.objectStore('weights').delete(id), tx.done]);
}

export async function saveCheckpoint(meta: Omit<StoredCheckpoint, 'specs' | 'data' | 'step' | 'elapsedMs' | 'lossHistory' | 'savedAt'>, cp: Checkpoint): Promise<void> {
  const { specs, data } = encodeWeights(cp.weights);
  const row: StoredCheckpoint = {
    ...meta,
    step: cp.step,
    elapsedMs: cp.elapsedMs,
    lossHistory: cp.lossHistory,
    savedAt: Date.now(),
    specs,
    data: toBuffer(data),
  };
  await (await database()).put('checkpoint', row, CHECKPOINT_KEY);
}

export async function getCheckpoint(): Promise<StoredCheckpoint | undefined> {
  return (await database()).get('checkpoint', CHECKPOINT_KEY);
}

export const checkpointWeights = (cp: StoredCheckpoint): HostWeights => decodeWeights(cp.specs, new Uint8Array(cp.data));

export async function clearCheckpoint(): Promise<void> {
  await (await database()).delete('checkpoint', CHECKPOINT_KEY);
}

export type { RunRecord };
