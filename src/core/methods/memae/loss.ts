import * as tf from '@tensorflow/tfjs';
import { addressingEntropy } from '../../nn/memory';

/** MemAE's objective: per-pixel squared error + alpha * entropy of the addressing weights. */
export function memaeLoss(
  x: tf.Tensor4D,
  recon: tf.Tensor4D,
  weights: tf.Tensor2D | null,
  alpha: number,
): { mse: tf.Scalar; entropy: tf.Scalar; total: tf.Scalar } {
  const mse = tf.losses.meanSquaredError(x, recon) as tf.Scalar;
  const entropy = weights ? addressingEntropy(weights) : tf.scalar(0);
  return { mse, entropy, total: mse.add(entropy.mul(alpha)) as tf.Scalar };
}
