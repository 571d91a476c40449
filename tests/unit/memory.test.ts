import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './support/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressingEntropy, cosineAddressing, hardShrink, readMemory } from '../../src/core/nn/memory';

beforeAll(useWasmBackend);

describe('MemAE memory', () => {
  it('addresses with weights that sum to 1, before and after shrinkage', () => {
    const z = tf.randomNormal<tf.Rank.R2>([12, 8], 0, 1, 'float32', 1);
    const items = tf.randomNormal<tf.Rank.R2>([20, 8], 0, 1, 'float32', 2);
    const soft = cosineAddressing(z, items);
    for (const s of soft.sum(1).arraySync() as number[]) expect(s).toBeCloseTo(1, 5);
    const { weights, read } = readMemory(z, items, 1 / 20);
    expect(read.shape).toEqual([12, 8]);
    for (const s of weights.sum(1).arraySync() as number[]) expect(s).toBeCloseTo(1, 5);
    expect(weights.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
  });

  it('shrinkage zeroes the weights below lambda and keeps the order of the others', () => {
    const w = tf.tensor2d([[0.5, 0.3, 0.15, 0.05]]);
    const out = hardShrink(w, 0.2).arraySync()[0]!;
    expect(out[2]).toBe(0);
    expect(out[3]).toBe(0);
    expect(out[0]!).toBeGreaterThan(out[1]!);
    expect(out[0]! + out[1]!).toBeCloseTo(1, 5);
    // relu(w - l) * w / |w - l| = w above lambda: renormalised 0.5 : 0.3.
    expect(out[0]! / out[1]!).toBeCloseTo(0.5 / 0.3, 4);
  });

  it('reads exactly the item a code points at when the addressing is one-hot', () => {
    const items = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    // Shrinkage at 0.5 keeps only the larger of two weights.
    const { weights, read } = readMemory(tf.tensor2d([[3, 1]]), items, 0.5);
    expect(weights.arraySync()[0]).toEqual([1, 0]);
    expect(read.arraySync()[0]).toEqual([1, 0]);
  });

  it('entropy is 0 for one-hot weights and log N for uniform ones', () => {
    expect(addressingEntropy(tf.tensor2d([[1, 0, 0, 0]])).dataSync()[0]).toBeCloseTo(0, 5);
    expect(addressingEntropy(tf.fill([3, 4], 0.25) as tf.Tensor2D).dataSync()[0]).toBeCloseTo(Math.log(4), 5);
  });
});
