import type * as tf from '@tensorflow/tfjs';
import type { Dataset, ImageRecord } from '../data/types';

/**
 * The contract every method folder implements (`methods/<id>/index.ts` exports a MethodSpec).
 * A method is a plain object: a spec with defaults and a parameter schema the UI turns into
 * controls, and `create` that builds a run owning its variables and optimiser.
 */
export type MethodId = 'ae' | 'vae' | 'smai' | 'scadn' | 'riad' | 'intra' | 'memae' | 'mnad';
export type MethodFamily = 'reconstruction' | 'inpainting' | 'memory';

export type ParamValue = number | string | boolean;
export type MethodConfig = Record<string, ParamValue>;

export type ParamDef =
  | { key: string; label: string; help: string; kind: 'int' | 'float'; min: number; max: number; step?: number; log?: boolean }
  | { key: string; label: string; help: string; kind: 'choice'; options: readonly string[] }
  | { key: string; label: string; help: string; kind: 'bool' };

/** Images enter a method as [B, H, W, C] floats in [0, 1]. */
export type ImageShape = [h: number, w: number, c: number];

export interface InferResult {
  /** Reconstruction in [0, 1], [B, H, W, C]. */
  recon: tf.Tensor4D;
  /** Anomaly map, [B, H, W], larger = more anomalous. */
  map: tf.Tensor3D;
  /** Image score, [B]. */
  score: tf.Tensor1D;
  /**
   * Optional per-image score components, [B] each (MNAD: `psnr` and feature distance `dist`), for
   * methods whose final score needs the whole test set; see MethodRun.finalizeScores. Caller disposes.
   */
  parts?: Record<string, tf.Tensor1D>;
}

export interface MethodRun {
  /**
   * One optimisation step on a batch; returns named scalar losses (caller disposes), incl. `total`.
   * `records` are the batch's images in batch order (the Trainer passes them), for methods that need
   * CPU-side work per image without reading the batch back (SMAI's superpixels); others ignore them.
   */
  trainStep(batch: tf.Tensor4D, records?: readonly ImageRecord[]): Record<string, tf.Scalar>;
  /** Test-time pass with all of the method's passes batched; `records` as in trainStep. Caller disposes. */
  infer(batch: tf.Tensor4D, records?: readonly ImageRecord[]): InferResult;
  weights(): tf.NamedTensorMap;
  load(weights: tf.NamedTensorMap): void;
  paramCount(): number;
  dispose(): void;
  /**
   * Optional: called by evaluateRun before the first test batch, to reset test-time state (MNAD's
   * memory, which test-time updates change, restarts from the trained memory).
   */
  beginTest?(): void;
  /**
   * Optional: per-image CPU work done once per data set, before the Trainer's first step and before
   * evaluateRun's test pass (SMAI: SLIC superpixels of every image, cached by the run).
   */
  prepare?(dataset: Dataset): void;
  /**
   * Optional: called by evaluateRun after training, before the test pass, with batches of (a sample
   * of) the training images, for test-time scores that need statistics of normal images (SCADN: each
   * mask scale's mean error). The caller creates and disposes every batch.
   */
  calibrate?(trainBatches: Iterable<tf.Tensor4D>): Promise<void> | void;
  /**
   * Optional: final image scores from the whole test set's `infer` scores and `parts`, in test-set
   * order (MNAD min-max normalises PSNR and feature distance over the test set before mixing them).
   */
  finalizeScores?(parts: Record<string, Float32Array>, raw: Float32Array): Float32Array;
  /**
   * Optional: the data of the method's own view (latent space, memory prototypes, attention), as
   * plain serialisable data. `request.probe` are images the view is about (caller owns them).
   */
  extras?(request?: ExtrasRequest): Promise<MethodExtras> | MethodExtras;
  /**
   * Optional (inpainting methods): the masks this run draws for `image` ([H, W, C] in [0, 1]), made
   * by the same mask functions as training and testing, with the masked inputs and, once the run
   * has trained, the network's restoration of each. `record` lets a method reuse per-image work.
   */
  maskViews?(image: tf.Tensor3D, record?: ImageRecord): MaskView[];
}

/** One mask of an inpainting method, for the mask panel. */
export interface MaskView {
  title: string;
  /** H * W, 1 where the network has to restore the pixel (hidden from it). */
  mask: Uint8Array;
  /** The masked input the network sees, H * W * C in [0, 1]. */
  input?: Float32Array;
  /** The network's output for that input, H * W * C in [0, 1] (present once the run has trained). */
  restored?: Float32Array;
}

/** What a method view is computed on. */
export interface ExtrasRequest {
  /** Images [B, H, W, C] in [0, 1], e.g. the test set or the one image the user looks at. Not disposed by the method. */
  probe?: tf.Tensor4D;
  /** A patch of the probe's patch grid (InTra: the patch whose attention is shown). Default: the centre. */
  focus?: { row: number; col: number };
}

