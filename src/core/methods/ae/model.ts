import * as tf from '@tensorflow/tfjs';
import { buildConvDecoder, buildConvEncoder } from '../../nn/convAutoencoder';
import type { ImageShape } from '../types';

export interface AeNetwork {
  encoder: tf.Sequential;
  decoder: tf.Sequential;
  reconstruct(x: tf.Tensor4D): tf.Tensor4D;
}

export function buildAe(shape: ImageShape, width: number, latent: number, seed: number): AeNetwork {
  const encoder = buildConvEncoder(shape, { width, latent, seed });
  const decoder = buildConvDecoder(shape, { width, latent, seed });
  return {
    encoder,
    decoder,
    reconstruct: (x) => decoder.apply(encoder.apply(x, { training: true }), { training: true }) as tf.Tensor4D,
  };
}
