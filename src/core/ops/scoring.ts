import * as tf from '@tensorflow/tfjs';
import { gaussianBlur } from './filters';

/**
 * Image score = max of the Gaussian-smoothed anomaly map (sigma scales with the image: 4 px at
 * 256 px, as is common for MVTec maps). Smoothing keeps one noisy pixel from deciding the score.
 */
export function smoothSigma(size: number): number {
  return Math.max(1, (4 * size) / 256);
}

export function smoothMap(map: tf.Tensor3D, sigma: number): tf.Tensor3D {
  return tf.tidy(() => {
    const window = 2 * Math.ceil(2 * sigma) + 1;
    return gaussianBlur(map.expandDims(3) as tf.Tensor4D, window, sigma).squeeze([3]) as tf.Tensor3D;
  });
}

export function maxScore(map: tf.Tensor3D): tf.Tensor1D {
  return map.max([1, 2]) as tf.Tensor1D;
}
