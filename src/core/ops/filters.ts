import * as tf from '@tensorflow/tfjs';

/**
 * Separable image filters as differentiable tfjs ops. Channels are folded into the batch so that a
 * plain conv2d with a constant 1-channel kernel does the work: its gradient needs only
 * Conv2DBackpropInput, which every backend has. Borders are reflected, so a flat image stays flat.
 */

export function gaussianKernel1d(size: number, sigma: number): Float32Array {
  const k = new Float32Array(size);
  const mid = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) {
    k[i] = Math.exp(-((i - mid) ** 2) / (2 * sigma * sigma));
    sum += k[i]!;
  }
  for (let i = 0; i < size; i++) k[i]! /= sum;
  return k;
}

export function boxKernel1d(size: number): Float32Array {
  return new Float32Array(size).fill(1 / size);
}

/** Applies a separable kernel (the same 1-D kernel along rows and columns) to x [B, H, W, C]. */
export function separableFilter(x: tf.Tensor4D, kernel1d: Float32Array): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const k = kernel1d.length;
    const before = Math.floor((k - 1) / 2);
    const after = k - 1 - before;
    // Reflection needs the pad to be smaller than the side; clamp it (large windows on tiny images).
    const padH: [number, number] = [Math.min(before, h - 1), Math.min(after, h - 1)];
    const padW: [number, number] = [Math.min(before, w - 1), Math.min(after, w - 1)];
    let y: tf.Tensor4D = c === 1 ? x : (x.transpose([0, 3, 1, 2]).reshape([b * c, h, w, 1]) as tf.Tensor4D);
    y = tf.mirrorPad(y, [[0, 0], padH, padW, [0, 0]], 'reflect');
    // When the pad was clamped, shorten the kernel the same way so the output keeps h x w.
    const kh = padH[0] + padH[1] + 1;
    const kw = padW[0] + padW[1] + 1;
    const colK = kh === k ? kernel1d : renormalise(kernel1d.subarray(before - padH[0], before + padH[1] + 1));
    const rowK = kw === k ? kernel1d : renormalise(kernel1d.subarray(before - padW[0], before + padW[1] + 1));
    y = tf.conv2d(y, tf.tensor4d(colK, [kh, 1, 1, 1]), 1, 'valid');
    y = tf.conv2d(y, tf.tensor4d(rowK, [1, kw, 1, 1]), 1, 'valid');
    return c === 1 ? y : (y.reshape([b, c, h, w]).transpose([0, 2, 3, 1]) as tf.Tensor4D);
  });
}

function renormalise(k: Float32Array): Float32Array {
  const out = Float32Array.from(k);
  const s = out.reduce((a, v) => a + v, 0);
  for (let i = 0; i < out.length; i++) out[i]! /= s;
  return out;
}

export function gaussianBlur(x: tf.Tensor4D, size: number, sigma: number): tf.Tensor4D {
  return separableFilter(x, gaussianKernel1d(size, sigma));
}

export function meanFilter(x: tf.Tensor4D, size: number): tf.Tensor4D {
  return separableFilter(x, boxKernel1d(size));
}

/** Scales a window size given for `refSize` px images to `size` px, keeping it odd and >= 3. */
export function scaleWindow(window: number, size: number, refSize = 256): number {
  const w = Math.max(3, Math.round((window * size) / refSize));
  return w % 2 === 1 ? w : w + 1;
}
