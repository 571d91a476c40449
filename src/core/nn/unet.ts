import * as tf from '@tensorflow/tfjs';
import { BatchNorm } from './batchNorm';

export { BatchNorm };

/**
 * A U-Net (Ronneberger et al. 2015) built with the layers functional API, so it is an ordinary
 * tf.LayersModel: its weights save and load through nn/weights.ts like any other network.
 *
 * Each level is two (conv 3x3 -> BatchNorm -> ReLU) blocks. The encoder halves the side `depth`
 * times (max pooling or a strided conv); the decoder doubles it back (upsampling or a transposed
 * conv), concatenates the encoder's features of the same side (the skip) and runs two blocks again.
 * A 1x1 conv maps to the output channels. Used by the inpainting methods (RIAD, SMAI) and meant for
 * any later method that needs an image-to-image network.
 */
export interface UnetOptions {
  /** Input channels (RGB 3, gray 1, plus any extra channels such as a mask). */
  inChannels: number;
  /** Output channels; defaults to inChannels. */
  outChannels?: number;
  /** Channels of the first level; doubled per level up to base * maxMultiplier. */
  base: number;
  /** Number of 2x downsamplings; the side must be divisible by 2^depth. */
  depth: number;
  /** Cap on a level's channels, as a multiple of `base` (RIAD: 64 -> 512 -> 512 is base 64, cap 8). */
  maxMultiplier?: number;
  down?: 'maxpool' | 'strided';
  up?: 'upsample' | 'transposed';
  outActivation?: 'tanh' | 'sigmoid' | 'linear';
  /**
   * BatchNorm momentum in the Keras sense (moving = m * moving + (1 - m) * batch). 0.9 matches
   * PyTorch's default (0.1 the other way round), so short browser runs still get usable statistics.
   */
  bnMomentum?: number;
  /** Seed for the initialisers, so that a run is reproducible from its seed. */
  seed: number;
  name?: string;
}

/** Channels of each level 0..depth. */
export function unetChannels(base: number, depth: number, maxMultiplier = 8): number[] {
  return Array.from({ length: depth + 1 }, (_, l) => base * Math.min(2 ** l, maxMultiplier));
}

/**
 * The deepest U-Net that fits a side of `size`: at most `wanted` downsamplings, each one halving a
 * side that stays an integer, and a bottleneck of at least `minSide` px.
 */
export function unetDepthFor(size: number, wanted: number, minSide = 4): number {
  let depth = 0;
  while (depth < wanted && size % 2 ** (depth + 1) === 0 && size / 2 ** (depth + 1) >= minSide) depth++;
  return depth;
}

export function buildUnet(h: number, w: number, opts: UnetOptions): tf.LayersModel {
  const { base, depth, maxMultiplier = 8, down = 'maxpool', up = 'transposed', outActivation = 'tanh', bnMomentum = 0.9 } = opts;
  const step = 2 ** depth;
  if (h % step !== 0 || w % step !== 0) {
    throw new RangeError(`U-Net of depth ${depth} needs sides divisible by ${step}, got ${h}x${w}`);
  }
  const channels = unetChannels(base, depth, maxMultiplier);
  let layerIndex = 0;
  const init = () => tf.initializers.heNormal({ seed: opts.seed * 1009 + layerIndex++ });

  const convBnRelu = (x: tf.SymbolicTensor, filters: number, strides = 1): tf.SymbolicTensor => {
    const conv = tf.layers.conv2d({ filters, kernelSize: 3, strides, padding: 'same', useBias: false, kernelInitializer: init() });
    const bn = new BatchNorm({ momentum: bnMomentum });
    return tf.layers.reLU().apply(bn.apply(conv.apply(x))) as tf.SymbolicTensor;
  };
  const doubleConv = (x: tf.SymbolicTensor, filters: number) => convBnRelu(convBnRelu(x, filters), filters);

  const input = tf.input({ shape: [h, w, opts.inChannels] });
  const skips: tf.SymbolicTensor[] = [];
  let x = doubleConv(input, channels[0]!);
  for (let l = 1; l <= depth; l++) {
    skips.push(x);
    x =
      down === 'maxpool'
        ? (tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor)
        : convBnRelu(x, channels[l - 1]!, 2);
    x = doubleConv(x, channels[l]!);
  }
  for (let l = depth - 1; l >= 0; l--) {
    x =
      up === 'transposed'
        ? (tf.layers
            .conv2dTranspose({ filters: channels[l]!, kernelSize: 2, strides: 2, padding: 'same', kernelInitializer: init() })
            .apply(x) as tf.SymbolicTensor)
        : (tf.layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear' }).apply(x) as tf.SymbolicTensor);
    x = tf.layers.concatenate({ axis: -1 }).apply([skips[l]!, x]) as tf.SymbolicTensor;
    x = doubleConv(x, channels[l]!);
  }
  const out = tf.layers
    .conv2d({
      filters: opts.outChannels ?? opts.inChannels,
      kernelSize: 1,
      activation: outActivation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: opts.seed * 1009 + layerIndex++ }),
    })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: opts.name ?? 'unet' });
}
