import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './support/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { fitPatch, intraSpec } from '../../src/core/methods/intra';
import { extractPatches, tilePatches, windowIndices } from '../../src/core/methods/intra/model';
import { resolveConfig } from '../../src/core/methods/types';
import { allCentralWindows } from '../../src/core/masks/windows';
import { batchTensor } from '../../src/core/train/batch';

beforeAll(useWasmBackend);

describe('InTra patches and windows', () => {
  it('cuts images into row-major patches and tiles them back exactly', () => {
    const x = tf.randomUniform<tf.Rank.R4>([2, 16, 16, 3], 0, 1, 'float32', 1);
    const p = extractPatches(x, 4);
    expect(p.shape).toEqual([2, 16, 48]);
    // Patch (row 1, col 2) of image 1 is index 1 * 4 + 2 and holds pixels [4..8) x [8..12).
    const direct = x.slice([1, 4, 8, 0], [1, 4, 4, 3]).reshape([48]);
    expect(Array.from(p.slice([1, 6, 0], [1, 1, 48]).reshape([48]).dataSync())).toEqual(Array.from(direct.dataSync()));
    expect(Array.from(tilePatches(p, 4, 4, 4, 3).dataSync())).toEqual(Array.from(x.dataSync()));
  });

  it("the central-window rule inpaints every patch exactly once, from a window that holds it", () => {
    const rows = 8;
    const cols = 8;
    const L = 5;
    const windows = allCentralWindows(rows, cols, L);
    const idx = windowIndices([windows, windows], rows, cols, L);
    // Each image's targets are its patches 0..63, once each, in row-major order: tiling is exact.
    expect(Array.from(idx.targets)).toEqual([...Array.from({ length: 64 }, (_, i) => i), ...Array.from({ length: 64 }, (_, i) => 64 + i)]);
    windows.forEach((w, s) => {
      // The hidden slot of window s is the target patch's grid position.
      expect(idx.positions[s * L * L + idx.slots[s]!]).toBe(w.row * cols + w.col);
      expect(w.r0).toBeGreaterThanOrEqual(0);
      expect(w.r0 + L).toBeLessThanOrEqual(rows);
    });
  });
});

describe('InTra', () => {
  const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 1 });
  it('lowers its loss on a fixed batch, gives its attention view and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const cfg = resolveConfig(intraSpec, { patch: 4, window: 5, dim: 32, blocks: 2, heads: 4, lr: 2e-3 });
    const run = intraSpec.create(cfg, [32, 32, 1], 1);
    const x = batchTensor(data.train, 32, 1);
    const losses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const out = run.trainStep(x);
      expect(Object.keys(out).sort()).toEqual(['l2', 'msgms', 'ssim', 'total']);
      losses.push(out.total!.dataSync()[0]!);
      tf.dispose(Object.values(out));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    // Windows are random per step: compare means of the first and last five steps.
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(losses.slice(20))).toBeLessThan(mean(losses.slice(0, 5)) * 0.8);
    const out = run.infer(x);
    expect(out.recon.shape).toEqual([8, 32, 32, 1]);
    expect(out.map.shape).toEqual([8, 32, 32]);
    expect(out.score.shape).toEqual([8]);
    tf.dispose([out.recon, out.map, out.score]);
    const { views } = await run.extras!({ probe: x, focus: { row: 0, col: 7 } });
    const att = views[0]!;
    expect(att).toMatchObject({ kind: 'attention', row: 0, col: 7, r0: 0, c0: 3, L: 5, blocks: 2, heads: 4 });
    if (att.kind === 'attention') {
      expect(att.weights.length).toBe(2 * 4 * 25);
      for (let r = 0; r < 8; r++) expect(att.weights.slice(r * 25, r * 25 + 25).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    // Weights round-trip.
    const other = intraSpec.create(cfg, [32, 32, 1], 2);
    other.load(run.weights());
    const a = run.infer(x);
    const b = other.infer(x);
    expect(Array.from(b.recon.dataSync())).toEqual(Array.from(a.recon.dataSync()));
    tf.dispose([a.recon, a.map, a.score, b.recon, b.map, b.score, x]);
    other.dispose();
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fits the patch to small images and refuses a window that cannot fit', () => {
    expect(fitPatch(64, 8, 5)).toBe(8);
    expect(fitPatch(32, 8, 5)).toBe(4);
    expect(fitPatch(28, 8, 5)).toBe(4);
    expect(fitPatch(256, 16, 7)).toBe(16);
    expect(() => intraSpec.create(resolveConfig(intraSpec, { patch: 8, window: 9 }), [8, 8, 1], 1)).toThrow(/window of 9 patches does not fit in 8 px/);
  });
});
