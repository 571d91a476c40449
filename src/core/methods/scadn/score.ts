import * as tf from '@tensorflow/tfjs';

/*
 * SCADN's test: every image is restored once per mask (12 passes, laid out pass-major as in
 * riad/score.ts: row p * B + b is mask p on image b, masks scale-major, 4 per scale). Per scale,
 * the error map is the elementwise max over its 4 masks of the squared error on the pixels each
 * mask hid; the image is judged at the scale whose mean error stands out most against the same
 * scale's mean error on normal training images.
 */

export const MASKS_PER_SCALE = 4;

/** The test rows for a batch of `batch` images: every mask once per image, pass-major. */
export function testRows(masks: readonly Uint8Array[], batch: number): Uint8Array[] {
  return masks.flatMap((mask) => Array.from({ length: batch }, () => mask));
}

export type ScaleErrors = {
  /** [S, B, H, W]: per scale, max over its masks of the hidden pixels' squared error (mean over channels). */
  maps: tf.Tensor4D;
  /** [S, B, H, W, C]: per scale, each pixel's restorations averaged over the masks that hid it. */
  recons: tf.Tensor5D;
};

/**
 * Per-scale error maps and reconstructions from the restored rows [S * 4 * B, H, W, C] and the
 * masks `hidden` [S * 4 * B, H, W, 1] that produced them; x [B, H, W, C] are the originals.
 */
export function scaleErrors(x: tf.Tensor4D, restored: tf.Tensor4D, hidden: tf.Tensor4D, scales: number): ScaleErrors {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    if (restored.shape[0] !== scales * MASKS_PER_SCALE * b) {
      throw new RangeError(`${restored.shape[0]} restored rows for ${scales} scales x ${MASKS_PER_SCALE} masks x ${b} images`);
    }
    const originals = tf.concat(Array.from({ length: scales * MASKS_PER_SCALE }, () => x), 0);
    const error = originals.sub(restored).square().mean(3, true).mul(hidden);
    const maps = error.reshape([scales, MASKS_PER_SCALE, b, h, w]).max(1) as tf.Tensor4D;
    const coverage = hidden.reshape([scales, MASKS_PER_SCALE, b, h, w, 1]).sum(1).maximum(1);
    const recons = restored.mul(hidden).reshape([scales, MASKS_PER_SCALE, b, h, w, c]).sum(1).div(coverage) as tf.Tensor5D;
    return { maps, recons };
  });
}

/** Mean error per scale and image, [S, B]. */
export function scaleMeans(maps: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => maps.mean([2, 3]) as tf.Tensor2D);
}

/**
 * Each image's mean error per scale relative to that scale's mean error on training images
 * (`reference`, length S), [S, B]. Without a reference (the run was never calibrated) the raw means.
 */
export function relativeMeans(means: tf.Tensor2D, reference: readonly number[] | null): tf.Tensor2D {
  return tf.tidy(() => {
    const scales = means.shape[0];
    if (!reference) return means.clone();
    if (reference.length !== scales) throw new RangeError(`${reference.length} reference errors for ${scales} scales`);
    return means.div(tf.tensor2d(reference.map((r) => Math.max(r, 1e-12)), [scales, 1])) as tf.Tensor2D;
  });
}

/** One-hot [S, B] of each image's chosen scale: the largest relative mean error (see relativeMeans). */
export function chooseScale(means: tf.Tensor2D, reference: readonly number[] | null): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(relativeMeans(means, reference).argMax(0), means.shape[0]).transpose().toFloat() as tf.Tensor2D);
}

/** Picks one scale's slice per image from a per-scale stack [S, B, ...] with a one-hot [S, B]. */
export function pickScale<T extends tf.Tensor>(stack: tf.Tensor, onehot: tf.Tensor2D): T {
  return tf.tidy(() => {
    const [s, b] = onehot.shape;
    const weights = onehot.reshape([s, b, ...stack.shape.slice(2).map(() => 1)]);
    return stack.mul(weights).sum(0) as T;
  });
}
