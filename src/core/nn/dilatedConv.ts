import * as tf from '@tensorflow/tfjs';
import type { VariableStore } from './attention';

/**
 * Convolutions from plain variables, with dilation that trains. tfjs computes a dilated conv2d
 * forward but has no gradient for it; a dilated convolution is an ordinary one on the d x d
 * interleaved sub-grids of the image, so it is rebuilt as space-to-batch (the sub-grids stacked in
 * the batch), a plain conv2d and batch-to-space (interleave them back). tf.spaceToBatchND does the
 * same through a 6-D transpose, which the wasm backend runs in a slow generic loop (50 ms for a
 * 16 x 12 x 12 x 64 batch, more than the conv itself); the shuffles here are rank-3 and rank-4
 * transposes (well under 1 ms there), differentiable on every backend.
 */

/** Same result as tf.conv2d(x, filter, 1, padding, 'NHWC', dilation), with a gradient. */
export function dilatedConv2d(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  dilation: number,
  padding: 'same' | 'valid' = 'valid',
): tf.Tensor4D {
  if (!Number.isInteger(dilation) || dilation < 1) throw new RangeError(`dilation must be a positive integer, got ${dilation}`);
  if (dilation === 1) return tf.conv2d(x, filter, 1, padding);
  return tf.tidy(() => {
    const d = dilation;
    const [, h, w] = x.shape;
    const [kh, kw] = filter.shape;
    const padH = padding === 'same' ? splitPad(d * (kh - 1)) : ([0, 0] as const);
    const padW = padding === 'same' ? splitPad(d * (kw - 1)) : ([0, 0] as const);
    const paddedH = h + padH[0] + padH[1];
    const paddedW = w + padW[0] + padW[1];
    if (paddedH < d * (kh - 1) + 1 || paddedW < d * (kw - 1) + 1) {
      throw new RangeError(`a ${kh}x${kw} kernel dilated ${d}x does not fit a ${paddedH}x${paddedW} input`);
    }
    // The sub-grids need sides divisible by d: pad the end, and crop the rows and columns this adds.
    const extraH = (d - (paddedH % d)) % d;
    const extraW = (d - (paddedW % d)) % d;
    const padded = tf.pad(x, [[0, 0], [padH[0], padH[1] + extraH], [padW[0], padW[1] + extraW], [0, 0]]);
    const y = batchToSpace(tf.conv2d(spaceToBatch(padded, d), filter, 1, 'valid'), d);
    const [, outH, outW] = y.shape;
    return extraH + extraW > 0 ? y.slice([0, 0, 0, 0], [-1, outH - extraH, outW - extraW, -1]) : y;
  });
}

/**
 * [B, H, W, C] -> [d * d * B, H / d, W / d, C]: row (j * d + i) * B + b holds the pixels
 * (y * d + i, x * d + j) of image b. H and W must be multiples of d. Only rank-3 and rank-4
 * transposes: wasm runs those natively, higher ranks (and rank-5 slices) in slow generic loops.
 */
export function spaceToBatch(x: tf.Tensor4D, d: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const [hd, wd] = [h / d, w / d];
    // Row parity i to the front: [i, B * H/d, W, C].
    const rowsFirst = x.reshape([b * hd, d, w, c]).transpose([1, 0, 2, 3]);
    // Column parity j to the front: [j, i * B * H/d * W/d, C].
    const colsFirst = rowsFirst.reshape([d * b * hd * wd, d, c]).transpose([1, 0, 2]);
    return colsFirst.reshape([d * d * b, hd, wd, c]);
  });
}

/** The inverse of spaceToBatch: [d * d * B, H, W, C] -> [B, H * d, W * d, C]. */
export function batchToSpace(x: tf.Tensor4D, d: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const b = n / (d * d);
    const colsBack = x.reshape([d, (n / d) * h * w, c]).transpose([1, 0, 2]);
    const rowsBack = colsBack.reshape([d, b * h, w * d, c]).transpose([1, 0, 2, 3]);
    return rowsBack.reshape([b, h * d, w * d, c]);
  });
}

/**
 * Reflection padding of H and W (PyTorch's ReflectionPad2d) with the exact gradient. tfjs's own
 * MirrorPad gradient only slices the centre out of dy and drops what flowed through the reflected
 * border copies; with 8 px bottlenecks and 2 px pads that is half the rows of a feature map.
 */
