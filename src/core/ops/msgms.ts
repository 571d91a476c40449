import * as tf from '@tensorflow/tfjs';

export interface MsgmsOptions {
  /** Number of scales; scale s is the image average-pooled 2x2 s times. */
  scales?: number;
  /**
   * Stability constant of the GMS ratio. RIAD's 0.0026 is meant for images in [0, 1]; for inputs in
   * [-1, 1] gradients double, so pass 4x the value (or rescale the images) to keep the same balance.
   */
  c?: number;
}

/**
 * Prewitt kernels, normalised by 3 as in the RIAD reference, stacked as two output channels
 * [3, 3, 1, 2]: channel 0 the horizontal derivative, channel 1 the vertical one.
 */
const PREWITT = [1 / 3, 0, -1 / 3, 1 / 3, 0, -1 / 3, 1 / 3, 0, -1 / 3];
const PREWITT_XY: number[] = PREWITT.flatMap((v, i) => [v, PREWITT[(i % 3) * 3 + Math.floor(i / 3)]!]);

/** Keeps sqrt differentiable where the gradient magnitude is 0 (flat regions). */
const SQRT_EPS = 1e-12;

/** Prewitt gradient magnitude of gray images [B, H, W, 1], same size (edges replicated). */
function gradientMagnitude(x: tf.Tensor4D): tf.Tensor4D {
  // 'symmetric' mirror padding of 1 px repeats the border pixel (replicate padding), so a border
  // pixel's gradient is a one-sided difference instead of the zero that 'reflect' would force.
  const padded = tf.mirrorPad(x, [[0, 0], [1, 1], [1, 1], [0, 0]], 'symmetric');
  const g = tf.conv2d(padded, tf.tensor4d(PREWITT_XY, [3, 3, 1, 2]), 1, 'valid');
  return g.square().sum(3, true).add(SQRT_EPS).sqrt() as tf.Tensor4D;
}

/**
 * Multi-scale gradient magnitude similarity (RIAD): x, y [B, H, W, C] (RGB turned gray by channel
 * mean). Returns [B, H, W], 1 where the images have the same local gradients. Differentiable: the
 * filters are constants, so backprop needs only Conv2DBackpropInput, AvgPoolGrad and
 * ResizeBilinearGrad. Scales stop early when the pooled image would shrink below 2 px.
 */
export function msgmsMap(x: tf.Tensor4D, y: tf.Tensor4D, opts: MsgmsOptions = {}): tf.Tensor3D {
  const { scales = 4, c = 0.0026 } = opts;
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    let a: tf.Tensor4D = x.shape[3] === 1 ? x : x.mean(3, true);
    let b: tf.Tensor4D = y.shape[3] === 1 ? y : y.mean(3, true);
    const maps: tf.Tensor4D[] = [];
    for (let s = 0; s < scales; s++) {
      if (s > 0) {
        if (a.shape[1] < 4 || a.shape[2] < 4) break;
        a = tf.avgPool(a, 2, 2, 'valid');
        b = tf.avgPool(b, 2, 2, 'valid');
      }
      const ga = gradientMagnitude(a);
      const gb = gradientMagnitude(b);
      const gms = ga.mul(gb).mul(2).add(c).div(ga.square().add(gb.square()).add(c)) as tf.Tensor4D;
      // halfPixelCenters stays false: tfjs's ResizeBilinearGrad ignores that flag on cpu and webgpu, so
      // with it the forward pass and its gradient would disagree (a map shifted by half a pixel is harmless).
      maps.push(s === 0 ? gms : tf.image.resizeBilinear(gms, [h, w], false, false));
    }
    return tf.addN(maps).div(maps.length).squeeze([3]) as tf.Tensor3D;
  });
}

/** mean(1 - MSGMS) over the batch: a scalar loss. */
export function msgmsLoss(x: tf.Tensor4D, y: tf.Tensor4D, opts: MsgmsOptions = {}): tf.Scalar {
  return tf.tidy(() => tf.scalar(1).sub(msgmsMap(x, y, opts).mean()) as tf.Scalar);
}
