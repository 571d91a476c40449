import * as tf from '@tensorflow/tfjs';
import { msgmsLoss } from '../../ops/msgms';
import { ssimLoss } from '../../ops/ssim';

/** InTra's weights of the MSGMS and SSIM terms against L2. */
export const GMS_WEIGHT = 0.01;
export const SSIM_WEIGHT = 0.01;

/** SSIM window for K x K patches: 11 as usual, or the largest odd size that fits in the patch. */
export function patchSsimWindow(patch: number): number {
  return Math.min(11, patch % 2 === 1 ? patch : patch - 1);
}

/** L2 + 0.01 * (1 - MSGMS) + 0.01 * (1 - SSIM), on the inpainted patches [S, K, K, C]. */
export function intraLoss(target: tf.Tensor4D, pred: tf.Tensor4D): { l2: tf.Scalar; msgms: tf.Scalar; ssim: tf.Scalar; total: tf.Scalar } {
  const l2 = tf.losses.meanSquaredError(target, pred) as tf.Scalar;
  const msgms = msgmsLoss(target, pred);
  const ssim = ssimLoss(target, pred, { window: patchSsimWindow(target.shape[1]) });
  return { l2, msgms, ssim, total: l2.add(msgms.mul(GMS_WEIGHT)).add(ssim.mul(SSIM_WEIGHT)) as tf.Scalar };
}
