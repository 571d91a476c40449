import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { scadnMasks } from '../../src/core/masks';
import { scadnSpec } from '../../src/core/methods/scadn';
import { discriminatorLoss, reconstructionLoss } from '../../src/core/methods/scadn/loss';
import { generatorDepth } from '../../src/core/methods/scadn/model';
import { chooseScale, pickScale, relativeMeans, scaleErrors, testRows } from '../../src/core/methods/scadn/score';
import { hiddenTensor } from '../../src/core/methods/riad/score';
import { resolveConfig, type MethodRun } from '../../src/core/methods/types';
import { batchTensor } from '../../src/core/train/batch';
import { CALIBRATION_IMAGES, evaluateRun } from '../../src/core/train/evaluate';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 1 });
const small = { width: 8, blocks: 2 };

const snapshot = (w: tf.NamedTensorMap, prefix: string) =>
  Object.fromEntries(Object.entries(w).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k, Array.from(v.dataSync())]));

describe('SCADN training', () => {
  it('lowers the generator loss on a fixed batch, updates both networks, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const run = scadnSpec.create(resolveConfig(scadnSpec, small), [32, 32, 1], 1);
    const x = batchTensor(data.train, 32, 1);
    const w0 = run.weights();
    const g0 = snapshot(w0, 'generator/');
    const d0 = snapshot(w0, 'discriminator/');
    const rec: number[] = [];
    for (let i = 0; i < 24; i++) {
      const out = run.trainStep(x);
      expect(Object.keys(out).sort()).toEqual(['adv', 'd', 'rec', 'total']);
      rec.push(out.rec!.dataSync()[0]!);
      if (i === 0) {
        for (const k of ['adv', 'd', 'total']) expect(Number.isFinite(out[k]!.dataSync()[0]!)).toBe(true);
        expect(out.d!.dataSync()[0]!).toBeGreaterThan(0);
      }
      tf.dispose(Object.values(out));
    }
    // Each step draws new masks, so compare the mean of the first and last few steps.
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    expect(mean(rec.slice(-4))).toBeLessThan(mean(rec.slice(0, 4)) * 0.7);
    const w1 = run.weights();
    const changed = (a: Record<string, number[]>, b: Record<string, number[]>) => Object.keys(a).filter((k) => a[k]!.some((v, i) => v !== b[k]![i]));
    const g1 = snapshot(w1, 'generator/');
    const d1 = snapshot(w1, 'discriminator/');
    expect(changed(g0, g1).length).toBe(Object.keys(g0).length);
    const dChanged = changed(d0, d1);
    const filters = Object.keys(d0).filter((k) => k.endsWith('/filter'));
    expect(filters.length).toBeGreaterThan(0);
    expect(filters.every((k) => dChanged.includes(k))).toBe(true);
    // The persistent power-iteration vectors advance too (the last layer's u, of length 1, stays 1).
    expect(dChanged.filter((k) => k.includes('/sn/')).length).toBeGreaterThanOrEqual(filters.length);

    await run.calibrate!([x]);
    const out = run.infer(x);
    expect(out.recon.shape).toEqual([8, 32, 32, 1]);
    expect(out.map.shape).toEqual([8, 32, 32]);
    expect(out.score.shape).toEqual([8]);
    expect(Array.from(out.score.dataSync()).every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
    tf.dispose([out.recon, out.map, out.score]);

    const image = tf.tidy(() => x.slice([0, 0, 0, 0], [1, -1, -1, -1]).reshape([32, 32, 1]) as tf.Tensor3D);
    const views = run.maskViews!(image);
    expect(views).toHaveLength(12);
    expect(views.map((v) => Array.from(v.mask))).toEqual(scadnMasks(32).map((m) => Array.from(m)));
    expect(views.every((v) => v.restored?.length === 32 * 32 && v.input?.length === 32 * 32)).toBe(true);
    // Hidden pixels are shown to the network as 1.
    const hiddenAt = views[0]!.mask.indexOf(1);
    expect(views[0]!.input![hiddenAt]).toBe(1);
    tf.dispose([image, x]);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without the adversarial term trains the generator alone and round-trips its weights', () => {
    const cfg = resolveConfig(scadnSpec, { ...small, adversarial: 0 });
    const a = scadnSpec.create(cfg, [32, 32, 1], 1);
    const b = scadnSpec.create(cfg, [32, 32, 1], 2);
    const x = batchTensor(data.train.slice(0, 2), 32, 1);
    const out = a.trainStep(x);
    expect(out.d!.dataSync()[0]).toBe(0);
    expect(out.adv!.dataSync()[0]).toBe(0);
    tf.dispose(Object.values(out));
    expect(Object.keys(a.weights()).every((k) => k.startsWith('generator/'))).toBe(true);
    b.load(a.weights());
    const ra = a.infer(x);
    const rb = b.infer(x);
    expect(Array.from(rb.map.dataSync())).toEqual(Array.from(ra.map.dataSync()));
    tf.dispose([ra.recon, ra.map, ra.score, rb.recon, rb.map, rb.score, x]);
    a.dispose();
    b.dispose();
  });

  it('uses 2 downsamplings at 32 px and 3 (the paper) from 64 px', () => {
    expect(generatorDepth(32, 3)).toBe(2);
    expect(generatorDepth(64, 3)).toBe(3);
    expect(generatorDepth(256, 3)).toBe(3);
  });
});

