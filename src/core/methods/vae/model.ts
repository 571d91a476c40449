import * as tf from '@tensorflow/tfjs';
import { buildConvDecoder, buildConvEncoder } from '../../nn/convAutoencoder';
import type { ImageShape } from '../types';

/**
 * The lab's conv autoencoder with a two-headed code: the encoder's last conv gives 2 x latent
 * channels, read as the mean and the log-variance of q(z | x); the decoder is the AE's.
 */
export interface VaeNetwork {
  encoder: tf.Sequential;
  decoder: tf.Sequential;
  latent: number;
  encode(x: tf.Tensor4D): { mu: tf.Tensor2D; logVar: tf.Tensor2D };
  decode(z: tf.Tensor2D): tf.Tensor4D;
}

export function buildVae(shape: ImageShape, width: number, latent: number, seed: number): VaeNetwork {
  const encoder = buildConvEncoder(shape, { width, latent, codeChannels: 2 * latent, seed });
  const decoder = buildConvDecoder(shape, { width, latent, seed });
  return {
    encoder,
    decoder,
    latent,
    encode: (x) => {
      const code = (encoder.apply(x, { training: true }) as tf.Tensor4D).reshape([x.shape[0], 2 * latent]) as tf.Tensor2D;
      const [mu, logVar] = tf.split(code, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      return { mu, logVar };
    },
    decode: (z) => decoder.apply(z.reshape([z.shape[0], 1, 1, latent]), { training: true }) as tf.Tensor4D,
  };
}

/** z = mu + sigma * eps, eps ~ N(0, I) from the given seed (one seed per training step). */
export function reparameterise(mu: tf.Tensor2D, logVar: tf.Tensor2D, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
    return mu.add(logVar.mul(0.5).exp().mul(eps)) as tf.Tensor2D;
  });
}
