import * as tf from '@tensorflow/tfjs';

/**
 * SCADN's reconstruction loss, images in [0, 1], `hidden` [B, H, W, 1] (1 = masked):
 * (MSE over the visible pixels + 4 * MSE over the hidden ones) / mean(hidden). Both MSEs are taken
 * over all elements (zeros outside their region), as the reference code does, so dividing by the
 * masked share rescales the hidden term to a per-hidden-pixel error.
 */
export function reconstructionLoss(x: tf.Tensor4D, restored: tf.Tensor4D, hidden: tf.Tensor4D, hiddenWeight = 4): tf.Scalar {
  return tf.tidy(() => {
    const sq = x.sub(restored).square();
    const visible = sq.mul(tf.scalar(1).sub(hidden)).mean();
    const masked = sq.mul(hidden).mean();
    return visible.add(masked.mul(hiddenWeight)).div(hidden.mean().add(1e-8)) as tf.Scalar;
  });
}

/** Non-saturating generator loss, -log D(fake), from logits: mean softplus(-logit). */
export function generatorAdversarialLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.softplus(fakeLogits.neg()).mean() as tf.Scalar);
}

/** Discriminator loss (BCE(real, 1) + BCE(fake, 0)) / 2, from logits. */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.softplus(realLogits.neg()).mean().add(tf.softplus(fakeLogits).mean()).div(2) as tf.Scalar);
}
