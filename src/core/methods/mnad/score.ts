import * as tf from '@tensorflow/tfjs';

/** PSNR of each image in dB, peak 1: [B]. */
export function psnr(x: tf.Tensor4D, recon: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const mse = x.sub(recon).square().mean([1, 2, 3]).maximum(1e-10);
    return mse.log().mul(-10 / Math.LN10) as tf.Tensor1D;
  });
}

/**
 * MNAD's test-time gate: the squared error weighted by 1 - exp(-error), so that large errors count
 * more; an image whose weighted error is below gamma counts as normal and may update the memory. [B].
 */
export function weightedError(x: tf.Tensor4D, recon: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const err = x.sub(recon).square();
    const weight = tf.scalar(1).sub(err.neg().exp());
    return weight.mul(err).sum([1, 2, 3]).div(weight.sum([1, 2, 3]).add(1e-12)) as tf.Tensor1D;
  });
}

function minMax(values: Float32Array): Float32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo;
  return values.map((v) => (span > 0 ? (v - lo) / span : 0));
}

/**
 * The anomaly score over a whole test set: lambda * (1 - g(PSNR)) + (1 - lambda) * g(D), with g
 * min-max normalisation over the set and D the per-image feature distance to the nearest items.
 */
export function mixScores(psnrs: Float32Array, dists: Float32Array, lambda: number): Float32Array {
  const p = minMax(psnrs);
  const d = minMax(dists);
  return p.map((v, i) => lambda * (1 - v) + (1 - lambda) * d[i]!);
}
