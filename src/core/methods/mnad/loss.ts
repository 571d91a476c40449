import * as tf from '@tensorflow/tfjs';
import { compactnessPerQuery, separateness } from './memory';

/**
 * MNAD's objective: pixel MSE + lambdaC * compactness (queries close to their nearest item) +
 * lambdaS * separateness (triplet, margin 1: nearest item closer than the second nearest). The
 * items are constants here: the update rule, not gradients, moves them.
 */
export function mnadLoss(
  x: tf.Tensor4D,
  recon: tf.Tensor4D,
  q: tf.Tensor2D,
  items: tf.Tensor2D,
  nearest: { first: tf.Tensor2D; second: tf.Tensor2D },
  lambdaC: number,
  lambdaS: number,
): { mse: tf.Scalar; compactness: tf.Scalar; separateness: tf.Scalar; total: tf.Scalar } {
  const mse = tf.losses.meanSquaredError(x, recon) as tf.Scalar;
  const compact = compactnessPerQuery(q, items, nearest.first).mean() as tf.Scalar;
  const separate = separateness(q, items, nearest.first, nearest.second);
  return { mse, compactness: compact, separateness: separate, total: mse.add(compact.mul(lambdaC)).add(separate.mul(lambdaS)) as tf.Scalar };
}
