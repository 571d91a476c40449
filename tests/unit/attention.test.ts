import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './support/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLayerNorm, createTransformerBlock, gelu, layerNorm, multiHeadAttention, transformerBlock, VariableStore } from '../../src/core/nn/attention';

beforeAll(useWasmBackend);

describe('multi-head attention', () => {
  it('gives attention rows that sum to 1, one matrix per head, and keeps the shape', () => {
    const store = new VariableStore(1);
    const block = createTransformerBlock(store, 'b', 16);
    const x = tf.randomNormal<tf.Rank.R3>([3, 9, 16], 0, 1, 'float32', 2);
    const { out, weights } = multiHeadAttention(x, block.attention, 4);
    expect(out.shape).toEqual([3, 9, 16]);
    expect(weights.shape).toEqual([3, 4, 9, 9]);
    const sums = weights.sum(3).dataSync();
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
    expect(weights.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(() => multiHeadAttention(x, block.attention, 5)).toThrow(/multiple/);
    tf.dispose([x, out, weights]);
    store.dispose();
  });

  it('is permutation-equivariant over tokens (no positions inside the block)', () => {
    const store = new VariableStore(3);
    const block = createTransformerBlock(store, 'b', 8);
    const x = tf.randomNormal<tf.Rank.R3>([1, 5, 8], 0, 1, 'float32', 4);
    const perm = tf.tensor1d([4, 2, 0, 1, 3], 'int32');
    const a = tf.gather(transformerBlock(x, block, 2).out, perm, 1);
    const b = transformerBlock(tf.gather(x, perm, 1) as tf.Tensor3D, block, 2).out;
    expect(a.sub(b).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    store.dispose();
  });
});

describe('layer norm and GELU', () => {
  it('layer norm gives zero mean and unit variance per token at initialisation', () => {
    const store = new VariableStore(1);
    const p = createLayerNorm(store, 'ln', 32);
    const y = layerNorm(tf.randomNormal([4, 32], 3, 5, 'float32', 7), p);
    const { mean, variance } = tf.moments(y, 1);
    for (const m of mean.dataSync()) expect(m).toBeCloseTo(0, 4);
    for (const v of variance.dataSync()) expect(v).toBeCloseTo(1, 2);
    store.dispose();
  });

  it('GELU is within 0.02 of the exact values', () => {
    // Exact GELU x * Phi(x) at -3, -1, 0, 1, 3.
    const exact = [-0.00405, -0.15866, 0, 0.84134, 2.99595];
    const y = gelu(tf.tensor1d([-3, -1, 0, 1, 3])).dataSync();
    exact.forEach((v, i) => expect(Math.abs(y[i]! - v)).toBeLessThan(0.02));
  });

  it('store names round-trip through named() and load()', () => {
    const a = new VariableStore(1);
    createTransformerBlock(a, 'b', 8);
    const b = new VariableStore(2);
    createTransformerBlock(b, 'b', 8);
    b.load('x', a.named('x'));
    expect(Array.from(b.vars.get('b/qkv/w')!.dataSync())).toEqual(Array.from(a.vars.get('b/qkv/w')!.dataSync()));
    expect(() => b.load('x', {})).toThrow(/missing/);
    a.dispose();
    b.dispose();
  });
});
