import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianKernel1d, meanFilter, gaussianBlur } from '../../src/core/ops/filters';
import { ssim, ssimLoss, ssimMap } from '../../src/core/ops/ssim';
import { createRng } from '../../src/core/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomImages(seed: number, shape: [number, number, number, number]): tf.Tensor4D {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor4d(Float32Array.from({ length: n }, () => rng()), shape);
}

describe('filters', () => {
  it('gaussian kernel sums to 1 and is symmetric', () => {
    const k = gaussianKernel1d(11, 1.5);
    expect(k.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (let i = 0; i < 5; i++) expect(k[i]).toBeCloseTo(k[10 - i]!, 7);
    expect(k[5]).toBeGreaterThan(k[4]!);
  });

  it('keeps a flat image flat and its size (reflected borders)', () => {
    const flat = tf.fill([1, 9, 9, 2], 0.3) as tf.Tensor4D;
    const out = meanFilter(flat, 5);
    expect(out.shape).toEqual([1, 9, 9, 2]);
    for (const v of out.dataSync()) expect(v).toBeCloseTo(0.3, 5);
  });

  it('mean filter of an impulse spreads it evenly over the window', () => {
    const data = new Float32Array(81);
    data[40] = 9; // centre of a 9x9 image
    const out = meanFilter(tf.tensor4d(data, [1, 9, 9, 1]), 3).dataSync();
    expect(out[40]).toBeCloseTo(1, 5); // 9 / (3 * 3)
    expect(out[30]).toBeCloseTo(1, 5); // a diagonal neighbour
    expect(out[20]).toBeCloseTo(0, 6); // two rows away
  });

  it('handles windows larger than a tiny image', () => {
    const out = gaussianBlur(randomImages(3, [2, 4, 4, 1]), 11, 1.5);
    expect(out.shape).toEqual([2, 4, 4, 1]);
    for (const v of out.dataSync()) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('ssim', () => {
  it('is 1 for identical images', () => {
    const x = randomImages(1, [2, 16, 16, 3]);
    for (const v of ssim(x, x).dataSync()) expect(v).toBeCloseTo(1, 5);
    expect(ssimLoss(x, x).dataSync()[0]).toBeCloseTo(0, 5);
  });

  it('is symmetric', () => {
    const x = randomImages(1, [1, 16, 16, 1]);
    const y = randomImages(2, [1, 16, 16, 1]);
    expect(ssim(x, y).dataSync()[0]).toBeCloseTo(ssim(y, x).dataSync()[0]!, 6);
  });

  it('matches the hand-computed value for two flat images', () => {
    // Flat images a = 0.2, b = 0.6: variances and covariance vanish, so
    // SSIM = (2ab + C1) / (a^2 + b^2 + C1) with C1 = (0.01)^2 = 1e-4 -> 0.2401 / 0.4001.
    const x = tf.fill([1, 12, 12, 1], 0.2) as tf.Tensor4D;
    const y = tf.fill([1, 12, 12, 1], 0.6) as tf.Tensor4D;
    const map = ssimMap(x, y).dataSync();
    // float32: E[x^2] - mu^2 leaves ~1e-8 of "variance", ~1e-4 of SSIM after division by C2.
    for (const v of map) expect(v).toBeCloseTo(0.2401 / 0.4001, 3);
  });

  it('drops where the images differ', () => {
    const x = randomImages(4, [1, 24, 24, 1]);
    const data = x.dataSync().slice();
    for (let r = 10; r < 14; r++) for (let c = 10; c < 14; c++) data[r * 24 + c] = 1 - data[r * 24 + c]!;
    const map = ssimMap(x, tf.tensor4d(data, [1, 24, 24, 1])).dataSync();
    expect(map[12 * 24 + 12]).toBeLessThan(0.5);
    expect(map[2 * 24 + 2]).toBeCloseTo(1, 4);
  });

  it('has a finite gradient that moves x towards y', () => {
    const x = randomImages(5, [1, 16, 16, 1]);
    const y = randomImages(6, [1, 16, 16, 1]);
    const g = tf.grad((a: tf.Tensor) => ssimLoss(a as tf.Tensor4D, y))(x);
    const gv = g.dataSync();
    for (const v of gv) expect(Number.isFinite(v)).toBe(true);
    const stepped = x.sub(g.mul(20)) as tf.Tensor4D;
    expect(ssimLoss(stepped, y).dataSync()[0]).toBeLessThan(ssimLoss(x, y).dataSync()[0]!);
  });
});
