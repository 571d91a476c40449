import * as tf from '@tensorflow/tfjs';
import { VariableStore } from '../../nn/attention';
import { applyConv, createConv, type ConvParams } from '../../nn/dilatedConv';
import { instanceNorm } from '../../nn/instanceNorm';
import { PatchGan } from '../../nn/patchGan';
import { createResidualBlock, residualBlock, type ResidualBlockParams } from '../../nn/residual';
import type { ImageShape } from '../types';

/**
 * SCADN's networks (Yan et al., AAAI 2021; the EdgeConnect inpainting generator with one more
 * downsampling), from plain variables so that the discriminator's spectral norm and the emulated
 * dilation fit in.
 *
 * Generator: reflect-pad 7x7 conv -> `depth` x (4x4 stride-2 conv) -> `blocks` residual blocks with
 * dilation 2 -> `depth` x (2x nearest upsampling + 3x3 conv) -> reflect-pad 3x3 conv (see HEAD_KERNEL) -> sigmoid.
 * Instance norm + ReLU after every conv but the last. Channels: width, doubled per downsampling up
 * to 4 x width (EdgeConnect: 64 -> 128 -> 256).
 */
/**
 * The output conv's kernel. EdgeConnect mirrors its 7x7 input conv here; the papers do not say, and
 * at full resolution with few channels a 7x7 filter gradient cost a fifth of a wasm training step.
 */
export const HEAD_KERNEL = 3;

export interface GeneratorOptions {
  width: number;
  blocks: number;
  /** Downsamplings wanted (paper 3); fewer when the image is small, see generatorDepth. */
  depth: number;
  seed: number;
}

/** Smallest bottleneck side: dilation-2 3x3 convs need room to see past a stripe. */
export const MIN_BOTTLENECK = 8;

/** Downsamplings that fit: at most `wanted`, keeping a bottleneck of at least 8 px (32 px: 2, 64 px and up: 3). */
export function generatorDepth(size: number, wanted: number): number {
  let depth = 0;
  while (depth < wanted && size % 2 ** (depth + 1) === 0 && size / 2 ** (depth + 1) >= MIN_BOTTLENECK) depth++;
  return depth;
}

export function generatorChannels(width: number, depth: number): number[] {
  return Array.from({ length: depth + 1 }, (_, l) => width * Math.min(2 ** l, 4));
}

interface GeneratorWeights {
  stem: ConvParams;
  down: ConvParams[];
  blocks: ResidualBlockParams[];
  up: ConvParams[];
  head: ConvParams;
}

export class ScadnGenerator {
  readonly store: VariableStore;
  readonly depth: number;
  private readonly w: GeneratorWeights;

  constructor(shape: ImageShape, opts: GeneratorOptions) {
    const [h, , c] = shape;
    this.depth = generatorDepth(h, opts.depth);
    this.store = new VariableStore(opts.seed);
    const ch = generatorChannels(opts.width, this.depth);
    const s = this.store;
    this.w = {
      stem: createConv(s, 'stem', { kernel: 7, inChannels: c, outChannels: ch[0]!, bias: false }),
      down: ch.slice(1).map((cout, i) => createConv(s, `down${i}`, { kernel: 4, inChannels: ch[i]!, outChannels: cout, bias: false })),
      blocks: Array.from({ length: opts.blocks }, (_, i) => createResidualBlock(s, `block${i}`, { channels: ch[this.depth]!, dilation: 2 })),
      up: ch
        .slice(0, -1)
        .reverse()
        .map((cout, i) => createConv(s, `up${i}`, { kernel: 3, inChannels: ch[this.depth - i]!, outChannels: cout, bias: false })),
      head: createConv(s, 'head', { kernel: HEAD_KERNEL, inChannels: ch[0]!, outChannels: c }),
    };
  }

  /** Restores masked images [R, H, W, C] in [0, 1]; output in [0, 1]. */
  restore(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const normRelu = (t: tf.Tensor4D) => instanceNorm(t).relu() as tf.Tensor4D;
      let y = normRelu(applyConv(x, this.w.stem, { pad: 3, padMode: 'reflect' }));
      for (const conv of this.w.down) y = normRelu(applyConv(y, conv, { stride: 2, pad: 1 }));
      for (const block of this.w.blocks) y = residualBlock(y, block);
      for (const conv of this.w.up) {
        const [, hh, ww] = y.shape;
        const larger = tf.image.resizeNearestNeighbor(y, [2 * hh, 2 * ww]);
        y = normRelu(applyConv(larger, conv, { pad: 1, padMode: 'reflect' }));
      }
      return tf.sigmoid(applyConv(y, this.w.head, { pad: 'same', padMode: 'reflect' }));
    });
  }

  variables(): tf.Variable[] {
    return this.store.list();
  }

  dispose(): void {
    this.store.dispose();
  }
}

/** Stride-2 layers of the discriminator: 3 (pix2pix), fewer when the logit map would vanish. */
export function discriminatorStrides(size: number): number {
  let strided = 3;
  while (strided > 1 && size / 2 ** strided < 3) strided--;
  return strided;
}

export function buildDiscriminator(shape: ImageShape, width: number, seed: number): PatchGan {
  return new PatchGan({ inChannels: shape[2], width, strided: discriminatorStrides(shape[0]), spectralNorm: true, seed });
}
