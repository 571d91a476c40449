import * as tf from '@tensorflow/tfjs';
import type { MethodRun } from '../methods/types';

/**
 * A run's weights copied off the device: what checkpoints, saved runs and exported files hold.
 * Host copies survive what device memory does not (a lost GPU, a new backend, a reload), and the
 * TF.js weights format (one little-endian binary, a manifest of names, shapes and dtypes) is
 * their file form.
 */
export type WeightDtype = 'float32' | 'int32';

/** One entry of a TF.js `weightsManifest` group. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: WeightDtype;
}

export interface HostWeight extends WeightSpec {
  values: Float32Array | Int32Array;
}

export type HostWeights = HostWeight[];

const BYTES_PER_ELEMENT = 4;

export const elementCount = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);

export const specBytes = (s: WeightSpec): number => elementCount(s.shape) * BYTES_PER_ELEMENT;

function dtypeOf(t: tf.Tensor, name: string): WeightDtype {
  if (t.dtype === 'float32' || t.dtype === 'int32') return t.dtype;
  throw new Error(`weight "${name}" has dtype ${t.dtype}; only float32 and int32 weights can be saved`);
}

/** Names, shapes and dtypes of a run's weights, in a stable (sorted) order. */
export function weightSpecs(run: MethodRun): WeightSpec[] {
  const named = run.weights();
  return Object.keys(named)
    .sort()
    .map((name) => {
      const t = named[name]!;
      return { name, shape: [...t.shape], dtype: dtypeOf(t, name) };
    });
}

/** Copies every weight of `run` to the host (one readback per weight, all in flight together). */
export async function readHostWeights(run: MethodRun): Promise<HostWeights> {
  const named = run.weights();
  const names = Object.keys(named).sort();
  const values = await Promise.all(names.map((n) => named[n]!.data()));
  return names.map((name, i) => {
    const t = named[name]!;
    const dtype = dtypeOf(t, name);
    const v = values[i]!;
    // data() may hand back the backend's own buffer (cpu, wasm): copy, so later steps cannot change it.
    return { name, shape: [...t.shape], dtype, values: dtype === 'int32' ? Int32Array.from(v) : Float32Array.from(v) };
  });
}

/** Loads host weights into a run (which checks names and shapes); the temporary tensors are freed. */
export function loadHostWeights(run: MethodRun, weights: HostWeights): void {
  const named: tf.NamedTensorMap = {};
  for (const w of weights) named[w.name] = tf.tensor(w.values, w.shape, w.dtype);
  try {
    run.load(named);
  } finally {
    tf.dispose(Object.values(named));
  }
}

/** The first weight holding a NaN or an infinity, or null when all are finite. */
export function firstNonFinite(weights: HostWeights): string | null {
  for (const w of weights) {
    if (w.dtype !== 'float32') continue;
    for (let i = 0; i < w.values.length; i++) if (!Number.isFinite(w.values[i]!)) return w.name;
  }
  return null;
}

export function totalBytes(specs: readonly WeightSpec[]): number {
  return specs.reduce((n, s) => n + specBytes(s), 0);
}

/** The TF.js weights format: specs in order and one binary of their values, concatenated. */
export function encodeWeights(weights: HostWeights): { specs: WeightSpec[]; data: Uint8Array } {
  const data = new Uint8Array(totalBytes(weights));
  let offset = 0;
  for (const w of weights) {
    const bytes = new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength);
    data.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return { specs: weights.map(({ name, shape, dtype }) => ({ name, shape: [...shape], dtype })), data };
}

/** The inverse of encodeWeights; the caller has checked that `data` holds exactly the specs' bytes. */
export function decodeWeights(specs: readonly WeightSpec[], data: Uint8Array): HostWeights {
  if (data.byteLength !== totalBytes(specs)) throw new Error(`weights hold ${data.byteLength} bytes, the manifest declares ${totalBytes(specs)}`);
  // Copy into an aligned buffer: typed-array views need 4-byte aligned offsets.
  const aligned = new Uint8Array(data.byteLength);
  aligned.set(data);
  let offset = 0;
  return specs.map((s) => {
    const n = elementCount(s.shape);
    const values = s.dtype === 'int32' ? new Int32Array(aligned.buffer, offset, n) : new Float32Array(aligned.buffer, offset, n);
    offset += n * BYTES_PER_ELEMENT;
    return { name: s.name, shape: [...s.shape], dtype: s.dtype, values };
  });
}

/** Checkpoints and saved runs are compared by name, shape and dtype. */
export const specKey = (s: WeightSpec): string => `${s.name}:${s.dtype}:${s.shape.join('x')}`;
