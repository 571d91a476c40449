import * as tf from '@tensorflow/tfjs';
import { ssimLoss, ssimMap } from '../../ops/ssim';

export type AeLoss = 'l2' | 'ssim';

/** Training loss: mean squared error per pixel, or 1 - SSIM with an 11x11 window. */
export function aeLoss(kind: AeLoss, x: tf.Tensor4D, recon: tf.Tensor4D, ssimWindow: number): tf.Scalar {
  return kind === 'l2' ? tf.losses.meanSquaredError(x, recon) : ssimLoss(x, recon, { window: ssimWindow });
}

/** Anomaly map: squared residual averaged over channels, or 1 - SSIM. */
export function aeMap(kind: AeLoss, x: tf.Tensor4D, recon: tf.Tensor4D, ssimWindow: number): tf.Tensor3D {
  return tf.tidy(() =>
    kind === 'l2'
      ? (x.sub(recon).square().mean(3) as tf.Tensor3D)
      : (tf.scalar(1).sub(ssimMap(x, recon, { window: ssimWindow })) as tf.Tensor3D),
  );
}
