import * as tf from '@tensorflow/tfjs';
import { BatchNorm } from '../../nn/batchNorm';
import type { ImageShape } from '../types';

/**
 * MNAD's reconstruction network without skip connections, with its channel plan scaled by `width`
 * (the paper: width 64, feature dim 512). Encoder: three blocks of two conv-BN-ReLU, each followed
 * by 2x2 max pooling, then conv-BN-ReLU-conv to `dim` channels (no activation: the queries are
 * L2-normalised per position). Decoder, from concat(query, read item) = 2 x dim channels: a block
 * at dim, then three times a transposed conv (x2, BN, ReLU) and a block, then conv-BN-ReLU x2 and a
 * conv to the image channels (sigmoid for [0, 1] images; the paper's tanh is for [-1, 1]).
 */
export interface MnadNetwork {
  encoder: tf.Sequential;
  decoder: tf.Sequential;
  /** Feature map [h, w, dim] of the queries (H/8). */
  featureShape: [number, number, number];
}

function init(seed: number, i: number) {
  return tf.initializers.heNormal({ seed: seed * 173 + i });
}

function convBnRelu(model: tf.Sequential, filters: number, seed: number, i: number, inputShape?: number[]): void {
  model.add(tf.layers.conv2d({ ...(inputShape ? { inputShape } : {}), filters, kernelSize: 3, padding: 'same', kernelInitializer: init(seed, i) }));
  model.add(new BatchNorm({ momentum: 0.9 }));
  model.add(tf.layers.reLU());
}

export function buildMnad(shape: ImageShape, width: number, dim: number, seed: number): MnadNetwork {
  const [h, w, c] = shape;
  if (h % 8 !== 0 || w % 8 !== 0) throw new RangeError(`MNAD pools three times: the image side must be a multiple of 8, got ${h}`);
  const channels = [width, 2 * width, 4 * width];
  const encoder = tf.sequential({ name: 'mnad-encoder' });
  let layer = 0;
  channels.forEach((ch, level) => {
    convBnRelu(encoder, ch, seed, layer++, level === 0 ? shape : undefined);
    convBnRelu(encoder, ch, seed, layer++);
    encoder.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  });
  convBnRelu(encoder, dim, seed, layer++);
  encoder.add(tf.layers.conv2d({ filters: dim, kernelSize: 3, padding: 'same', kernelInitializer: init(seed, layer++) }));

  const decoder = tf.sequential({ name: 'mnad-decoder' });
  convBnRelu(decoder, dim, seed, layer++, [h / 8, w / 8, 2 * dim]);
  convBnRelu(decoder, dim, seed, layer++);
  for (let level = channels.length - 1; level >= 0; level--) {
    decoder.add(tf.layers.conv2dTranspose({ filters: channels[level]!, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(seed, layer++) }));
    decoder.add(new BatchNorm({ momentum: 0.9 }));
    decoder.add(tf.layers.reLU());
    if (level > 0) {
      convBnRelu(decoder, channels[level]!, seed, layer++);
      convBnRelu(decoder, channels[level]!, seed, layer++);
    }
  }
  convBnRelu(decoder, width, seed, layer++);
  convBnRelu(decoder, width, seed, layer++);
  decoder.add(tf.layers.conv2d({ filters: c, kernelSize: 3, padding: 'same', activation: 'sigmoid', kernelInitializer: init(seed, layer++) }));
  return { encoder, decoder, featureShape: [h / 8, w / 8, dim] };
}
