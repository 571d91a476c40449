import * as tf from '@tensorflow/tfjs';
import { maxScore, smoothMap } from '../../ops/scoring';

export type MemaeScore = 'max' | 'mean';

/**
 * Map: squared residual averaged over channels, smoothed. Image score: max of the smoothed map (the
 * lab's default), or the mean squared error of the image (MemAE's own score).
 */
export function memaeScore(x: tf.Tensor4D, recon: tf.Tensor4D, sigma: number, kind: MemaeScore): { map: tf.Tensor3D; score: tf.Tensor1D } {
  return tf.tidy(() => {
    const residual = x.sub(recon).square().mean(3) as tf.Tensor3D;
    const map = smoothMap(residual, sigma);
    return { map, score: kind === 'mean' ? (residual.mean([1, 2]) as tf.Tensor1D) : maxScore(map) };
  });
}