export function reflectPad(x: tf.Tensor4D, padH: readonly [number, number], padW: readonly [number, number]): tf.Tensor4D {
  const [, h, w] = x.shape;
  if (Math.max(...padH) >= h || Math.max(...padW) >= w) {
    throw new RangeError(`reflection pads ${padH.join('/')} x ${padW.join('/')} need a larger input than ${h}x${w}`);
  }
  const pad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor4D;
    const value = tf.mirrorPad(input, [[0, 0], [padH[0], padH[1]], [padW[0], padW[1]], [0, 0]], 'reflect');
    return {
      value,
      gradFunc: (dy: tf.Tensor) => foldReflection(foldReflection(dy as tf.Tensor4D, 1, padH, h), 2, padW, w),
    };
  });
  return pad(x) as tf.Tensor4D;
}

/** The adjoint of reflection padding along one axis: each border copy's gradient added back onto its source row. */
function foldReflection(dy: tf.Tensor4D, axis: 1 | 2, [before, after]: readonly [number, number], n: number): tf.Tensor4D {
  const part = (start: number, size: number) => {
    const begin = [0, 0, 0, 0];
    const sizes = [-1, -1, -1, -1];
    begin[axis] = start;
    sizes[axis] = size;
    return dy.slice(begin, sizes);
  };
  const padAxis = (t: tf.Tensor, lo: number, hi: number) => {
    const paddings: [number, number][] = [[0, 0], [0, 0], [0, 0], [0, 0]];
    paddings[axis] = [lo, hi];
    return t.pad(paddings);
  };
  let dx = part(before, n);
  // Padded row before - 1 - i copies source row 1 + i; padded row before + n + i copies row n - 2 - i.
  if (before > 0) dx = dx.add(padAxis(part(0, before).reverse(axis), 1, n - 1 - before));
  if (after > 0) dx = dx.add(padAxis(part(before + n, after).reverse(axis), n - 1 - after, 1));
  return dx as tf.Tensor4D;
}

/** Splits a total pad into before/after the way 'same' padding does (the odd pixel goes after). */
function splitPad(total: number): readonly [number, number] {
  const before = Math.floor(total / 2);
  return [before, total - before];
}

export interface ConvParams {
  /** [kh, kw, in, out], as tf.conv2d expects. */
  filter: tf.Variable;
  bias: tf.Variable | null;
}

export interface ConvShape {
  kernel: number;
  inChannels: number;
  outChannels: number;
  /** Default true. Leave it out before a normalisation, which removes any per-channel offset. */
  bias?: boolean;
  /** Initial weights ~ N(0, std^2); 0.02 as in pix2pix/EdgeConnect-style GAN code. */
  std?: number;
}

/** A conv's weights in `store`, named `<name>/filter` and `<name>/bias`. */
export function createConv(store: VariableStore, name: string, shape: ConvShape): ConvParams {
  const { kernel, inChannels, outChannels, bias = true, std = 0.02 } = shape;
  return {
    filter: store.add(`${name}/filter`, [kernel, kernel, inChannels, outChannels], { std }),
    bias: bias ? store.add(`${name}/bias`, [outChannels], { fill: 0 }) : null,
  };
}

export interface ConvOptions {
  stride?: number;
  dilation?: number;
  /** Pixels added on each side before a 'valid' convolution, or 'same' (dilation * (k - 1) in all). Default 0. */
  pad?: number | 'same';
  padMode?: 'zero' | 'reflect';
}

/**
 * Pads (zeros or reflection), then convolves with `filter` ('valid'), dilated when asked, and adds
 * `bias`. `filter` is a tensor so that a caller can pass a transformed weight (spectral norm).
 */
export function convolve(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor | null, opts: ConvOptions = {}): tf.Tensor4D {
  const { stride = 1, dilation = 1, pad = 0, padMode = 'zero' } = opts;
  if (dilation > 1 && stride > 1) throw new RangeError('a conv cannot be both strided and dilated');
  return tf.tidy(() => {
    const [kh, kw] = filter.shape;
    const padH = pad === 'same' ? splitPad(dilation * (kh - 1)) : ([pad, pad] as const);
    const padW = pad === 'same' ? splitPad(dilation * (kw - 1)) : ([pad, pad] as const);
    let padded = x;
    if (padH[0] + padH[1] + padW[0] + padW[1] > 0) {
      const paddings: [number, number][] = [[0, 0], [padH[0], padH[1]], [padW[0], padW[1]], [0, 0]];
      padded = padMode === 'reflect' ? reflectPad(x, padH, padW) : tf.pad(x, paddings);
    }
    const y = dilation > 1 ? dilatedConv2d(padded, filter, dilation, 'valid') : tf.conv2d(padded, filter, stride, 'valid');
    return bias ? (y.add(bias) as tf.Tensor4D) : y;
  });
}

/** convolve() with a conv's own weights. */
export function applyConv(x: tf.Tensor4D, conv: ConvParams, opts: ConvOptions = {}): tf.Tensor4D {
  return convolve(x, conv.filter as tf.Tensor as tf.Tensor4D, conv.bias, opts);
}
