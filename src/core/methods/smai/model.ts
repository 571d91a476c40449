import * as tf from '@tensorflow/tfjs';
import { buildInpaintNet, type InpaintNet } from '../riad/model';
import type { ImageShape } from '../types';

/**
 * SMAI's inpainting network: the RIAD U-Net (BN + ReLU, tanh out, images in [-1, 1]) with the mask
 * as one extra input channel, so that the network knows which pixels are missing even where the
 * fill value is a plausible pixel value.
 */
export function buildSmaiNet(shape: ImageShape, base: number, depth: number, up: 'transposed' | 'upsample', seed: number): InpaintNet {
  return buildInpaintNet(shape, { base, depth, up, extraInputs: 1, seed });
}

/** Network input: masked image and the mask, [R, H, W, C + 1]. */
export function withMaskChannel(masked: tf.Tensor4D, hidden: tf.Tensor4D): tf.Tensor4D {
  return tf.concat([masked, hidden], 3);
}
