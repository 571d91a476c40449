import { strToU8, zipSync, type Zippable } from 'fflate';
import type { TestMetrics } from '../metrics/summary';
import type { ImageShape, MethodConfig } from '../methods/types';
import type { LossHistory } from '../train/engine';
import { encodeWeights, type HostWeights, type WeightSpec } from './weights';

/**
 * A trained run as the lab keeps and shares it. Saved runs (IndexedDB) and run files (.zip) hold
 * the same record; a run file is
 *
 *   run.json     this record, the format's name and version, and a TF.js `weightsManifest`
 *   weights.bin  the weights in the TF.js weights format (little-endian float32, manifest order)
 *
 * readRunFile (validate.ts) checks every part before anything of it is used.
 */
export const RUN_FORMAT = 'reconlab-run';
export const RUN_VERSION = 1;
export const RUN_JSON = 'run.json';
export const WEIGHTS_BIN = 'weights.bin';

/** The training settings a run was made with (TrainConfig less the readback cadence). */
export interface RunTraining {
  epochs: number;
  batchSize: number;
  maxSteps?: number;
  maxSeconds?: number;
}

export interface RunRecord {
  method: string;
  config: MethodConfig;
  seed: number;
  /** Image shape the network was built for: [h, w, channels]. */
  shape: ImageShape;
  train: RunTraining;
  /** The data set it was trained on: its id decides whether the run can be scored again here. */
  dataset: { id: string; name: string };
  steps: number;
  trainSeconds: number;
  /** Backend it trained on, e.g. "webgpu". */
  backend: string;
  /** Milliseconds since 1970. */
  createdAt: number;
  /** Test-set metrics when it was saved; null when there was no test set to score. */
  metrics: TestMetrics | null;
  lossHistory: LossHistory;
  /** Remarks, e.g. that a non-finite loss rolled it back to a checkpoint. */
  notes: string[];
}

export interface WeightsManifestGroup {
  paths: string[];
  weights: WeightSpec[];
}

/** run.json. */
export interface RunDocument extends RunRecord {
  format: typeof RUN_FORMAT;
  version: typeof RUN_VERSION;
  weightsManifest: WeightsManifestGroup[];
  /** SHA-256 of weights.bin, hex: a damaged or edited weights file is refused. */
  weightsSha256: string;
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The .zip of a run: run.json and weights.bin. */
export async function packRunFile(record: RunRecord, weights: HostWeights): Promise<Uint8Array> {
  const { specs, data } = encodeWeights(weights);
  const doc: RunDocument = {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    ...record,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: specs }],
    weightsSha256: await sha256Hex(data),
  };
  const files: Zippable = {
    [RUN_JSON]: strToU8(JSON.stringify(doc, null, 1)),
    // Float weights barely compress: store them.
    [WEIGHTS_BIN]: [data, { level: 0 }],
  };
  return zipSync(files, { level: 6 });
}

/** "ae-synthetic-woven-32-gray-s1-2024-05-01.zip": a file name with nothing odd in it. */
export function runFileName(record: Pick<RunRecord, 'method' | 'dataset' | 'createdAt'>): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'run';
  const day = new Date(record.createdAt).toISOString().slice(0, 10);
  return `${safe(record.method)}-${safe(record.dataset.id)}-${day}.zip`;
}

/** Deep equality of plain JSON-like values (metrics saved with a run and metrics scored again). */
export function sameValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
