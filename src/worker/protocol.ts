/** Types shared by the worker and the page. Only plain data and typed arrays cross the boundary. */
import type { BackendInfo, BackendName } from '../core/backend/names';
import type { SyntheticOptions } from '../core/data/synthetic';
import type { MaskView, MethodConfig, MethodExtras, MethodInfo } from '../core/methods/types';
import type { BoardRow, Budget } from '../core/compare/board';
import type { TestCurves } from '../core/metrics/summary';
import type { DataSetApi } from './dataProtocol';
import type { ImageMetrics } from '../core/train/evaluate';
import type { RunState, TrainConfig, TrainEvent } from '../core/train/engine';
import type { DatasetSource, DebugApi, RunsApi, RunsEvent } from './runsProtocol';
import type { StepApi } from './stepProtocol';

export type { BackendInfo, BackendName, BoardRow, Budget, MethodConfig, MethodInfo, RunState, SyntheticOptions, TestCurves, TrainConfig };

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
  /** ROC and PR curves, image and pixel, downsampled to ~500 points in the worker. */
  curves: TestCurves;
  /** How long the metrics and curves took in the worker. */
  metricsMs: number;
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
  /** How to make the data set again, so that a checkpoint can be resumed after a reload. */
  source?: DatasetSource;
}

export type LabEvent =
  | TrainEvent
  | { type: 'evaluating' }
  | { type: 'evaluation'; summary: EvaluationSummary }
  | { type: 'backend'; info: BackendInfo }
  | RunsEvent;

/** Data sets: generate, import, list, view (import, gallery and saved sets: see dataProtocol.ts). */
export interface DataApi extends DataSetApi {
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

/** One run of the compare queue: a method with its settings. */
export interface CompareEntry {
  /** Unique within a queue; names the run in events and sample rows. */
  key: string;
  label: string;
  method: string;
  config: MethodConfig;
}

export interface CompareRequest {
  entries: CompareEntry[];
  /** The same for every run. */
  budget: Budget;
  seed: number;
  batchSize: number;
}

/** A finished run of the queue: its leaderboard row and what the board plots. */
export interface CompareResult {
  key: string;
  row: BoardRow;
  curves: TestCurves;
  scores: Float32Array;
  labels: string[];
  /** Range of the run's anomaly maps over the whole test set. */
  mapMin: number;
  mapMax: number;
}

export type CompareEvent =
  | { type: 'run-start'; key: string; index: number; total: number }
  | { type: 'run-progress'; key: string; step: number; elapsedMs: number; fraction: number }
  | { type: 'run-scoring'; key: string }
  | { type: 'run-done'; result: CompareResult }
  | { type: 'run-failed'; key: string; message: string };

/** A finished run's reconstructions and maps of the chosen test images. */
export interface CompareSampleRow {
  key: string;
  samples: { index: number; score: number; recon: Uint8ClampedArray; map: Float32Array }[];
}

/** The compare board: a queue of runs, one after another, on the current data set. */
export interface CompareApi {
  /** Trains and scores every entry in turn; resolves when the queue is over or stopped. */
  runCompare(req: CompareRequest, onEvent: (e: CompareEvent) => void | Promise<void>): Promise<'done' | 'stopped'>;
  stopCompare(): void;
  /** For every finished run of the last queue, the chosen test images. */
  compareSamples(indices: number[]): Promise<CompareSampleRow[]>;
}

/** A trained method's own views (see MethodRun.extras), on chosen test images. */
export interface ViewsApi {
  methodViews(testIndices: number[], focus?: { row: number; col: number }): Promise<MethodExtras>;
}

/** Which image the mask panel is about, and the method whose masks it shows. */
export interface MaskRequest {
  method: string;
  /** The method's settings for an untrained run (a trained run of the method uses its own). */
  config: MethodConfig;
  /** Training seed of an untrained run: the masks a run with this seed would draw. */
  seed: number;
  split: 'train' | 'test';
  index: number;
}

/** An inpainting method's masks on one image (see MethodRun.maskViews), with the run's result once trained. */
export interface MaskPanelData {
  method: string;
  split: 'train' | 'test';
  index: number;
  /** Images in that split, for stepping through them. */
  count: number;
  name: string;
  label: string;
  size: number;
  channels: 1 | 3;
  /** The image, size x size x channels in [0, 1]. */
  image: Float32Array;
  masks: MaskView[];
  /** Present when a trained run of this method on this data set made the views. */
  trained: {
    steps: number;
    /** The run's infer on this image: what the masks' restorations combine into. */
    recon: Float32Array;
    map: Float32Array;
    score: number;
  } | null;
}

/** The mask panel: the masks training and testing draw, made by the method's own mask functions. */
export interface MasksApi {
  maskViews(req: MaskRequest): Promise<MaskPanelData>;
}

export interface LabApi extends StepApi, ViewsApi, MasksApi, DataApi, TrainApi, CompareApi, RunsApi, DebugApi {
  init(onEvent: (e: LabEvent) => void, backend: BackendName | 'auto'): Promise<BackendInfo>;
  setBackend(name: BackendName | 'auto'): Promise<BackendInfo>;
  methods(): MethodInfo[];
}
