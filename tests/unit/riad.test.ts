import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { riadCells, riadSpec } from '../../src/core/methods/riad';
import {
  applyInChunks,
  assemblePasses,
  hiddenTensor,
  maskedInputs,
  planRows,
  repeatBatch,
  riadMap,
  riadTestPlan,
} from '../../src/core/methods/riad/score';
import { resolveConfig } from '../../src/core/methods/types';
import { createRng } from '../../src/core/rng';
import { batchTensor } from '../../src/core/train/batch';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 2 });

describe('RIAD masks', () => {
  it('scales the paper cell sizes to the working size, or keeps its pixel values', () => {
    expect(riadCells(256, 'scaled')).toEqual([2, 4, 8, 16]);
    expect(riadCells(64, 'scaled')).toEqual([1, 2, 4]);
    expect(riadCells(64, 'paper')).toEqual([2, 4, 8, 16]);
    expect(riadCells(16, 'paper')).toEqual([2, 4, 8]);
  });

  it.each([256, 64, 32])('the test passes at %i px cover every pixel once per cell size', (size) => {
    const cells = riadCells(size, 'scaled');
    const plan = riadTestPlan(size, cells, 3, createRng(5));
    const passes = plan.flatMap((s) => s.masks);
    expect(passes).toHaveLength(3 * cells.length); // 12 at 256 px
    const total = new Uint8Array(size * size);
    for (const scale of plan) {
      const once = new Uint8Array(size * size);
      for (const m of scale.masks) m.forEach((v, i) => (once[i]! += v));
      expect(once.every((v) => v === 1)).toBe(true);
      once.forEach((v, i) => (total[i]! += v));
    }
    expect(total.every((v) => v === cells.length)).toBe(true);
  });
});

describe('RIAD assembly', () => {
  let x: tf.Tensor4D;
  beforeAll(() => {
    x = tf.randomUniform([2, 8, 8, 3], -1, 1, 'float32', 3);
  });
  const plan = riadTestPlan(8, [1, 2], 3, createRng(9));

  it('gives back the input when the network returns the input (identity check)', () => {
    tf.tidy(() => {
      const hidden = hiddenTensor(planRows(plan, 2), 8, 8);
      const restored = repeatBatch(x, 6);
      for (let s = 0; s < 2; s++) {
        const rows = (t: tf.Tensor4D) => t.slice([s * 6, 0, 0, 0], [6, -1, -1, -1]);
        const recon = assemblePasses(rows(restored), rows(hidden), 3);
        expect(recon.sub(x).abs().max().dataSync()[0]).toBeLessThan(1e-6);
      }
    });
  });

  it('keeps only the inpainted pixels: a network that echoes its masked input gives 0', () => {
    tf.tidy(() => {
      const hidden = hiddenTensor(planRows(plan.slice(0, 1), 2), 8, 8);
      const masked = maskedInputs(x, hidden);
      // Hidden pixels are 0 (the mask value), visible ones the input.
      const visible = tf.scalar(1).sub(hidden);
      expect(masked.mul(hidden).abs().max().dataSync()[0]).toBe(0);
      expect(masked.sub(repeatBatch(x, 3).mul(visible)).abs().max().dataSync()[0]).toBe(0);
      expect(assemblePasses(masked, hidden, 3).abs().max().dataSync()[0]).toBe(0);
    });
  });

  it('runs a network in chunks with the same result as one call', () => {
    tf.tidy(() => {
      const double = (t: tf.Tensor4D) => t.mul(2) as tf.Tensor4D;
      const big = repeatBatch(x, 5);
      expect(applyInChunks(double, big, 3).sub(double(big)).abs().max().dataSync()[0]).toBe(0);
    });
  });

  it('gives a zero map for a perfect reconstruction', () => {
    tf.tidy(() => {
      const img = x.add(1).div(2) as tf.Tensor4D;
      expect(riadMap(img, [img, img], 5).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    });
  });
});

describe('RIAD run', () => {
  it('lowers its loss on a fixed batch, infers every map, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const run = riadSpec.create(resolveConfig(riadSpec, { base: 4, lr: 3e-3 }), [32, 32, 1], 1);
    const x = batchTensor(data.train, 32, 1);
    const image = tf.tidy(() => x.slice([0, 0, 0, 0], [1, -1, -1, -1]).squeeze([0]) as tf.Tensor3D);
    const views0 = run.maskViews!(image);
    expect(views0.every((v) => v.restored === undefined)).toBe(true);
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const out = run.trainStep(x);
      expect(Object.keys(out).sort()).toEqual(['l2', 'msgms', 'ssim', 'total']);
      losses.push(out.total!.dataSync()[0]!);
      tf.dispose(Object.values(out));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(losses.slice(-3))).toBeLessThan(mean(losses.slice(0, 3)) * 0.8);

    const out = run.infer(x);
    expect(out.recon.shape).toEqual([8, 32, 32, 1]);
    expect(out.map.shape).toEqual([8, 32, 32]);
    expect(out.score.shape).toEqual([8]);
    expect(tf.tidy(() => out.map.min().dataSync()[0])).toBeGreaterThanOrEqual(-1e-6);

    // The mask panel sees the test passes: 3 per cell size, with masked inputs and restorations.
    const views = run.maskViews!(image);
    expect(views).toHaveLength(3 * riadCells(32, 'scaled').length);
    for (const v of views) {
      expect(v.mask).toHaveLength(32 * 32);
      expect(v.restored).toHaveLength(32 * 32);
      v.mask.forEach((m, i) => m && expect(v.input![i]).toBeCloseTo(0.5, 6));
    }
    tf.dispose([out.recon, out.map, out.score, x, image]);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips its weights and scores the same whatever the batch split', () => {
    const cfg = resolveConfig(riadSpec, { base: 4 });
    const a = riadSpec.create(cfg, [32, 32, 1], 1);
    const b = riadSpec.create(cfg, [32, 32, 1], 1);
    const x = batchTensor(data.test, 32, 1);
    tf.dispose(Object.values(a.trainStep(x)));
    b.load(a.weights());
    const whole = a.infer(x);
    const first = b.infer(x.slice([0, 0, 0, 0], [2, -1, -1, -1]));
    const s = whole.score.dataSync();
    const f = first.score.dataSync();
    expect(f[0]).toBeCloseTo(s[0]!, 4);
    expect(f[1]).toBeCloseTo(s[1]!, 4);
    tf.dispose([whole.recon, whole.map, whole.score, first.recon, first.map, first.score, x]);
    a.dispose();
    b.dispose();
  });
});
