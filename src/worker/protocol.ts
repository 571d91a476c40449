/** Types shared by the worker and the page. Only plain data and typed arrays cross the boundary. */
import type { BackendInfo, BackendName } from '../core/backend/names';
import type { SyntheticOptions } from '../core/data/synthetic';
import type { MethodConfig, MethodInfo } from '../core/methods/types';
import type { ImageMetrics } from '../core/train/evaluate';
import type { RunState, TrainConfig, TrainEvent } from '../core/train/engine';

export type { BackendInfo, BackendName, MethodConfig, MethodInfo, RunState, SyntheticOptions, TrainConfig };

export interface DatasetSummary {
  id: string;
  name: string;
  size: number;
  channels: 1 | 3;
  trainCount: number;
  testCount: number;
  /** Test images per label ('good' and each defect type). */
  testLabels: Record<string, number>;
  /** Indices of the first two test images of each label, for previews. */
  examples: Record<string, number[]>;
}

export interface ImageView {
  index: number;
  id: string;
  name: string;
  label: string;
  /** size x size x 4 RGBA, ready for putImageData. */
  rgba: Uint8ClampedArray;
  mask: Uint8Array | null;
}

export interface SampleView extends ImageView {
  score: number;
  recon: Uint8ClampedArray;
  map: Float32Array;
}

export interface EvaluationSummary {
  runId: number;
  method: string;
  metrics: ImageMetrics;
  inferMsPerImage: number;
  scores: Float32Array;
  labels: string[];
  /** Range of all anomaly map values over the test set, for a shared colour scale. */
  mapMin: number;
  mapMax: number;
  trainSteps: number;
  trainSeconds: number;
}

export interface TrainRequest {
  method: string;
  config: MethodConfig;
  train: TrainConfig;
}

export type LabEvent =
  | TrainEvent
  | { type: 'evaluating' }
  | { type: 'evaluation'; summary: EvaluationSummary }
  | { type: 'backend'; info: BackendInfo };

/** Data sets: generate, import, list, view. */
export interface DataApi {
  loadSynthetic(opts: Partial<SyntheticOptions>): Promise<DatasetSummary>;
  images(split: 'train' | 'test', indices: number[]): Promise<ImageView[]>;
}

/** Training and scoring of the current data set. */
export interface TrainApi {
  /** Trains, then evaluates on the test set. Resolves when both are over (or stopped). */
  train(req: TrainRequest): Promise<RunState>;
  pause(): void;
  resume(): void;
  stop(): void;
  samples(indices: number[]): Promise<SampleView[]>;
}

export interface LabApi extends DataApi, TrainApi {
  init(onEvent: (e: LabEvent) => void, backend: BackendName | 'auto'): Promise<BackendInfo>;
  setBackend(name: BackendName | 'auto'): Promise<BackendInfo>;
  methods(): MethodInfo[];
}
