import * as tf from '@tensorflow/tfjs';
import type { VariableStore } from './attention';
import { applyConv, createConv, type ConvParams } from './dilatedConv';
import { createInstanceNormAffine, instanceNorm, type InstanceNormAffine } from './instanceNorm';

/**
 * Residual block x + IN(conv(ReLU(IN(conv_d(x))))), as in EdgeConnect and SCADN: the first 3x3
 * conv may be dilated (wider context at no extra weights), the second is not; both pad by
 * reflection so that image borders do not read as edges. Channels stay the same.
 */
export interface ResidualBlockOptions {
  channels: number;
  /** Dilation of the first conv (SCADN: 2). */
  dilation?: number;
  kernel?: number;
  /** Learned scale and shift after each instance norm (PyTorch's InstanceNorm2d default: none). */
  affine?: boolean;
  std?: number;
}

export interface ResidualBlockParams {
  conv1: ConvParams;
  conv2: ConvParams;
  norm1: InstanceNormAffine | undefined;
  norm2: InstanceNormAffine | undefined;
  dilation: number;
}

/** The block's weights in `store`, under `<name>/conv1`, `<name>/conv2` (and `<name>/norm1`, `<name>/norm2`). */
export function createResidualBlock(store: VariableStore, name: string, opts: ResidualBlockOptions): ResidualBlockParams {
  const { channels, dilation = 1, kernel = 3, affine = false, std } = opts;
  // No conv bias: the instance norm right after removes any per-channel offset.
  const shape = { kernel, inChannels: channels, outChannels: channels, bias: false, ...(std !== undefined ? { std } : {}) };
  return {
    conv1: createConv(store, `${name}/conv1`, shape),
    conv2: createConv(store, `${name}/conv2`, shape),
    norm1: affine ? createInstanceNormAffine(store, `${name}/norm1`, channels) : undefined,
    norm2: affine ? createInstanceNormAffine(store, `${name}/norm2`, channels) : undefined,
    dilation,
  };
}

export function residualBlock(x: tf.Tensor4D, block: ResidualBlockParams): tf.Tensor4D {
  return tf.tidy(() => {
    const first = applyConv(x, block.conv1, { dilation: block.dilation, pad: 'same', padMode: 'reflect' });
    const hidden = instanceNorm(first, block.norm1).relu() as tf.Tensor4D;
    const second = applyConv(hidden, block.conv2, { pad: 'same', padMode: 'reflect' });
    return x.add(instanceNorm(second, block.norm2)) as tf.Tensor4D;
  });
}