/** Images as bytes, N x H x W x C (row-major), e.g. decoded memory items or samples from the prior. */
export interface ImagesView {
  kind: 'images';
  title: string;
  count: number;
  h: number;
  w: number;
  channels: number;
  pixels: Uint8Array;
  /** One caption per image. */
  captions?: string[];
}

/** Points in 2-D (VAE latent means of the probe: the first two dimensions, or their top two principal axes). */
export interface LatentView {
  kind: 'latent';
  title: string;
  /** x0, y0, x1, y1, ... one point per probe image, in probe order. */
  points: Float32Array;
  axes: [string, string];
}

/** How often each memory item is the most used one (MemAE per code position, MNAD per query position). */
export interface MemoryUsageView {
  kind: 'memoryUsage';
  title: string;
  counts: Float32Array;
}

/** Per probe image, the index of the memory item each feature position reads most (MNAD). */
export interface UsageMapView {
  kind: 'usageMap';
  title: string;
  count: number;
  rows: number;
  cols: number;
  items: number;
  /** count x rows x cols item indices. */
  indices: Int32Array;
}

/** One curve per memory item over training steps (MNAD: cosine of each item to its initial value). */
export interface MemoryEvolutionView {
  kind: 'memoryEvolution';
  title: string;
  steps: Float32Array;
  /** items x steps.length values, item-major. */
  values: Float32Array;
  items: number;
}

/** InTra: the window used to inpaint the focused patch and the attention paid to each window position. */
export interface AttentionView {
  kind: 'attention';
  title: string;
  patch: number;
  rows: number;
  cols: number;
  /** The focused patch and its window (top-left patch r0, c0, side L), in patch units. */
  row: number;
  col: number;
  r0: number;
  c0: number;
  L: number;
  blocks: number;
  heads: number;
  /** blocks x heads x L*L: the inpaint token's attention row over the window positions (each row sums to 1). */
  weights: Float32Array;
}

export type MethodView = ImagesView | LatentView | MemoryUsageView | UsageMapView | MemoryEvolutionView | AttentionView;

export interface MethodExtras {
  views: MethodView[];
}

export interface MethodSpec {
  id: MethodId;
  title: string;
  family: MethodFamily;
  paper: { title: string; venue: string; url: string };
  /** The idea in two or three sentences. */
  summary: string;
  pros: string[];
  cons: string[];
  /** Browser-scale defaults. */
  defaults: MethodConfig;
  /** The paper's settings, one click away in the UI. */
  paperDefaults: MethodConfig;
  params: ParamDef[];
  /** True when the method's runs implement `maskViews` (the UI shows its mask panel for them). */
  hasMaskViews?: boolean;
  create(cfg: MethodConfig, shape: ImageShape, seed: number): MethodRun;
}

/** What the UI and CLI may see of a spec (no functions; crosses the worker boundary). */
export type MethodInfo = Omit<MethodSpec, 'create'>;

export function methodInfo(spec: MethodSpec): MethodInfo {
  const { create: _create, ...info } = spec;
  void _create;
  return info;
}

/** Reads a config value with its declared type, falling back to the spec's default. */
export function num(cfg: MethodConfig, key: string): number {
  const v = cfg[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`parameter "${key}" must be a number`);
  return v;
}
export function str(cfg: MethodConfig, key: string): string {
  const v = cfg[key];
  if (typeof v !== 'string') throw new Error(`parameter "${key}" must be a string`);
  return v;
}

/** Merges user values over defaults and checks each against the schema. */
export function resolveConfig(spec: MethodSpec, values: MethodConfig = {}): MethodConfig {
  const cfg: MethodConfig = { ...spec.defaults };
  for (const [key, value] of Object.entries(values)) {
    const def = spec.params.find((p) => p.key === key);
    if (!def) throw new Error(`${spec.id} has no parameter "${key}" (it has ${spec.params.map((p) => p.key).join(', ')})`);
    if (def.kind === 'int' || def.kind === 'float') {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || n < def.min || n > def.max || (def.kind === 'int' && !Number.isInteger(n))) {
        throw new Error(`${spec.id}: "${key}" must be ${def.kind === 'int' ? 'an integer' : 'a number'} in [${def.min}, ${def.max}], got ${String(value)}`);
      }
      cfg[key] = n;
    } else if (def.kind === 'choice') {
      if (typeof value !== 'string' || !def.options.includes(value)) {
        throw new Error(`${spec.id}: "${key}" must be one of ${def.options.join(', ')}, got ${String(value)}`);
      }
      cfg[key] = value;
    } else {
      cfg[key] = value === true || value === 'true';
    }
  }
  return cfg;
}
