import * as tf from '@tensorflow/tfjs';
import { gridMasks } from '../../masks';
import { meanFilter } from '../../ops/filters';
import { msgmsMap } from '../../ops/msgms';
import type { Rng } from '../../rng';
import type { MaskView } from '../types';

/*
 * Inpainting passes as batched tensors. A "pass" hides one mask on one image; a batch of R passes
 * is described by `hidden`, [R, H, W, 1], 1 where the network must restore the pixel. Passes are
 * laid out pass-major: row p * B + b is mask p on image b. SMAI uses the same three helpers.
 */

/** Stacks per-row 0/1 masks (H * W bytes each) into a float [R, H, W, 1] tensor: one upload. */
export function hiddenTensor(rows: readonly Uint8Array[], h: number, w: number): tf.Tensor4D {
  const hw = h * w;
  const data = new Float32Array(rows.length * hw);
  rows.forEach((mask, r) => {
    if (mask.length !== hw) throw new RangeError(`mask ${r} has ${mask.length} pixels, expected ${hw}`);
    const o = r * hw;
    for (let i = 0; i < hw; i++) data[o + i] = mask[i]!;
  });
  return tf.tensor4d(data, [rows.length, h, w, 1]);
}

/** Row p * B + b of the result is x[b]: the batch repeated `times` times, pass-major. */
export function repeatBatch(x: tf.Tensor4D, times: number): tf.Tensor4D {
  return times === 1 ? x.clone() : tf.concat(Array.from({ length: times }, () => x), 0);
}

/**
 * The network's inputs: every image once per pass, hidden pixels replaced by `fill` (a number, or a
 * tensor broadcastable to [R, 1, 1, C], e.g. each row's visible mean).
 */
export function maskedInputs(x: tf.Tensor4D, hidden: tf.Tensor4D, fill: number | tf.Tensor = 0): tf.Tensor4D {
  return tf.tidy(() => {
    const passes = hidden.shape[0] / x.shape[0];
    if (!Number.isInteger(passes)) throw new RangeError(`${hidden.shape[0]} masks for a batch of ${x.shape[0]}`);
    const kept = repeatBatch(x, passes).mul(tf.scalar(1).sub(hidden));
    return (typeof fill === 'number' && fill === 0 ? kept : kept.add(hidden.mul(fill))) as tf.Tensor4D;
  });
}

/**
 * Assembles one reconstruction per image from `passes` inpainting passes: sum over passes of
 * restored * hidden, i.e. each pass contributes only the pixels it had to inpaint (RIAD's
 * sum_i f(x * M_i) * (1 - M_i), with M_i the kept pixels). With disjoint masks covering the image,
 * every pixel comes from exactly one pass.
 */
export function assemblePasses(restored: tf.Tensor4D, hidden: tf.Tensor4D, passes: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [rows, h, w, c] = restored.shape;
    const b = rows / passes;
    if (!Number.isInteger(b)) throw new RangeError(`${rows} restored rows do not split into ${passes} passes`);
    return restored.mul(hidden).reshape([passes, b, h, w, c]).sum(0) as tf.Tensor4D;
  });
}

/**
 * Runs `fn` over the rows of x in slices of at most `maxRows` and concatenates the outputs, so that
 * a test batch of many passes stays within memory. One call when it fits.
 */
export function applyInChunks(fn: (x: tf.Tensor4D) => tf.Tensor4D, x: tf.Tensor4D, maxRows: number): tf.Tensor4D {
  const rows = x.shape[0];
  if (rows <= maxRows) return fn(x);
  return tf.tidy(() => {
    const parts: tf.Tensor4D[] = [];
    for (let start = 0; start < rows; start += maxRows) {
      const size = Math.min(maxRows, rows - start);
      parts.push(fn(x.slice([start, 0, 0, 0], [size, -1, -1, -1])));
    }
    return tf.concat(parts, 0);
  });
}

/** Rows per network call at test time: about 2^25 first-level activations (128 MB of floats). */
export function maxRowsPerCall(h: number, w: number, base: number): number {
  return Math.max(1, Math.floor(2 ** 25 / (h * w * base)));
}

/** One RIAD scale: cell side in px and its `sets` disjoint masks (covering the image once). */
export interface RiadScale {
  cell: number;
  masks: Uint8Array[];
}

/** RIAD's test-time masks: for each cell size, `sets` disjoint grid masks. */
export function riadTestPlan(size: number, cells: readonly number[], sets: number, rng: Rng): RiadScale[] {
  return cells.map((cell) => ({ cell, masks: gridMasks(size, cell, sets, rng) }));
}

/** The plan's masks flattened in pass order (scale-major, then set), each repeated for `batch` images. */
export function planRows(plan: readonly RiadScale[], batch: number): Uint8Array[] {
  return plan.flatMap((scale) => scale.masks.flatMap((m) => Array.from({ length: batch }, () => m)));
}

/**
 * RIAD's anomaly map: sum over scales of (1 - MSGMS(x, reconstruction of that scale)), smoothed by
 * a `window` x `window` mean filter. x and reconstructions in [0, 1]; returns [B, H, W].
 */
export function riadMap(x: tf.Tensor4D, recons: readonly tf.Tensor4D[], window: number): tf.Tensor3D {
  return tf.tidy(() => {
    const sum = tf.addN(recons.map((r) => tf.scalar(1).sub(msgmsMap(x, r)))) as tf.Tensor3D;
    return meanFilter(sum.expandDims(3) as tf.Tensor4D, window).squeeze([3]) as tf.Tensor3D;
  });
}

/**
 * One MaskView per mask from the masked inputs and (once trained) restorations of all masks,
 * stacked mask after mask, `per` floats each (RIAD and SMAI share it).
 */
export function maskViewList(
  masks: readonly Uint8Array[],
  titles: readonly string[],
  inputs: Float32Array,
  restored: Float32Array | null,
  per: number,
): MaskView[] {
  return masks.map((mask, i) => ({
    title: titles[i]!,
    mask,
    input: inputs.slice(i * per, (i + 1) * per),
    ...(restored ? { restored: restored.slice(i * per, (i + 1) * per) } : {}),
  }));
}
