import * as tf from '@tensorflow/tfjs';
import { buildUnet, unetDepthFor } from '../../nn/unet';
import type { ImageShape } from '../types';

export interface InpaintNetOptions {
  /** Channels of the U-Net's first level (RIAD paper: 64). */
  base: number;
  /** Wanted number of downsamplings; fewer when the image is too small (bottleneck >= 4 px). */
  depth: number;
  up: 'transposed' | 'upsample';
  /** Extra input channels after the image's (SMAI feeds its mask as one). */
  extraInputs?: number;
  seed: number;
}

export interface InpaintNet {
  unet: tf.LayersModel;
  /** The depth actually built. */
  depth: number;
  /** Inputs in [-1, 1] (plus extra channels) to outputs in [-1, 1]; batch-norm statistics per `training`. */
  restore(x: tf.Tensor4D, training: boolean): tf.Tensor4D;
}

/**
 * RIAD's inpainting network: a U-Net with skips, BN + ReLU blocks and a tanh output, on images
 * scaled to [-1, 1]. Channels double per level and stop doubling at 8x base (64 -> 512 in the paper).
 * SMAI reuses it with its mask as an extra input channel.
 */
export function buildInpaintNet(shape: ImageShape, opts: InpaintNetOptions): InpaintNet {
  const [h, w, c] = shape;
  const depth = unetDepthFor(Math.min(h, w), opts.depth);
  const unet = buildUnet(h, w, {
    inChannels: c + (opts.extraInputs ?? 0),
    outChannels: c,
    base: opts.base,
    depth,
    maxMultiplier: 8,
    down: 'maxpool',
    up: opts.up,
    outActivation: 'tanh',
    seed: opts.seed,
  });
  return { unet, depth, restore: (x, training) => unet.apply(x, { training }) as tf.Tensor4D };
}
