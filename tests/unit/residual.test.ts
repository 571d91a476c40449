import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { VariableStore } from '../../src/core/nn/attention';
import { createResidualBlock, residualBlock } from '../../src/core/nn/residual';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

const maxAbs = (t: tf.Tensor) => t.abs().max().dataSync()[0]!;

/** The block written out with tfjs's own dilated conv (forward only) and tf.moments. */
function referenceBlock(x: tf.Tensor4D, f1: tf.Tensor4D, f2: tf.Tensor4D, d: number): tf.Tensor4D {
  const norm = (t: tf.Tensor4D) => {
    const { mean, variance } = tf.moments(t, [1, 2], true);
    return t.sub(mean).div(variance.add(1e-5).sqrt()) as tf.Tensor4D;
  };
  const reflect = (t: tf.Tensor4D, p: number) => tf.mirrorPad(t, [[0, 0], [p, p], [p, p], [0, 0]], 'reflect');
  const hidden = norm(tf.conv2d(reflect(x, d), f1, 1, 'valid', 'NHWC', d)).relu() as tf.Tensor4D;
  return x.add(norm(tf.conv2d(reflect(hidden, 1), f2, 1, 'valid'))) as tf.Tensor4D;
}

describe('residualBlock', () => {
  it.each([1, 2])('with dilation %i equals the textbook block and keeps the shape', (dilation) => {
    const store = new VariableStore(3);
    const block = createResidualBlock(store, 'block0', { channels: 4, dilation, std: 0.3 });
    expect(Object.keys(store.named('g')).sort()).toEqual(['g/block0/conv1/filter', 'g/block0/conv2/filter']);
    tf.tidy(() => {
      const x = tf.randomNormal([2, 8, 8, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
      const y = residualBlock(x, block);
      expect(y.shape).toEqual([2, 8, 8, 4]);
      const ref = referenceBlock(x, block.conv1.filter as tf.Tensor as tf.Tensor4D, block.conv2.filter as tf.Tensor as tf.Tensor4D, dilation);
      expect(maxAbs(y.sub(ref))).toBeLessThan(1e-4);
    });
    store.dispose();
  });

  it('passes the input through when its convs are zero (the skip), and trains every weight', () => {
    const store = new VariableStore(4);
    const block = createResidualBlock(store, 'b', { channels: 3, dilation: 2, affine: true });
    tf.tidy(() => {
      const x = tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
      const zero = { ...block, conv1: { filter: tf.variable(tf.zeros([3, 3, 3, 3])), bias: null }, conv2: { filter: tf.variable(tf.zeros([3, 3, 3, 3])), bias: null } };
      expect(maxAbs(residualBlock(x, zero).sub(x))).toBeLessThan(1e-6);
      tf.dispose([zero.conv1.filter, zero.conv2.filter]);
      const target = tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 5);
      const { value, grads } = tf.variableGrads(() => residualBlock(x, block).sub(target).square().mean() as tf.Scalar, store.list());
      expect(Number.isFinite(value.dataSync()[0]!)).toBe(true);
      expect(Object.keys(grads)).toHaveLength(6); // two filters, two (gamma, beta) pairs
      for (const g of Object.values(grads)) {
        expect(Number.isFinite(g.sum().dataSync()[0]!)).toBe(true);
        expect(maxAbs(g)).toBeGreaterThan(0);
      }
    });
    store.dispose();
  });
});
