import * as tf from '@tensorflow/tfjs';
import { unitRows } from '../../nn/memory';

/**
 * MNAD's memory (Park et al., CVPR 2020): M unit-norm items that queries read by attention and
 * that a k-means-like rule updates, never gradients. Queries q [P, C] are unit-norm per position.
 */

/** Matching scores q m^T, [P, M] (cosine, since both are unit-norm). */
export function matchScores(q: tf.Tensor2D, items: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(q, items, false, true);
}

/** Read: softmax over items of q m^T, and the weighted sum of items [P, C]. */
export function readMemory(q: tf.Tensor2D, items: tf.Tensor2D): { weights: tf.Tensor2D; read: tf.Tensor2D } {
  return tf.tidy(() => {
    const weights = tf.softmax(matchScores(q, items)) as tf.Tensor2D;
    return { weights, read: tf.matMul(weights, items) as tf.Tensor2D };
  });
}

/**
 * Each query's nearest and second-nearest item as one-hot rows [P, M]. Built from argMax and
 * oneHot, whose gradients are zero, so it may sit inside a gradient tape (topk and the indices
 * input of gather have no usable gradient in tfjs).
 */
export function nearestTwo(q: tf.Tensor2D, items: tf.Tensor2D): { first: tf.Tensor2D; second: tf.Tensor2D } {
  return tf.tidy(() => {
    const m = items.shape[0];
    const scores = matchScores(q, items);
    const first = tf.oneHot(scores.argMax(1) as tf.Tensor1D, m).toFloat() as tf.Tensor2D;
    const second = tf.oneHot(scores.sub(first.mul(1e9)).argMax(1) as tf.Tensor1D, m).toFloat() as tf.Tensor2D;
    return { first, second };
  });
}

/** Squared distance of each query to the item picked by the one-hot rows `pick` [P, M], averaged over channels: [P]. */
export function compactnessPerQuery(q: tf.Tensor2D, items: tf.Tensor2D, pick: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => q.sub(tf.matMul(pick, items)).square().mean(1) as tf.Tensor1D);
}

/** Triplet loss, margin 1: the nearest item closer than the second nearest by the margin (L2 distances). */
export function separateness(q: tf.Tensor2D, items: tf.Tensor2D, first: tf.Tensor2D, second: tf.Tensor2D, margin = 1): tf.Scalar {
  return tf.tidy(() => {
    const dist = (pick: tf.Tensor2D) => q.sub(tf.matMul(pick, items)).square().sum(1).add(1e-12).sqrt();
    return tf.relu(dist(first).sub(dist(second)).add(margin)).mean() as tf.Scalar;
  });
}

/**
 * The update rule: each item adds the queries whose nearest item it is, each weighted by its
 * softmax-over-queries score divided by the item's largest such score, then is L2-normalised.
 * `gate` [P] (1 = use, 0 = skip) leaves out queries, e.g. of test images that look anomalous; the
 * softmax then runs over the kept queries only. An item no query picks stays as it is.
 */
export function updateMemory(q: tf.Tensor2D, items: tf.Tensor2D, gate?: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const m = items.shape[0];
    let scores = matchScores(q, items);
    const keep = gate ? gate.reshape([-1, 1]) : tf.onesLike(scores.slice([0, 0], [-1, 1]));
    scores = scores.add(keep.sub(1).mul(1e9));
    const overQueries = tf.softmax(scores.transpose()).transpose() as tf.Tensor2D;
    const relative = overQueries.div(overQueries.max(0, true).add(1e-12));
    const nearest = tf.oneHot(scores.argMax(1), m).toFloat().mul(keep);
    const update = tf.matMul(relative.mul(nearest), q, true, false);
    return unitRows(items.add(update) as tf.Tensor2D);
  });
}
