import * as tf from '@tensorflow/tfjs';

/**
 * MemAE's memory module (Gong et al., ICCV 2019): a code is replaced by a sparse combination of N
 * learned items. Addressing is the softmax of cosine similarities, sharpened by hard shrinkage
 * relu(w - lambda) * w / (|w - lambda| + eps) and L1-renormalised, so that only a few items build
 * each code and an anomaly cannot be expressed.
 */
export interface MemoryRead {
  /** Addressing weights [P, N] after shrinkage and renormalisation: rows sum to 1 (or are all 0). */
  weights: tf.Tensor2D;
  /** z_hat = w M, [P, C]. */
  read: tf.Tensor2D;
}

/** Keeps the shrinkage and the renormalisation finite where a weight equals lambda or all vanish. */
const EPS = 1e-12;

/** Softmax over items of the cosine similarities of codes z [P, C] to items [N, C]: [P, N]. */
export function cosineAddressing(z: tf.Tensor2D, items: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const sim = tf.matMul(unitRows(z), unitRows(items), false, true);
    return tf.softmax(sim) as tf.Tensor2D;
  });
}

/** Hard shrinkage relu(w - lambda) * w / (|w - lambda| + eps), then each row divided by its L1 norm. */
export function hardShrink(w: tf.Tensor2D, lambda: number): tf.Tensor2D {
  return tf.tidy(() => {
    const shifted = w.sub(lambda);
    const shrunk = tf.relu(shifted).mul(w).div(shifted.abs().add(EPS));
    return shrunk.div(shrunk.abs().sum(1, true).maximum(EPS)) as tf.Tensor2D;
  });
}

/** Addresses the memory with codes z [P, C] and reads it. `lambda` 0 turns shrinkage off. */
export function readMemory(z: tf.Tensor2D, items: tf.Tensor2D, lambda: number): MemoryRead {
  return tf.tidy(() => {
    const soft = cosineAddressing(z, items);
    const weights = lambda > 0 ? hardShrink(soft, lambda) : soft;
    return { weights, read: tf.matMul(weights, items) as tf.Tensor2D };
  });
}

/** Mean entropy of the addressing rows, sum_i -w_i log w_i: MemAE's sparsity loss. */
export function addressingEntropy(weights: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => weights.mul(weights.add(EPS).log()).sum(1).neg().mean() as tf.Scalar);
}

/** Rows scaled to unit L2 norm (a zero row stays zero). */
export function unitRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => x.div(x.square().sum(1, true).add(EPS).sqrt()) as tf.Tensor2D);
}

/** N items of C dimensions, uniform in +-1/sqrt(C) as in MemAE's reference code. Seeded. */
export function initMemoryItems(items: number, dim: number, seed: number): tf.Variable<tf.Rank.R2> {
  const bound = 1 / Math.sqrt(dim);
  const init = tf.randomUniform<tf.Rank.R2>([items, dim], -bound, bound, 'float32', seed);
  const v = tf.variable<tf.Rank.R2>(init, true);
  init.dispose();
  return v;
}
