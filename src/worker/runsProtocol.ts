/**
 * Types of the saved-runs half of the worker API (issue 8): saved runs, run files, the training
 * checkpoint, fault notices and the debug hooks the reliability tests use. protocol.ts folds
 * RunsApi into LabApi and RunsEvent into LabEvent.
 */
import type { SyntheticOptions } from '../core/data/synthetic';
import type { TestMetrics } from '../core/metrics/summary';
import type { RunRecord } from '../core/runs/format';
import type { RunState, TrainConfig } from '../core/train/engine';
import type { ClassicRequest } from './dataProtocol';

export type { RunRecord };

/** How the current data set can be made again (after a reload, or in a restarted worker). */
export type DatasetSource =
  | { kind: 'synthetic'; options: Partial<SyntheticOptions> }
  | { kind: 'classic'; request: ClassicRequest }
  /** An imported set, saved in the browser. */
  | { kind: 'stored'; id: string }
  /** Not reproducible (an import that could not be saved). */
  | { kind: 'none' };

export interface SavedRunInfo extends RunRecord {
  id: string;
  origin: 'trained' | 'imported';
  paramCount: number;
  weightBytes: number;
}

/** The training checkpoint stored in the browser, without its weights. */
export interface CheckpointInfo {
  method: string;
  config: Record<string, number | string | boolean>;
  train: TrainConfig;
  dataset: { id: string; name: string; size: number; channels: 1 | 3 };
  source: DatasetSource;
  step: number;
  totalSteps: number;
  backend: string;
  savedAt: number;
}

export interface OpenedRun {
  id: string;
  /** 'scored': scored again on the current data set (an evaluation event carries the results); 'stored': only its saved metrics (the data set differs). */
  mode: 'scored' | 'stored';
  /** Scored again: whether every metric equals the saved one exactly. */
  identical: boolean | null;
  /** The metrics of the new scoring (null in 'stored' mode). */
  metrics: TestMetrics | null;
}

export type RunsEvent =
  | { type: 'run-saved'; info: SavedRunInfo }
  | { type: 'checkpoint'; info: CheckpointInfo | null }
  | { type: 'notice'; level: 'info' | 'warning'; text: string };

export interface RunsApi {
  /** The page's heartbeat: answers at once unless the worker is stuck. */
  ping(): string;
  savedRuns(): Promise<SavedRunInfo[]>;
  /** Loads a saved run's weights and scores it on the current data set when it is the run's. */
  openRun(id: string): Promise<OpenedRun>;
  deleteRun(id: string): Promise<SavedRunInfo[]>;
  /** The run as a .zip (run.json + weights.bin), for the page to offer as a download. */
  exportRun(id: string): Promise<{ name: string; bytes: Uint8Array }>;
  /** Validates a run file and saves it as a new run; a refusal throws with the reason. */
  importRun(file: Blob): Promise<SavedRunInfo>;
  checkpointInfo(): Promise<CheckpointInfo | null>;
  /** Continues the stored checkpoint's training on the current data set (which must be its own). */
  resumeTraining(): Promise<RunState>;
  discardCheckpoint(): Promise<void>;
}

/** Fault injection for the reliability tests (reachable from the page only with ?debug in the URL). */
export interface DebugApi {
  /** Destroys the WebGPU device under tfjs, as a driver reset would; resolves with what happened. */
  debugLoseDevice(): Promise<string>;
  /** The next training step poisons the weights with NaN (its loss becomes NaN). */
  debugPoisonNextStep(): void;
  /** Blocks the worker's thread for `ms` (a hang). */
  debugHang(ms: number): void;
  /** Throws an uncaught error in the worker (a crash the page sees as an 'error' event). */
  debugCrash(): void;
}
