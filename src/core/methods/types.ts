import type * as tf from '@tensorflow/tfjs';

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
}

export interface MethodRun {
  /** One optimisation step on a batch; returns named scalar losses (caller disposes), incl. `total`. */
  trainStep(batch: tf.Tensor4D): Record<string, tf.Scalar>;
  /** Test-time pass with all of the method's passes batched. Caller disposes the result. */
  infer(batch: tf.Tensor4D): InferResult;
  weights(): tf.NamedTensorMap;
  load(weights: tf.NamedTensorMap): void;
  paramCount(): number;
  dispose(): void;
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
