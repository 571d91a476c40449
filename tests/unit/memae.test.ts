import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './support/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { memaeSpec } from '../../src/core/methods/memae';
import { resolveConfig } from '../../src/core/methods/types';
import { batchTensor } from '../../src/core/train/batch';

beforeAll(useWasmBackend);

describe.each([
  ['small', 28],
  ['conv', 32],
])('MemAE, %s network', (net, size) => {
  const data = syntheticDataset({ size, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 1 });
  it('lowers its loss on a fixed batch, gives its views and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const cfg = resolveConfig(memaeSpec, { net, width: 8, latent: 16, items: 20, lr: 3e-3 });
    const run = memaeSpec.create(cfg, [size, size, 1], 1);
    const x = batchTensor(data.train, size, 1);
    const losses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const out = run.trainStep(x);
      expect(Object.keys(out).sort()).toEqual(['entropy', 'mse', 'total']);
      losses.push(out.total!.dataSync()[0]!);
      tf.dispose(Object.values(out));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect((losses[23]! + losses[24]!) / 2).toBeLessThan(((losses[0]! + losses[1]!) / 2) * 0.8);
    const out = run.infer(x);
    expect(out.recon.shape).toEqual([8, size, size, 1]);
    expect(out.map.shape).toEqual([8, size, size]);
    expect(out.score.shape).toEqual([8]);
    tf.dispose([out.recon, out.map, out.score]);
    const { views } = await run.extras!({ probe: x });
    expect(views.find((v) => v.kind === 'images')).toMatchObject({ count: 20, h: size, w: size, channels: 1 });
    const usage = views.find((v) => v.kind === 'memoryUsage');
    const positions = net === 'small' ? 8 * 4 * 4 : 8;
    expect(usage?.kind === 'memoryUsage' && usage.counts.reduce((a, b) => a + b, 0)).toBe(positions);
    // Weights round-trip, memory included.
    const other = memaeSpec.create(cfg, [size, size, 1], 2);
    other.load(run.weights());
    const a = run.infer(x);
    const b = other.infer(x);
    expect(Array.from(b.recon.dataSync())).toEqual(Array.from(a.recon.dataSync()));
    tf.dispose([a.recon, a.map, a.score, b.recon, b.map, b.score, x]);
    other.dispose();
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('MemAE at MNIST size', () => {
  it("builds the paper's MNIST network: 28 -> 4x4x64 code -> 28, 100 items of 64", () => {
    const run = memaeSpec.create(resolveConfig(memaeSpec, {}), [28, 28, 1], 1);
    // Conv2(1,2,16)-Conv2(3,2,32)-Conv2(3,2,64)-Dconv2(3,2,64)-Dconv2(3,2,32)-Dconv2(3,2,1) with biases,
    // BN (4 numbers per channel) after all but the last layer, and the memory, 100 x 64.
    const convs = 1 * 16 + 16 + 9 * 16 * 32 + 32 + 9 * 32 * 64 + 64;
    const deconvs = 9 * 64 * 64 + 64 + 9 * 64 * 32 + 32 + 9 * 32 * 1 + 1;
    const bn = 4 * (16 + 32 + 64 + 64 + 32);
    expect(run.paramCount()).toBe(convs + deconvs + bn + 100 * 64);
    expect(run.weights()['memory/items']!.shape).toEqual([100, 64]);
    run.dispose();
  });
});
