import * as tf from '@tensorflow/tfjs';
import type { VariableStore } from './attention';

/**
 * Instance normalisation (Ulyanov et al. 2016): each image's channels are normalised over H and W
 * with their own mean and variance, at training and test time alike (tfjs has no such layer).
 * The gradient is written in closed form: autodiff through the statistics would chain several more
 * broadcasts, which are the slow part of this op on the wasm backend.
 */

/** Learned per-channel scale and shift after the normalisation (PyTorch's `affine=True`). */
export interface InstanceNormAffine {
  gamma: tf.Tensor;
  beta: tf.Tensor;
}

/** x [B, H, W, C] -> (x - mean_hw) / sqrt(var_hw + epsilon), then gamma * . + beta when given. */
export function instanceNorm(x: tf.Tensor4D, affine?: InstanceNormAffine, epsilon = 1e-5): tf.Tensor4D {
  return tf.tidy(() => {
    const normalise = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const input = args[0] as tf.Tensor4D;
      const save = args[1] as tf.GradSaveFunc;
      // E[x^2] - E[x]^2 rather than tf.moments: its broadcast squared difference is 10x slower on wasm.
      const mean = input.mean([1, 2], true);
      const variance = input.square().mean([1, 2], true).sub(mean.square()).relu();
      const rstd = tf.rsqrt(variance.add(epsilon));
      const xhat = input.mul(rstd).sub(mean.mul(rstd)) as tf.Tensor4D;
      save([xhat, rstd]);
      return {
        value: xhat,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sxhat, srstd] = saved as [tf.Tensor, tf.Tensor];
          // d/dx of (x - mean) / std with mean and variance over the same H x W.
          const centred = dy.sub(dy.mean([1, 2], true));
          return centred.sub(sxhat.mul(dy.mul(sxhat).mean([1, 2], true))).mul(srstd);
        },
      };
    });
    const y = normalise(x) as tf.Tensor4D;
    return affine ? (y.mul(affine.gamma).add(affine.beta) as tf.Tensor4D) : y;
  });
}

/** Creates gamma = 1, beta = 0 for `channels` channels in `store`, named `<name>/gamma`, `<name>/beta`. */
export function createInstanceNormAffine(store: VariableStore, name: string, channels: number): InstanceNormAffine {
  return {
    gamma: store.add(`${name}/gamma`, [channels], { fill: 1 }),
    beta: store.add(`${name}/beta`, [channels], { fill: 0 }),
  };
}

/** The same normalisation as a tf.layers Layer, for networks built with the layers API. */
export class InstanceNorm extends tf.layers.Layer {
  static readonly className = 'ReconLabInstanceNorm';
  private readonly affine: boolean;
  private readonly epsilon: number;
  private gamma: tf.LayerVariable | null = null;
  private beta: tf.LayerVariable | null = null;

  constructor(args: { affine?: boolean; epsilon?: number; name?: string } = {}) {
    super(args.name ? { name: args.name } : {});
    this.affine = args.affine ?? false;
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    if (shape.length !== 4) throw new Error(`InstanceNorm expects [B, H, W, C] inputs, got rank ${shape.length}`);
    if (this.affine) {
      const c = shape[3]!;
      this.gamma = this.addWeight('gamma', [c], 'float32', tf.initializers.ones());
      this.beta = this.addWeight('beta', [c], 'float32', tf.initializers.zeros());
    }
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
    const affine = this.gamma && this.beta ? { gamma: this.gamma.read(), beta: this.beta.read() } : undefined;
    return instanceNorm(x, affine, this.epsilon);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), affine: this.affine, epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(InstanceNorm);
