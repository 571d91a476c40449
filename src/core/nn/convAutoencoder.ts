import * as tf from '@tensorflow/tfjs';
import type { ImageShape } from '../methods/types';

/**
 * The convolutional autoencoder of Bergmann et al. at browser scale: strided 4x4 convs halve the
 * image down to 8x8, an 8x8 valid conv makes a dense code, and a mirrored decoder of transposed
 * convs rebuilds the image. Shared by AE, VAE and MemAE.
 */
export interface ConvAeOptions {
  /** Channels of the first conv; doubled per level, capped at 4x. */
  width: number;
  /** Size of the dense code. */
  latent: number;
  /** Code channels produced by the encoder (VAE asks for 2x latent: mean and log-variance). */
  codeChannels?: number;
  /** Output activation: sigmoid for [0, 1] images. */
  outActivation?: 'sigmoid' | 'linear';
  /** Seed for the initialisers, so a run is reproducible from its seed. */
  seed: number;
}

export function levelChannels(shape: ImageShape, width: number): number[] {
  const [h] = shape;
  const levels = Math.max(1, Math.round(Math.log2(h / 8)));
  return Array.from({ length: levels }, (_, i) => Math.min(width * 2 ** i, width * 4));
}

function init(seed: number, i: number) {
  return tf.initializers.glorotUniform({ seed: seed * 101 + i });
}

export function buildConvEncoder(shape: ImageShape, opts: ConvAeOptions): tf.Sequential {
  const [h, w, c] = shape;
  const channels = levelChannels(shape, opts.width);
  const model = tf.sequential({ name: 'encoder' });
  channels.forEach((ch, i) => {
    model.add(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: [h, w, c] } : {}),
        filters: ch,
        kernelSize: 4,
        strides: 2,
        padding: 'same',
        kernelInitializer: init(opts.seed, i),
      }),
    );
    model.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  });
  const side = h / 2 ** channels.length;
  model.add(
    tf.layers.conv2d({
      filters: opts.codeChannels ?? opts.latent,
      kernelSize: side,
      padding: 'valid',
      kernelInitializer: init(opts.seed, 50),
    }),
  );
  return model;
}

export function buildConvDecoder(shape: ImageShape, opts: ConvAeOptions): tf.Sequential {
  const [h, , c] = shape;
  const channels = levelChannels(shape, opts.width);
  const side = h / 2 ** channels.length;
  const model = tf.sequential({ name: 'decoder' });
  model.add(
    tf.layers.conv2dTranspose({
      inputShape: [1, 1, opts.latent],
      filters: channels[channels.length - 1]!,
      kernelSize: side,
      padding: 'valid',
      kernelInitializer: init(opts.seed, 100),
    }),
  );
  model.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  for (let i = channels.length - 1; i >= 0; i--) {
    const last = i === 0;
    model.add(
      tf.layers.conv2dTranspose({
        filters: last ? c : channels[i - 1]!,
        kernelSize: 4,
        strides: 2,
        padding: 'same',
        activation: last ? (opts.outActivation ?? 'sigmoid') : 'linear',
        kernelInitializer: init(opts.seed, 200 + i),
      }),
    );
    if (!last) model.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  }
  return model;
}
