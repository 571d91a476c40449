import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './support/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { mnadSpec } from '../../src/core/methods/mnad';
import { readMemory, updateMemory } from '../../src/core/methods/mnad/memory';
import { mixScores } from '../../src/core/methods/mnad/score';
import { resolveConfig } from '../../src/core/methods/types';
import { unitRows } from '../../src/core/nn/memory';
import { batchTensor } from '../../src/core/train/batch';
import { evaluateRun } from '../../src/core/train/evaluate';

beforeAll(useWasmBackend);

const norms = (t: tf.Tensor2D) => tf.tidy(() => t.square().sum(1).sqrt().arraySync() as number[]);
const cosines = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.tidy(() => a.mul(b).sum(1).arraySync() as number[]);

describe('MNAD memory', () => {
  it('update moves each item toward the queries that pick it and keeps it unit-norm', () => {
    const items = unitRows(tf.tensor2d([[1, 0.2, 0], [0, 1, 0.3], [0.1, 0, 1]]));
    // Queries near item 0 and item 1; none near item 2.
    const q = unitRows(tf.tensor2d([[1, 0.8, 0], [0.9, 0.7, 0.1], [0.2, 1, 0.9]]));
    const updated = updateMemory(q, items);
    for (const n of norms(updated)) expect(n).toBeCloseTo(1, 5);
    const target0 = unitRows(q.slice([0, 0], [2, 3]).sum(0, true) as tf.Tensor2D);
    const target1 = unitRows(q.slice([2, 0], [1, 3]) as tf.Tensor2D);
    const before = [cosines(items.slice([0, 0], [1, 3]), target0)[0]!, cosines(items.slice([1, 0], [1, 3]), target1)[0]!];
    const after = [cosines(updated.slice([0, 0], [1, 3]), target0)[0]!, cosines(updated.slice([1, 0], [1, 3]), target1)[0]!];
    expect(after[0]!).toBeGreaterThan(before[0]!);
    expect(after[1]!).toBeGreaterThan(before[1]!);
    // Item 2 is nobody's nearest: unchanged.
    const unchanged = updated.slice([2, 0], [1, 3]).sub(items.slice([2, 0], [1, 3])).abs().max().dataSync()[0]!;
    expect(unchanged).toBeLessThan(1e-6);
  });

  it('gated-out queries do not move the memory', () => {
    const items = unitRows(tf.randomNormal<tf.Rank.R2>([4, 6], 0, 1, 'float32', 3));
    const q = unitRows(tf.randomNormal<tf.Rank.R2>([10, 6], 0, 1, 'float32', 4));
    const same = updateMemory(q, items, tf.zeros([10]));
    expect(Math.max(...(same.sub(items).abs().max(1).arraySync() as number[]))).toBeLessThan(1e-6);
  });

  it('reads with softmax weights over the items that sum to 1', () => {
    const items = unitRows(tf.randomNormal<tf.Rank.R2>([10, 8], 0, 1, 'float32', 5));
    const q = unitRows(tf.randomNormal<tf.Rank.R2>([7, 8], 0, 1, 'float32', 6));
    const { weights, read } = readMemory(q, items);
    for (const s of weights.sum(1).arraySync() as number[]) expect(s).toBeCloseTo(1, 5);
    expect(read.shape).toEqual([7, 8]);
  });

  it('mixes min-max normalised PSNR and distance with lambda', () => {
    const s = mixScores(Float32Array.from([30, 20, 25]), Float32Array.from([0.1, 0.3, 0.2]), 0.7);
    expect(Array.from(s).map((v) => +v.toFixed(5))).toEqual([0, 1, 0.5]);
  });
});

describe('MNAD', () => {
  const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 4, testDefectCount: 2 });
  it('lowers its loss on a fixed batch, scores a test set, gives its views and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const run = mnadSpec.create(resolveConfig(mnadSpec, { width: 4, dim: 16, lr: 3e-3 }), [32, 32, 1], 1);
    const x = batchTensor(data.train, 32, 1);
    const losses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const out = run.trainStep(x);
      expect(Object.keys(out).sort()).toEqual(['compactness', 'mse', 'separateness', 'total']);
      losses.push(out.total!.dataSync()[0]!);
      tf.dispose(Object.values(out));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect((losses[23]! + losses[24]!) / 2).toBeLessThan(((losses[0]! + losses[1]!) / 2) * 0.8);
    const memory = run.weights()['memory/items'] as tf.Tensor2D;
    for (const n of norms(memory)) expect(n).toBeCloseTo(1, 4);
    const ev = await evaluateRun(run, data, 4);
    // The mnad score is min-max mixed over the test set: in [0, 1], with 0 and 1 attained... unless ties.
    expect(Math.min(...ev.scores)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ev.scores)).toBeLessThanOrEqual(1);
    // beginTest restarts the test-time memory: a second evaluation gives the same scores.
    const again = await evaluateRun(run, data, 4);
    expect(Array.from(again.scores)).toEqual(Array.from(ev.scores));
    const { views } = await run.extras!({ probe: x });
    const evolution = views.find((v) => v.kind === 'memoryEvolution');
    expect(evolution?.kind === 'memoryEvolution' && evolution.steps.length).toBeGreaterThan(2);
    const usage = views.find((v) => v.kind === 'usageMap');
    expect(usage).toMatchObject({ count: 8, rows: 4, cols: 4, items: 10 });
    x.dispose();
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
