import * as tf from '@tensorflow/tfjs';
import { ssimMap } from '../../ops/ssim';

export type SmaiLoss = 'l2' | 'l2+ssim';

/**
 * SMAI's loss on the hidden region only, images in [0, 1]. The test-time reconstruction keeps only
 * what each pass inpainted, so the visible pixels' output is never used; with skips the U-Net copies
 * them anyway, and counting them would dilute the inpainting signal by the visible share (50-70%).
 * - l2: squared error averaged over the hidden pixels;
 * - ssim: 1 - SSIM between the image and the composite (visible pixels from the input, hidden ones
 *   from the network), averaged over the hidden pixels, so that SSIM windows see real context.
 */
export function smaiLoss(
  kind: SmaiLoss,
  x: tf.Tensor4D,
  restored: tf.Tensor4D,
  hidden: tf.Tensor4D,
  ssimWindow: number,
): Record<string, tf.Scalar> & { total: tf.Scalar } {
  const channels = x.shape[3];
  const area = hidden.sum().add(1e-6);
  const l2 = x.sub(restored).square().mul(hidden).sum().div(area.mul(channels)) as tf.Scalar;
  if (kind === 'l2') return { total: l2 };
  const composite = x.mul(tf.scalar(1).sub(hidden)).add(restored.mul(hidden)) as tf.Tensor4D;
  const similarity = ssimMap(x, composite, { window: ssimWindow }).expandDims(3);
  const ssim = tf.scalar(1).sub(similarity.mul(hidden).sum().div(area)) as tf.Scalar;
  return { l2, ssim, total: l2.add(ssim) as tf.Scalar };
}