describe('SCADN losses', () => {
  it('weights the hidden pixels 4x and divides by the hidden share', () => {
    tf.tidy(() => {
      const x = tf.zeros([1, 4, 4, 1]) as tf.Tensor4D;
      const hidden = tf.tensor4d([1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0], [1, 4, 4, 1]);
      // Error 1 on hidden pixels only: (0 + 4 * 0.5) / 0.5 = 4; on visible pixels only: 0.5 / 0.5 = 1.
      expect(reconstructionLoss(x, hidden, hidden).dataSync()[0]).toBeCloseTo(4, 5);
      expect(reconstructionLoss(x, tf.scalar(1).sub(hidden) as tf.Tensor4D, hidden).dataSync()[0]).toBeCloseTo(1, 5);
      // A discriminator that cannot tell: (log 2 + log 2) / 2.
      expect(discriminatorLoss(tf.zeros([1, 2, 2, 1]), tf.zeros([1, 2, 2, 1])).dataSync()[0]).toBeCloseTo(Math.LN2, 5);
    });
  });
});

describe('SCADN test-time scoring', () => {
  it('takes, per scale, the max over its 4 masks of the error on hidden pixels only', () => {
    tf.tidy(() => {
      const size = 16;
      const masks = scadnMasks(size);
      const x = tf.zeros([1, size, size, 1]) as tf.Tensor4D;
      const hidden = hiddenTensor(testRows(masks, 1), size, size);
      // Restoration error 1 everywhere on pass 5 (scale 1, 2nd mask), 0 elsewhere.
      const restored = tf.oneHot(tf.tensor1d([5], 'int32'), 12).reshape([12, 1, 1, 1]).tile([1, size, size, 1]) as tf.Tensor4D;
      const { maps } = scaleErrors(x, restored, hidden, 3);
      expect(maps.shape).toEqual([3, 1, size, size]);
      const m = maps.arraySync();
      expect(m[0]!.flat(2).every((v) => v === 0)).toBe(true);
      expect(m[2]!.flat(2).every((v) => v === 0)).toBe(true);
      expect(m[1]![0]!.flat().map((v) => Math.round(v))).toEqual(Array.from(masks[5]!));
    });
  });

  it('chooses the scale whose error stands out most against its error on normal images', () => {
    tf.tidy(() => {
      // Two images x three scales: the coarse scale always has the largest raw error, but image 1
      // doubles the fine scale's usual error and image 0 is slightly high at the middle one.
      const reference = [0.1, 0.02, 0.01];
      const means = tf.tensor2d([
        [0.1, 0.12],
        [0.021, 0.02],
        [0.01, 0.02],
      ]);
      const onehot = chooseScale(means, reference);
      // Ratios to the reference: image 0 -> 1, 1.05, 1 (scale 1); image 1 -> 1.2, 1, 2 (scale 2).
      expect(onehot.arraySync()).toEqual([
        [0, 0],
        [1, 0],
        [0, 1],
      ]);
      // The 'relative' image score is the chosen scale's ratio.
      const ratios = relativeMeans(means, reference).max(0).dataSync();
      expect(ratios[0]).toBeCloseTo(1.05, 5);
      expect(ratios[1]).toBeCloseTo(2, 5);
      // Without calibration the raw largest error wins.
      expect(chooseScale(means, null).arraySync()).toEqual([
        [1, 1],
        [0, 0],
        [0, 0],
      ]);
      const stack = tf.tensor3d([[[1], [2]], [[3], [4]], [[5], [6]]]); // [S, B, 1]
      expect(pickScale(stack, onehot).arraySync()).toEqual([[3], [6]]);
    });
  });
});

describe('evaluateRun calibration hook', () => {
  it('feeds calibrate() a sample of the training images before the test pass, and disposes the batches', async () => {
    const big = syntheticDataset({ size: 32, channels: 1, trainCount: 150, testGoodCount: 2, testDefectCount: 2 });
    const order: string[] = [];
    const batches: tf.Tensor4D[] = [];
    const run: MethodRun = {
      trainStep: () => ({ total: tf.scalar(0) }),
      infer: (xb) => {
        order.push('infer');
        return tf.tidy(() => ({ recon: xb.clone(), map: xb.mean(3) as tf.Tensor3D, score: xb.mean([1, 2, 3]) as tf.Tensor1D }));
      },
      calibrate: (trainBatches) => {
        order.push('calibrate');
        for (const xb of trainBatches) batches.push(xb);
      },
      weights: () => ({}),
      load: () => {},
      paramCount: () => 0,
      dispose: () => {},
    };
    await evaluateRun(run, big, 16);
    expect(order[0]).toBe('calibrate');
    expect(order.slice(1).every((o) => o === 'infer')).toBe(true);
    expect(batches.reduce((n, t) => n + t.shape[0], 0)).toBe(Math.min(150, CALIBRATION_IMAGES));
    expect(batches.every((t) => t.isDisposed)).toBe(true);
  });
});
