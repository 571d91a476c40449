import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm, buildUnet, unetChannels, unetDepthFor } from '../../src/core/nn/unet';
import { loadNamedWeights, namedWeights, optimiseStep, trainableVariables } from '../../src/core/nn/weights';
import { createRng } from '../../src/core/rng';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

function fixedBatch(n: number, size: number, seed = 1): tf.Tensor4D {
  const rng = createRng(seed);
  // Smooth blobs, so that there is structure to learn.
  const data = new Float32Array(n * size * size);
  for (let i = 0; i < n; i++) {
    const cx = rng() * size;
    const cy = rng() * size;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) data[i * size * size + y * size + x] = Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 60);
    }
  }
  return tf.tensor4d(data, [n, size, size, 1]);
}

describe('U-Net shape rules', () => {
  it('doubles channels per level up to the cap (RIAD: 64 -> 512, 512)', () => {
    expect(unetChannels(64, 4)).toEqual([64, 128, 256, 512, 512]);
    expect(unetChannels(8, 2)).toEqual([8, 16, 32]);
  });

  it('fits its depth to the size: integer sides, bottleneck of at least 4 px', () => {
    expect(unetDepthFor(64, 4)).toBe(4);
    expect(unetDepthFor(32, 4)).toBe(3);
    expect(unetDepthFor(28, 4)).toBe(2);
    expect(unetDepthFor(256, 4)).toBe(4);
    expect(() => buildUnet(30, 30, { inChannels: 1, base: 4, depth: 2, seed: 1 })).toThrow(/divisible by 4/);
  });

  it.each([
    ['maxpool', 'transposed'],
    ['strided', 'upsample'],
  ] as const)('maps [B, H, W, in] to [B, H, W, out] (%s down, %s up), tanh range', (down, up) => {
    const before = tf.memory().numTensors;
    const net = buildUnet(16, 16, { inChannels: 2, outChannels: 3, base: 4, depth: 2, down, up, seed: 1 });
    const x = tf.randomNormal([2, 16, 16, 2], 0, 3, 'float32', 1);
    const y = net.apply(x, { training: false }) as tf.Tensor;
    expect(y.shape).toEqual([2, 16, 16, 3]);
    const [lo, hi] = tf.tidy(() => [y.min().dataSync()[0]!, y.max().dataSync()[0]!]);
    expect(hi).toBeLessThanOrEqual(1);
    expect(lo).toBeGreaterThanOrEqual(-1);
    tf.dispose([x, y]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('BatchNorm', () => {
  it('has the gradients and moving statistics of tf.layers.batchNormalization', () => {
    const x = tf.randomNormal([4, 5, 5, 3], 1, 2, 'float32', 3);
    const r = tf.randomNormal([4, 5, 5, 3], 0, 1, 'float32', 4);
    const ours = new BatchNorm({ momentum: 0.9 });
    const theirs = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
    ours.apply(x);
    theirs.apply(x);
    const weights = [tf.tensor1d([1.5, 0.5, 2]), tf.tensor1d([0.1, -0.2, 0.3]), tf.zeros([3]), tf.ones([3])];
    ours.setWeights(weights);
    theirs.setWeights(weights);
    const probe = (layer: tf.layers.Layer) => (t: tf.Tensor) => (layer.apply(t, { training: true }) as tf.Tensor).mul(r).sum();
    const dxOurs = tf.grad(probe(ours))(x);
    const dxTheirs = tf.grad(probe(theirs))(x);
    expect(dxOurs.sub(dxTheirs).abs().max().dataSync()[0]).toBeLessThan(1e-4);
    const varsOf = (layer: tf.layers.Layer) => layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
    const gOurs = tf.variableGrads(() => probe(ours)(x) as tf.Scalar, varsOf(ours)).grads;
    const gTheirs = tf.variableGrads(() => probe(theirs)(x) as tf.Scalar, varsOf(theirs)).grads;
    Object.values(gOurs).forEach((g, i) => {
      expect(g.sub(Object.values(gTheirs)[i]!).abs().max().dataSync()[0]).toBeLessThan(1e-3);
    });
    // Moving mean and variance after the same training-mode calls.
    ours.getWeights().slice(2).forEach((w, i) => {
      expect(w.sub(theirs.getWeights()[2 + i]!).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    });
    const yOurs = ours.apply(x, { training: false }) as tf.Tensor;
    const yTheirs = theirs.apply(x, { training: false }) as tf.Tensor;
    expect(yOurs.sub(yTheirs).abs().max().dataSync()[0]).toBeLessThan(1e-4);
  });
});

describe('U-Net training', () => {
  it('lowers an inpainting loss on a fixed batch, leaks nothing, and round-trips its weights', () => {
    const x = fixedBatch(6, 32);
    const hidden = tf.tidy(() => tf.randomUniform([6, 32, 32, 1], 0, 1, 'float32', 7).greater(0.7).toFloat());
    const input = tf.tidy(() => tf.concat([x.mul(2).sub(1).mul(tf.scalar(1).sub(hidden)), hidden], 3));
    const before = tf.memory().numTensors;
    const net = buildUnet(32, 32, { inChannels: 2, outChannels: 1, base: 4, depth: 3, seed: 1 });
    const vars = trainableVariables([net]);
    const optimizer = tf.train.adam(3e-3);
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const out = tf.tidy(() =>
        optimiseStep(optimizer, vars, () => {
          const y = (net.apply(input, { training: true }) as tf.Tensor4D).add(1).div(2);
          return { total: tf.losses.meanSquaredError(x, y) as tf.Scalar };
        }),
      );
      losses.push(out.total!.dataSync()[0]!);
      tf.dispose(Object.values(out));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect((losses[18]! + losses[19]!) / 2).toBeLessThan(((losses[0]! + losses[1]!) / 2) * 0.5);

    const twin = buildUnet(32, 32, { inChannels: 2, outChannels: 1, base: 4, depth: 3, seed: 2 });
    const saved = namedWeights({ unet: net });
    loadNamedWeights({ unet: twin }, saved);
    const a = net.apply(input, { training: false }) as tf.Tensor;
    const b = twin.apply(input, { training: false }) as tf.Tensor;
    expect(tf.tidy(() => a.sub(b).abs().max().dataSync()[0])).toBe(0);
    tf.dispose([a, b]);
    twin.dispose();
    net.dispose();
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, hidden, input]);
  });
});
