import * as tf from '@tensorflow/tfjs';

/**
 * Transformer parts from plain tfjs ops (tfjs exports no multi-head attention): a store of named
 * variables, layer norm, GELU, multi-head self-attention from matMul + softmax, and the pre-norm
 * block x + MHA(LN(x)), then x + MLP(LN(x)) with an MLP ratio of 4 (as in ViT and InTra).
 */

/** Named trainable variables with stable names, so that weights() and load() round-trip. */
export class VariableStore {
  readonly vars = new Map<string, tf.Variable>();

  constructor(private readonly seed: number) {}

  /** A variable initialised N(0, std^2) from the store's seed (std 0: zeros), or filled with `fill`. */
  add(name: string, shape: number[], init: { std: number } | { fill: number }): tf.Variable {
    if (this.vars.has(name)) throw new Error(`variable "${name}" exists`);
    const value =
      'fill' in init || init.std === 0
        ? tf.fill(shape, 'fill' in init ? init.fill : 0)
        : tf.randomNormal(shape, 0, init.std, 'float32', (this.seed * 7919 + this.vars.size * 104729) >>> 0);
    const v = tf.variable(value, true);
    value.dispose();
    this.vars.set(name, v);
    return v;
  }

  list(): tf.Variable[] {
    return [...this.vars.values()];
  }

  named(prefix: string): tf.NamedTensorMap {
    return Object.fromEntries([...this.vars].map(([k, v]) => [`${prefix}/${k}`, v]));
  }

  load(prefix: string, weights: tf.NamedTensorMap): void {
    for (const [k, v] of this.vars) {
      const t = weights[`${prefix}/${k}`];
      if (!t) throw new Error(`weight "${prefix}/${k}" is missing`);
      if (t.shape.join('x') !== v.shape.join('x')) throw new Error(`weight "${prefix}/${k}" has shape ${t.shape.join('x')}, expected ${v.shape.join('x')}`);
      v.assign(t);
    }
  }

  count(): number {
    let n = 0;
    for (const v of this.vars.values()) n += v.size;
    return n;
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}

export interface Linear {
  w: tf.Variable;
  b: tf.Variable;
}

export function createLinear(store: VariableStore, name: string, inDim: number, outDim: number, std = 0.02): Linear {
  return { w: store.add(`${name}/w`, [inDim, outDim], { std }), b: store.add(`${name}/b`, [outDim], { fill: 0 }) };
}

/** x [..., in] -> [..., out]. */
export function linear(x: tf.Tensor, l: Linear): tf.Tensor {
  return tf.tidy(() => {
    const shape = x.shape;
    const inDim = shape[shape.length - 1]!;
    const y = tf.matMul(x.reshape([-1, inDim]), l.w as tf.Tensor2D).add(l.b);
    return y.reshape([...shape.slice(0, -1), l.w.shape[1]!]);
  });
}

export interface LayerNormParams {
  gamma: tf.Variable;
  beta: tf.Variable;
}

export function createLayerNorm(store: VariableStore, name: string, dim: number): LayerNormParams {
  return { gamma: store.add(`${name}/gamma`, [dim], { fill: 1 }), beta: store.add(`${name}/beta`, [dim], { fill: 0 }) };
}

/** Normalises over the last axis. */
export function layerNorm(x: tf.Tensor, p: LayerNormParams, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const axis = x.rank - 1;
    const { mean, variance } = tf.moments(x, axis, true);
    return x.sub(mean).div(variance.add(eps).sqrt()).mul(p.gamma).add(p.beta);
  });
}

/**
 * GELU, sigmoid approximation x * sigmoid(1.702 x) (tfjs has no gelu op; within 0.02 of the exact
 * one, and two kernels instead of the tanh form's six, which matters on the wasm backend).
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => x.mul(tf.sigmoid(x.mul(1.702))));
}

export interface AttentionParams {
  qkv: Linear;
  out: Linear;
}

/**
 * Multi-head self-attention over x [S, T, D]: returns the output [S, T, D] and the attention
 * weights [S, H, T, T] (softmax over the last axis: each row sums to 1).
 */
export function multiHeadAttention(x: tf.Tensor3D, p: AttentionParams, heads: number): { out: tf.Tensor3D; weights: tf.Tensor4D } {
  return tf.tidy(() => {
    const [s, t, d] = x.shape;
    if (d % heads !== 0) throw new RangeError(`dim ${d} must be a multiple of the number of heads ${heads}`);
    const dh = d / heads;
    // [S, T, 3D] -> three [S, H, T, dh]
    const split = (y: tf.Tensor) => y.reshape([s, t, heads, dh]).transpose([0, 2, 1, 3]) as tf.Tensor4D;
    const [q, k, v] = tf.split(linear(x, p.qkv), 3, 2).map(split) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const weights = tf.softmax(tf.matMul(q, k, false, true).mul(1 / Math.sqrt(dh))) as tf.Tensor4D;
    const mixed = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([s, t, d]);
    return { out: linear(mixed, p.out) as tf.Tensor3D, weights };
  });
}

export interface TransformerBlockParams {
  norm1: LayerNormParams;
  attention: AttentionParams;
  norm2: LayerNormParams;
  fc1: Linear;
  fc2: Linear;
}

export function createTransformerBlock(store: VariableStore, name: string, dim: number, mlpRatio = 4): TransformerBlockParams {
  return {
    norm1: createLayerNorm(store, `${name}/norm1`, dim),
    attention: { qkv: createLinear(store, `${name}/qkv`, dim, 3 * dim), out: createLinear(store, `${name}/proj`, dim, dim) },
    norm2: createLayerNorm(store, `${name}/norm2`, dim),
    fc1: createLinear(store, `${name}/fc1`, dim, mlpRatio * dim),
    fc2: createLinear(store, `${name}/fc2`, mlpRatio * dim, dim),
  };
}

/** Pre-norm block: x + MHA(LN(x)), then + MLP(LN(x)). Also returns the attention weights [S, H, T, T]. */
export function transformerBlock(x: tf.Tensor3D, p: TransformerBlockParams, heads: number): { out: tf.Tensor3D; weights: tf.Tensor4D } {
  return tf.tidy(() => {
    const att = multiHeadAttention(layerNorm(x, p.norm1) as tf.Tensor3D, p.attention, heads);
    const h = x.add(att.out);
    const mlp = linear(gelu(linear(layerNorm(h, p.norm2), p.fc1)), p.fc2);
    return { out: h.add(mlp) as tf.Tensor3D, weights: att.weights };
  });
}
