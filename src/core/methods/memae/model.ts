import * as tf from '@tensorflow/tfjs';
import { BatchNorm } from '../../nn/batchNorm';
import { buildConvDecoder, buildConvEncoder } from '../../nn/convAutoencoder';
import { initMemoryItems, readMemory, type MemoryRead } from '../../nn/memory';
import type { ImageShape } from '../types';

/**
 * Two networks around the memory, which always addresses the encoder's per-position features
 * (MemAE's reference code flattens [B, h, w, C] to B*h*w codes of C):
 * - 'small': MemAE's MNIST network, convs (kernel/stride -> channels) 1/2->w, 3/2->2w, 3/2->4w and
 *   transposed convs 3/2->4w, 3/2->2w, 3/2->C, BN + ReLU between layers; w = 16 is the paper's.
 *   The code is a (H/8 x W/8) map of 4w-d features, so each item is a local part, not a digit.
 * - 'conv': the lab's conv AE (as AE), whose code is one dense vector (a 1x1 map): there the memory
 *   holds whole-image codes, and an item decoded alone is a prototype image.
 */
export type MemaeNet = 'small' | 'conv';

export interface MemaeNetwork {
  encoder: tf.Sequential;
  decoder: tf.Sequential;
  /** Memory items [N, C]; trained by gradients like the network. */
  items: tf.Variable<tf.Rank.R2>;
  /** Code map shape [h, w, C]. */
  codeShape: [number, number, number];
  /** Encodes, reads the memory per position (or passes the code through when memory is off), decodes. */
  forward(x: tf.Tensor4D, training: boolean): { recon: tf.Tensor4D; address: MemoryRead | null };
  /** Decodes code maps filled with one item each: [N, H, W, C]. */
  decodeItems(): tf.Tensor4D;
}

export interface MemaeOptions {
  net: MemaeNet;
  width: number;
  latent: number;
  items: number;
  /** Shrinkage threshold lambda; 0 for none. */
  lambda: number;
  /** false: the same network without memory (the paper's AE baseline). */
  memory: boolean;
  seed: number;
}

function init(seed: number, i: number) {
  return tf.initializers.heNormal({ seed: seed * 131 + i });
}

/** Spatial sizes of the small network's encoder: H, ceil(H/2), ceil(H/4), ceil(H/8). */
function smallSizes(h: number): number[] {
  const sizes = [h];
  for (let i = 0; i < 3; i++) sizes.push(Math.ceil(sizes[i]! / 2));
  return sizes;
}

function buildSmallEncoder(shape: ImageShape, width: number, seed: number): tf.Sequential {
  const model = tf.sequential({ name: 'memae-encoder' });
  const layers: [number, number][] = [
    [1, width],
    [3, 2 * width],
    [3, 4 * width],
  ];
  layers.forEach(([kernelSize, filters], i) => {
    model.add(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: shape } : {}),
        filters,
        kernelSize,
        strides: 2,
        padding: 'same',
        kernelInitializer: init(seed, i),
      }),
    );
    model.add(new BatchNorm({ momentum: 0.9 }));
    model.add(tf.layers.reLU());
  });
  return model;
}

function buildSmallDecoder(shape: ImageShape, width: number, seed: number): tf.Sequential {
  const [h, w, c] = shape;
  const hs = smallSizes(h);
  const ws = smallSizes(w);
  const model = tf.sequential({ name: 'memae-decoder' });
  const filters = [4 * width, 2 * width, c];
  filters.forEach((f, i) => {
    const last = i === filters.length - 1;
    model.add(
      tf.layers.conv2dTranspose({
        ...(i === 0 ? { inputShape: [hs[3]!, ws[3]!, 4 * width] } : {}),
        filters: f,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: last ? 'sigmoid' : 'linear',
        kernelInitializer: init(seed, 10 + i),
      }),
    );
    // A transposed conv doubles the side; crop back to the encoder's size at this level (28 -> 14 -> 7 -> 4 and back).
    const cropH = 2 * hs[3 - i]! - hs[2 - i]!;
    const cropW = 2 * ws[3 - i]! - ws[2 - i]!;
    if (cropH > 0 || cropW > 0) model.add(tf.layers.cropping2D({ cropping: [[0, cropH], [0, cropW]] }));
    if (!last) {
      model.add(new BatchNorm({ momentum: 0.9 }));
      model.add(tf.layers.reLU());
    }
  });
  return model;
}

export function buildMemae(shape: ImageShape, opts: MemaeOptions): MemaeNetwork {
  const { net, width, latent, seed } = opts;
  const encoder = net === 'small' ? buildSmallEncoder(shape, width, seed) : buildConvEncoder(shape, { width, latent, seed });
  const decoder = net === 'small' ? buildSmallDecoder(shape, width, seed) : buildConvDecoder(shape, { width, latent, seed });
  const [, ch, cw, cc] = encoder.outputs[0]!.shape as number[];
  const codeShape: [number, number, number] = [ch!, cw!, cc!];
  const items = initMemoryItems(opts.items, cc!, seed * 7 + 3);
  const toCodes = (code: tf.Tensor4D) => code.reshape([-1, cc!]) as tf.Tensor2D;
  return {
    encoder,
    decoder,
    items,
    codeShape,
    forward: (x, training) => {
      const code = encoder.apply(x, { training }) as tf.Tensor4D;
      if (!opts.memory) return { recon: decoder.apply(code, { training }) as tf.Tensor4D, address: null };
      const address = readMemory(toCodes(code), items, opts.lambda);
      const recon = decoder.apply(address.read.reshape(code.shape), { training }) as tf.Tensor4D;
      return { recon, address };
    },
    decodeItems: () =>
      tf.tidy(() => {
        const n = items.shape[0];
        const filled = items.reshape([n, 1, 1, cc!]).tile([1, ch!, cw!, 1]) as tf.Tensor4D;
        return decoder.apply(filled, { training: false }) as tf.Tensor4D;
      }),
  };
}
