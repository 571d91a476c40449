import * as tf from '@tensorflow/tfjs';
import { gaussianBlur } from './filters';

export interface SsimOptions {
  /** Gaussian window side (odd). 11 as in Wang et al. */
  window?: number;
  sigma?: number;
  /** Value range of the images (1 for [0, 1] images, 2 for [-1, 1]). */
  dataRange?: number;
}

/**
 * Structural similarity map, differentiable. x, y: [B, H, W, C]. Returns [B, H, W], the SSIM of
 * each pixel's Gaussian neighbourhood averaged over channels (1 where the images agree).
 */
export function ssimMap(x: tf.Tensor4D, y: tf.Tensor4D, opts: SsimOptions = {}): tf.Tensor3D {
  const { window = 11, sigma = 1.5, dataRange = 1 } = opts;
  return tf.tidy(() => {
    const c1 = (0.01 * dataRange) ** 2;
    const c2 = (0.03 * dataRange) ** 2;
    const blur = (t: tf.Tensor4D) => gaussianBlur(t, window, sigma);
    const muX = blur(x);
    const muY = blur(y);
    const muX2 = muX.square();
    const muY2 = muY.square();
    const muXY = muX.mul(muY);
    const varX = blur(x.square()).sub(muX2);
    const varY = blur(y.square()).sub(muY2);
    const cov = blur(x.mul(y)).sub(muXY);
    const num = muXY.mul(2).add(c1).mul(cov.mul(2).add(c2));
    const den = muX2.add(muY2).add(c1).mul(varX.add(varY).add(c2));
    return num.div(den).mean(3) as tf.Tensor3D;
  });
}

/** Mean SSIM per image: [B]. */
export function ssim(x: tf.Tensor4D, y: tf.Tensor4D, opts: SsimOptions = {}): tf.Tensor1D {
  return tf.tidy(() => ssimMap(x, y, opts).mean([1, 2]) as tf.Tensor1D);
}

/** 1 - mean SSIM over the batch: a scalar loss. */
export function ssimLoss(x: tf.Tensor4D, y: tf.Tensor4D, opts: SsimOptions = {}): tf.Scalar {
  return tf.tidy(() => tf.scalar(1).sub(ssimMap(x, y, opts).mean()) as tf.Scalar);
}
