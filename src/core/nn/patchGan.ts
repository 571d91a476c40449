import * as tf from '@tensorflow/tfjs';
import { VariableStore } from './attention';
import { convolve, createConv, type ConvParams } from './dilatedConv';

/**
 * Spectral normalisation (Miyato et al. 2018) and a PatchGAN discriminator built on it.
 *
 * A conv's filter [kh, kw, in, out] is read as a matrix M [kh * kw * in, out] and divided by an
 * estimate of its largest singular value, sigma = v^T M u, where u [out] and v [K] come from power
 * iteration. As in PyTorch's spectral_norm, u and v persist across updates and advance one
 * power-iteration step per update, so the estimate tracks the slowly changing weights cheaply;
 * they are constants for the gradient (only M carries one).
 */
export interface SpectralState {
  /** Right singular vector estimate, [out]. */
  u: tf.Variable;
  /** Left singular vector estimate, [kh * kw * in]. */
  v: tf.Variable;
}

function asMatrix(filter: tf.Tensor): tf.Tensor2D {
  const out = filter.shape[filter.shape.length - 1]!;
  return filter.reshape([-1, out]);
}

function unit(t: tf.Tensor): tf.Tensor {
  return t.div(t.norm().add(1e-12));
}

/** u ~ N(0, 1) from `store`'s seed, normalised; v set by one power-iteration step. */
export function createSpectralState(store: VariableStore, name: string, filter: tf.Tensor): SpectralState {
  const m = asMatrix(filter);
  const state = { u: store.add(`${name}/u`, [m.shape[1]], { std: 1 }), v: store.add(`${name}/v`, [m.shape[0]], { fill: 0 }) };
  m.dispose();
  powerIterationStep(filter, state);
  return state;
}

/** One power-iteration step: v <- M u / |M u|, u <- M^T v / |M^T v|. */
export function powerIterationStep(filter: tf.Tensor, state: SpectralState): void {
  tf.tidy(() => {
    const m = asMatrix(filter);
    const v = unit(tf.matMul(m, state.u.reshape([-1, 1])));
    const u = unit(tf.matMul(m, v, true));
    state.v.assign(v.reshape([-1]));
    state.u.assign(u.reshape([-1]));
  });
}

/** sigma = v^T M u: the current estimate of the filter's largest singular value. */
export function spectralSigma(filter: tf.Tensor, state: SpectralState): tf.Scalar {
  return tf.tidy(() => tf.matMul(tf.matMul(state.v.reshape([1, -1]), asMatrix(filter)), state.u.reshape([-1, 1])).reshape([]) as tf.Scalar);
}

/** filter / sigma, differentiable in the filter. */
export function spectralNormalise<T extends tf.Tensor>(filter: T, state: SpectralState): T {
  return tf.tidy(() => filter.div(spectralSigma(filter, state)) as T);
}

export interface PatchGanOptions {
  inChannels: number;
  /** Channels of the first conv, doubled per layer up to width * maxMultiplier (pix2pix: 64). */
  width: number;
  /** Stride-2 4x4 convs before the two stride-1 ones (pix2pix's 70x70 PatchGAN: 3). */
  strided?: number;
  maxMultiplier?: number;
  spectralNorm?: boolean;
  seed: number;
}

interface PatchGanLayer {
  conv: ConvParams;
  spectral: SpectralState | null;
  stride: number;
  last: boolean;
}

/** Side of the logit map for a `size` px input: each 4x4 conv with 1 px of zero padding. */
export function patchGanOutputSide(size: number, strided: number): number {
  let side = size;
  for (let i = 0; i < strided; i++) side = Math.floor((side + 2 - 4) / 2) + 1;
  return side - 2;
}

/**
 * PatchGAN discriminator (Isola et al. 2017, as in EdgeConnect and SCADN): 4x4 convs with 1 px
 * padding, `strided` of them stride 2, then two stride 1, LeakyReLU 0.2 between; one logit per
 * patch. With spectral norm the convs have no bias (as EdgeConnect) and no other normalisation.
 */
export class PatchGan {
  /** Trainable weights. */
  readonly params: VariableStore;
  /** Power-iteration vectors: saved with the weights, never trained. */
  readonly state: VariableStore;
  private readonly layers: PatchGanLayer[] = [];

  constructor(opts: PatchGanOptions) {
    const { inChannels, width, strided = 3, maxMultiplier = 8, spectralNorm = true, seed } = opts;
    this.params = new VariableStore(seed);
    this.state = new VariableStore((seed ^ 0x5bd1e995) >>> 0);
    const channels = [...Array.from({ length: strided + 1 }, (_, i) => width * Math.min(2 ** i, maxMultiplier)), 1];
    let cin = inChannels;
    channels.forEach((cout, i) => {
      const name = `conv${i}`;
      const conv = createConv(this.params, name, { kernel: 4, inChannels: cin, outChannels: cout, bias: !spectralNorm });
      const spectral = spectralNorm ? createSpectralState(this.state, name, conv.filter) : null;
      this.layers.push({ conv, spectral, stride: i < strided ? 2 : 1, last: i === channels.length - 1 });
      cin = cout;
    });
  }

  /** Patch logits [B, h', w', 1] (see patchGanOutputSide) for images x [B, H, W, C]. */
  logits(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      let y = x;
      for (const layer of this.layers) {
        const filter = layer.spectral ? spectralNormalise(layer.conv.filter, layer.spectral) : layer.conv.filter;
        y = convolve(y, filter as tf.Tensor as tf.Tensor4D, layer.conv.bias, { stride: layer.stride, pad: 1 });
        if (!layer.last) y = tf.leakyRelu(y, 0.2);
      }
      return y;
    });
  }

  /** Advances every layer's spectral estimate by one step (call once per discriminator update). */
  powerIteration(): void {
    for (const layer of this.layers) if (layer.spectral) powerIterationStep(layer.conv.filter, layer.spectral);
  }

  trainableVariables(): tf.Variable[] {
    return this.params.list();
  }

  weights(prefix: string): tf.NamedTensorMap {
    return { ...this.params.named(prefix), ...this.state.named(`${prefix}/sn`) };
  }

  load(weights: tf.NamedTensorMap, prefix: string): void {
    this.params.load(prefix, weights);
    this.state.load(`${prefix}/sn`, weights);
  }

  paramCount(): number {
    return this.params.count();
  }

  dispose(): void {
    this.params.dispose();
    this.state.dispose();
  }
}
