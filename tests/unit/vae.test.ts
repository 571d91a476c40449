import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './support/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { vaeSpec } from '../../src/core/methods/vae';
import { projectTo2d } from '../../src/core/methods/vae/latent';
import { resolveConfig } from '../../src/core/methods/types';
import { batchTensor } from '../../src/core/train/batch';

beforeAll(useWasmBackend);

const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 1 });

describe('VAE', () => {
  it('lowers its loss on a fixed batch, gives its views and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const run = vaeSpec.create(resolveConfig(vaeSpec, { width: 8, latent: 8, lr: 3e-3 }), [32, 32, 1], 1);
    const x = batchTensor(data.train, 32, 1);
    const losses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const out = run.trainStep(x);
      expect(Object.keys(out).sort()).toEqual(['kl', 'recon', 'total']);
      losses.push(out.total!.dataSync()[0]!);
      tf.dispose(Object.values(out));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect((losses[23]! + losses[24]!) / 2).toBeLessThan(((losses[0]! + losses[1]!) / 2) * 0.8);
    const out = run.infer(x);
    expect(out.recon.shape).toEqual([8, 32, 32, 1]);
    expect(out.map.shape).toEqual([8, 32, 32]);
    expect(out.score.shape).toEqual([8]);
    tf.dispose([out.recon, out.map, out.score]);
    const { views } = await run.extras!({ probe: x });
    const samples = views.find((v) => v.kind === 'images');
    expect(samples).toMatchObject({ count: 16, h: 32, w: 32, channels: 1 });
    const latent = views.find((v) => v.kind === 'latent');
    expect(latent?.kind === 'latent' && latent.points.length).toBe(16);
    x.dispose();
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scores by negative ELBO when asked, deterministically', () => {
    const run = vaeSpec.create(resolveConfig(vaeSpec, { width: 4, latent: 4, score: 'elbo' }), [32, 32, 1], 2);
    const x = batchTensor(data.test, 32, 1);
    const a = run.infer(x).score.dataSync();
    const b = run.infer(x).score.dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a).every((v) => v > 0)).toBe(true);
    run.dispose();
  });
});

describe('projectTo2d', () => {
  it('finds the axis of largest variance first', () => {
    // Points spread along (1, 1, 0) with small noise along z: PC1 carries almost all variance.
    const n = 50;
    const codes = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const t = i - n / 2;
      codes.set([t, t, (i % 2) * 0.1], i * 3);
    }
    const { points, axes } = projectTo2d(codes, n, 3);
    const xs = Array.from({ length: n }, (_, i) => points[2 * i]!);
    const ys = Array.from({ length: n }, (_, i) => points[2 * i + 1]!);
    const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
    expect(spread(xs)).toBeGreaterThan(60);
    expect(spread(ys)).toBeLessThan(0.2);
    expect(axes[0]).toMatch(/PC1 \(100%/);
  });
});
