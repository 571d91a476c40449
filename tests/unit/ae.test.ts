import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './support/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { aeSpec } from '../../src/core/methods/ae';
import { resolveConfig } from '../../src/core/methods/types';
import { batchTensor } from '../../src/core/train/batch';

beforeAll(useWasmBackend);

const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 1 });

describe.each(['l2', 'ssim'])('AE with %s loss', (loss) => {
  it('lowers its loss on a fixed batch and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const run = aeSpec.create(resolveConfig(aeSpec, { loss, width: 8, latent: 16, lr: 3e-3 }), [32, 32, 1], 1);
    const x = batchTensor(data.train, 32, 1);
    const losses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const out = run.trainStep(x);
      losses.push(out.total!.dataSync()[0]!);
      tf.dispose(Object.values(out));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    const first = (losses[0]! + losses[1]!) / 2;
    const last = (losses[23]! + losses[24]!) / 2;
    expect(last).toBeLessThan(first * 0.8);
    const out = run.infer(x);
    expect(out.recon.shape).toEqual([8, 32, 32, 1]);
    expect(out.map.shape).toEqual([8, 32, 32]);
    expect(out.score.shape).toEqual([8]);
    tf.dispose([out.recon, out.map, out.score, x]);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('AE weights', () => {
  it('round-trip through weights() and load() to the same reconstruction', () => {
    const cfg = resolveConfig(aeSpec, { width: 4, latent: 8 });
    const a = aeSpec.create(cfg, [32, 32, 1], 1);
    const b = aeSpec.create(cfg, [32, 32, 1], 2);
    const x = batchTensor(data.test.slice(0, 2), 32, 1);
    const ra = a.infer(x).recon.dataSync();
    expect(Array.from(b.infer(x).recon.dataSync())).not.toEqual(Array.from(ra));
    b.load(a.weights());
    expect(Array.from(b.infer(x).recon.dataSync())).toEqual(Array.from(ra));
    expect(() => b.load({})).toThrow(/missing/);
  });

  it('refuses parameters outside the schema with a clear reason', () => {
    expect(() => resolveConfig(aeSpec, { loss: 'l1' })).toThrow(/must be one of l2, ssim/);
    expect(() => resolveConfig(aeSpec, { width: 1000 })).toThrow(/\[4, 64\]/);
    expect(() => resolveConfig(aeSpec, { nope: 1 })).toThrow(/no parameter "nope"/);
  });
});
