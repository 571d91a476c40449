import * as tf from '@tensorflow/tfjs';
import type { ImageRecord } from '../data/types';

/** Stacks images (bytes) into a [B, H, W, C] float tensor in [0, 1]: one upload per batch. */
export function batchTensor(records: ImageRecord[], size: number, channels: number): tf.Tensor4D {
  const per = size * size * channels;
  const data = new Float32Array(records.length * per);
  records.forEach((r, i) => {
    const px = r.pixels;
    const o = i * per;
    for (let j = 0; j < per; j++) data[o + j] = px[j]! / 255;
  });
  return tf.tensor4d(data, [records.length, size, size, channels]);
}
