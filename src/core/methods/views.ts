import * as tf from '@tensorflow/tfjs';
import type { ImagesView } from './types';

/** Reads images [N, H, W, C] in [0, 1] back as an ImagesView (one readback). Does not dispose `images`. */
export async function imagesView(images: tf.Tensor4D, title: string, captions?: string[]): Promise<ImagesView> {
  const [count, h, w, channels] = images.shape;
  const bytes = tf.tidy(() => images.clipByValue(0, 1).mul(255).round().toInt());
  const values = await bytes.data();
  bytes.dispose();
  return { kind: 'images', title, count, h, w, channels, pixels: Uint8Array.from(values), ...(captions ? { captions } : {}) };
}

/** Runs `fn` over a probe in chunks of `chunk` images and concatenates the results along axis 0. */
export function mapInChunks<T extends tf.Tensor>(probe: tf.Tensor4D, chunk: number, fn: (x: tf.Tensor4D) => T): T {
  return tf.tidy(() => {
    const n = probe.shape[0];
    if (n <= chunk) return fn(probe);
    const outs: T[] = [];
    for (let start = 0; start < n; start += chunk) {
      const size = Math.min(chunk, n - start);
      outs.push(fn(probe.slice([start, 0, 0, 0], [size, -1, -1, -1])));
    }
    return tf.concat(outs, 0) as T;
  });
}
