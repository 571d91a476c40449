import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { msgmsLoss, msgmsMap } from '../../src/core/ops/msgms';
import { createRng } from '../../src/core/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomImages(shape: [number, number, number, number], seed: number): tf.Tensor4D {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor4d(Float32Array.from({ length: n }, () => rng()), shape);
}

/** Gray images [1, size, size, 1], 0 left of column `edge`, 1 from it on. */
function stepEdge(size: number, edge: number): tf.Tensor4D {
  return tf.tensor4d(
    Float32Array.from({ length: size * size }, (_, p) => (p % size >= edge ? 1 : 0)),
    [1, size, size, 1],
  );
}

describe('msgmsMap', () => {
  it('is 1 for identical images, gray and RGB', () => {
    for (const shape of [
      [2, 32, 32, 1],
      [2, 32, 32, 3],
      [1, 28, 20, 1],
    ] as [number, number, number, number][]) {
      const x = randomImages(shape, 1);
      const map = msgmsMap(x, x.clone());
      expect(map.shape).toEqual(shape.slice(0, 3));
      const values = map.dataSync();
      expect(values.every((v) => Math.abs(v - 1) < 1e-5)).toBe(true);
      tf.dispose([x, map]);
    }
  });

  it('drops where an edge moved and stays near 1 far from it', () => {
    const a = stepEdge(32, 12);
    const b = stepEdge(32, 16);
    const map = msgmsMap(a, b);
    const m = map.arraySync()[0]!;
    const alongEdges = m.map((row) => Math.min(row[11]!, row[12]!, row[15]!, row[16]!));
    expect(Math.max(...alongEdges)).toBeLessThan(0.5);
    expect(Math.min(...m.map((row) => row[31]!))).toBeGreaterThan(0.98);
    const loss = msgmsLoss(a, b).dataSync()[0]!;
    expect(loss).toBeGreaterThan(0.05);
    // A larger shift is less similar than a small one.
    const near = msgmsMap(a, stepEdge(32, 13)).mean().dataSync()[0]!;
    const far = map.mean().dataSync()[0]!;
    expect(far).toBeLessThan(near);
    expect(near).toBeLessThan(1);
    tf.dispose([a, b, map]);
  });

  it('is symmetric in its arguments', () => {
    const x = randomImages([2, 32, 32, 3], 2);
    const y = randomImages([2, 32, 32, 3], 3);
    const xy = msgmsMap(x, y).dataSync();
    const yx = msgmsMap(y, x).dataSync();
    let maxDiff = 0;
    xy.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - yx[i]!))));
    expect(maxDiff).toBeLessThan(1e-6);
    expect(Math.min(...xy)).toBeGreaterThanOrEqual(-1e-6);
    expect(Math.max(...xy)).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('handles images too small for every scale', () => {
    const x = randomImages([1, 6, 6, 1], 4);
    const map = msgmsMap(x, x, { scales: 4 });
    expect(map.shape).toEqual([1, 6, 6]);
    expect(map.dataSync().every((v) => Math.abs(v - 1) < 1e-5)).toBe(true);
  });

  it('leaks no tensors', () => {
    const x = randomImages([1, 16, 16, 3], 5);
    const y = randomImages([1, 16, 16, 3], 6);
    const before = tf.memory().numTensors;
    tf.dispose([msgmsMap(x, y), msgmsLoss(x, y)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('msgmsLoss gradient', () => {
  it('is finite on flat images, where gradient magnitudes are 0', () => {
    const flatA = tf.fill([2, 16, 16, 1], 0.3) as tf.Tensor4D;
    const flatB = tf.fill([2, 16, 16, 1], 0.7) as tf.Tensor4D;
    // Zeros give exactly zero Prewitt responses; other constants leave float rounding residue.
    const zeros = tf.zeros([2, 16, 16, 1]) as tf.Tensor4D;
    const textured = randomImages([2, 16, 16, 1], 7);
    for (const [x, y] of [
      [zeros, zeros],
      [zeros, textured],
      [flatA, flatA],
      [flatA, flatB],
      [flatA, textured],
      [textured, flatB],
    ] as const) {
      const grad = tf.grad((t: tf.Tensor) => msgmsLoss(t as tf.Tensor4D, y))(x);
      expect(grad.shape).toEqual(x.shape);
      expect(grad.dataSync().every(Number.isFinite)).toBe(true);
      grad.dispose();
    }
  });

  it('moves a reconstruction towards the target', () => {
    const target = randomImages([1, 16, 16, 3], 8);
    const x = tf.variable(tf.fill([1, 16, 16, 3], 0.5) as tf.Tensor4D);
    const lossOf = () => msgmsLoss(x, target);
    const start = lossOf().dataSync()[0]!;
    const optimizer = tf.train.adam(0.05);
    for (let i = 0; i < 30; i++) optimizer.minimize(lossOf);
    const end = lossOf().dataSync()[0]!;
    expect(end).toBeLessThan(start * 0.8);
    tf.dispose([x, target]);
    optimizer.dispose();
  });
});
