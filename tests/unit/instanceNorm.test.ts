import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { VariableStore } from '../../src/core/nn/attention';
import { createInstanceNormAffine, InstanceNorm, instanceNorm } from '../../src/core/nn/instanceNorm';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

/** The textbook form, differentiated by tfjs itself: what the closed-form gradient must match. */
function referenceNorm(x: tf.Tensor4D, eps = 1e-5): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [1, 2], true);
  return x.sub(mean).div(variance.add(eps).sqrt());
}

const maxAbs = (t: tf.Tensor) => t.abs().max().dataSync()[0]!;

describe('instanceNorm', () => {
  it('gives every image and channel zero mean and unit variance over H x W', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([3, 6, 5, 4], 2, 3, 'float32', 1) as tf.Tensor4D;
      const { mean, variance } = tf.moments(instanceNorm(x), [1, 2]);
      expect(maxAbs(mean)).toBeLessThan(1e-5);
      expect(maxAbs(variance.sub(1))).toBeLessThan(1e-3);
    });
  });

  it('has the gradient of the textbook form (closed form vs autodiff)', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 5, 7, 3], 0, 2, 'float32', 2) as tf.Tensor4D;
      const weights = tf.randomNormal([2, 5, 7, 3], 0, 1, 'float32', 3);
      const ours = tf.grad((t: tf.Tensor) => instanceNorm(t as tf.Tensor4D).mul(weights).sum())(x);
      const reference = tf.grad((t: tf.Tensor) => referenceNorm(t as tf.Tensor4D).mul(weights).sum())(x);
      expect(maxAbs(ours.sub(reference))).toBeLessThan(1e-4);
      expect(maxAbs(instanceNorm(x).sub(referenceNorm(x)))).toBeLessThan(1e-5);
    });
  });

  it('applies a learned scale and shift, and trains them', () => {
    const store = new VariableStore(1);
    const affine = createInstanceNormAffine(store, 'norm', 3);
    expect(Object.keys(store.named('n')).sort()).toEqual(['n/norm/beta', 'n/norm/gamma']);
    tf.tidy(() => {
      const x = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
      expect(maxAbs(instanceNorm(x, affine).sub(instanceNorm(x)))).toBe(0);
      const { grads } = tf.variableGrads(() => instanceNorm(x, affine).mul(tf.tensor1d([1, 2, 3])).sum() as tf.Scalar, store.list());
      for (const g of Object.values(grads)) expect(maxAbs(g)).toBeGreaterThan(0);
    });
    store.dispose();
  });
});

describe('InstanceNorm layer', () => {
  it('computes the op, and is registered so that a model round-trips through JSON', async () => {
    const input = tf.input({ shape: [6, 6, 2] });
    const out = new InstanceNorm({ affine: true }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    expect(model.countParams()).toBe(4);
    const x = tf.randomNormal([2, 6, 6, 2], 1, 2, 'float32', 5) as tf.Tensor4D;
    const y = model.predict(x) as tf.Tensor;
    expect(maxAbs(y.sub(instanceNorm(x)))).toBeLessThan(1e-6);
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) });
    expect(copy.layers.map((l) => l.getClassName())).toContain('ReconLabInstanceNorm');
    tf.dispose([x, y]);
    model.dispose();
    copy.dispose();
  });
});
