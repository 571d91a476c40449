import * as tf from '@tensorflow/tfjs';

/** Squared error summed over the pixels (and channels) of each image: [B]. */
export function reconstructionSum(x: tf.Tensor4D, recon: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => x.sub(recon).square().sum([1, 2, 3]) as tf.Tensor1D);
}

/** KL(q(z | x) || N(0, I)) of each image: [B]. */
export function klDivergence(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => logVar.add(1).sub(mu.square()).sub(logVar.exp()).sum(1).mul(-0.5) as tf.Tensor1D);
}

/**
 * Negative ELBO terms, averaged over the batch. The reconstruction term is summed over pixels, not
 * averaged: a per-pixel mean would be ~H*W times smaller and the KL term would swamp it (the
 * decoder would learn to ignore z).
 */
export function vaeLoss(
  x: tf.Tensor4D,
  recon: tf.Tensor4D,
  mu: tf.Tensor2D,
  logVar: tf.Tensor2D,
  beta: number,
): { recon: tf.Scalar; kl: tf.Scalar; total: tf.Scalar } {
  const rec = reconstructionSum(x, recon).mean() as tf.Scalar;
  const kl = klDivergence(mu, logVar).mean() as tf.Scalar;
  return { recon: rec, kl, total: rec.add(kl.mul(beta)) as tf.Scalar };
}

/** Per-image negative ELBO, decoded from the mean code: the 'elbo' image score. */
export function negativeElbo(x: tf.Tensor4D, recon: tf.Tensor4D, mu: tf.Tensor2D, logVar: tf.Tensor2D, beta: number): tf.Tensor1D {
  return tf.tidy(() => reconstructionSum(x, recon).add(klDivergence(mu, logVar).mul(beta)) as tf.Tensor1D);
}
