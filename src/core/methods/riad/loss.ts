import * as tf from '@tensorflow/tfjs';
import { msgmsLoss } from '../../ops/msgms';
import { ssimLoss } from '../../ops/ssim';

/** RIAD's loss weights (L2, MSGMS, SSIM): 1 / 1 / 1 in the paper. */
export const RIAD_LOSS_WEIGHTS = { l2: 1, msgms: 1, ssim: 1 } as const;

/**
 * L2 + MSGMS + SSIM between the image and its assembled reconstruction, both in [0, 1]: MSGMS's
 * c = 0.0026 and SSIM's constants are meant for that range (the network itself works in [-1, 1]).
 */
export function riadLoss(x: tf.Tensor4D, recon: tf.Tensor4D, ssimWindow: number): Record<string, tf.Scalar> & { total: tf.Scalar } {
  const l2 = tf.losses.meanSquaredError(x, recon) as tf.Scalar;
  const msgms = msgmsLoss(x, recon);
  const ssim = ssimLoss(x, recon, { window: ssimWindow, sigma: 1.5 });
  const total = tf.addN([
    l2.mul(RIAD_LOSS_WEIGHTS.l2),
    msgms.mul(RIAD_LOSS_WEIGHTS.msgms),
    ssim.mul(RIAD_LOSS_WEIGHTS.ssim),
  ]) as tf.Scalar;
  return { l2, msgms, ssim, total };
}
