import * as tf from '@tensorflow/tfjs';
import { msgmsMap } from '../../ops/msgms';
import { maxScore, smoothMap } from '../../ops/scoring';

/** Map: 1 - MSGMS(x, x_hat), smoothed; image score: its max. */
export function intraScore(x: tf.Tensor4D, recon: tf.Tensor4D, sigma: number): { map: tf.Tensor3D; score: tf.Tensor1D } {
  return tf.tidy(() => {
    const map = smoothMap(tf.scalar(1).sub(msgmsMap(x, recon)) as tf.Tensor3D, sigma);
    return { map, score: maxScore(map) };
  });
}
