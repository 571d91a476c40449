import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { assemblePasses, hiddenTensor, repeatBatch } from '../../src/core/methods/riad/score';
import { smaiSpec } from '../../src/core/methods/smai';
import { smaiSegments, smaiTestGroups, SuperpixelCache, visibleMean } from '../../src/core/methods/smai/score';
import { resolveConfig, type MethodSpec } from '../../src/core/methods/types';
import { batchTensor } from '../../src/core/train/batch';
import { Trainer, TRAIN_DEFAULTS } from '../../src/core/train/engine';
import { evaluateRun } from '../../src/core/train/evaluate';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 2 });

describe('SMAI superpixels and groups', () => {
  it('scales the superpixel count with the image area', () => {
    expect(smaiSegments(64, 64)).toBe(64);
    expect(smaiSegments(32, 64)).toBe(16);
    expect(smaiSegments(128, 64)).toBe(256);
  });

  it('segments each image once and deals its superpixels into disjoint covering groups', () => {
    const cache = new SuperpixelCache(32, 32, 1, 16, 10);
    const img = data.train[0]!;
    const sp = cache.of(img.pixels);
    expect(cache.of(img.pixels)).toBe(sp);
    expect(sp.count).toBeGreaterThan(8);
    const groups = smaiTestGroups(sp, 4, 1, img.id);
    expect(groups).toHaveLength(4);
    const cover = new Uint8Array(32 * 32);
    for (const g of groups) g.forEach((v, i) => (cover[i]! += v));
    expect(cover.every((v) => v === 1)).toBe(true);
    // Same image, same seed: the same groups (the mask panel relies on it).
    expect(smaiTestGroups(sp, 4, 1, img.id)).toEqual(groups);
    // A group is made of whole superpixels.
    for (const g of groups) {
      const inGroup = new Map<number, number>();
      sp.labels.forEach((l, i) => {
        const prev = inGroup.get(l);
        expect(prev === undefined || prev === g[i]).toBe(true);
        inGroup.set(l, g[i]!);
      });
    }
  });

  it('assembles the input back when the network returns it (per-image masks, pass-major)', () => {
    tf.tidy(() => {
      const cache = new SuperpixelCache(32, 32, 1, 16, 10);
      const records = data.train.slice(0, 3);
      const perImage = records.map((r) => smaiTestGroups(cache.of(r.pixels), 4, 1, r.id));
      const rows = [0, 1, 2, 3].flatMap((g) => perImage.map((m) => m[g]!));
      const hidden = hiddenTensor(rows, 32, 32);
      const x = batchTensor(records, 32, 1);
      const recon = assemblePasses(repeatBatch(x, 4), hidden, 4);
      expect(recon.sub(x).abs().max().dataSync()[0]).toBeLessThan(1e-6);
    });
  });

  it('fills with the mean of the visible pixels', () => {
    tf.tidy(() => {
      const x = tf.tensor4d([1, 2, 3, 10], [1, 2, 2, 1]);
      const hidden = tf.tensor4d([0, 0, 0, 1], [1, 2, 2, 1]);
      expect(visibleMean(x, hidden).dataSync()[0]).toBeCloseTo(2, 5);
    });
  });
});

describe('SMAI run', () => {
  it('needs the batch records to train', () => {
    const run = smaiSpec.create(resolveConfig(smaiSpec, { base: 4 }), [32, 32, 1], 1);
    const x = batchTensor(data.train.slice(0, 2), 32, 1);
    expect(() => run.trainStep(x)).toThrow(/ImageRecords/);
    x.dispose();
    run.dispose();
  });

  it.each(['l2', 'l2+ssim'])('lowers its %s loss on a fixed batch, infers every map, and leaks no tensors', (loss) => {
    const before = tf.memory().numTensors;
    const run = smaiSpec.create(resolveConfig(smaiSpec, { base: 4, lr: 3e-3, loss, fill: loss === 'l2' ? 'zero' : 'mean' }), [32, 32, 1], 1);
    const x = batchTensor(data.train, 32, 1);
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const out = run.trainStep(x, data.train);
      losses.push(out.total!.dataSync()[0]!);
      tf.dispose(Object.values(out));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(losses.slice(-3))).toBeLessThan(mean(losses.slice(0, 3)) * 0.8);

    for (const records of [data.train, undefined]) {
      // Without records the superpixels come from the batch's own pixels (one readback).
      const out = run.infer(x, records);
      expect(out.recon.shape).toEqual([8, 32, 32, 1]);
      expect(out.map.shape).toEqual([8, 32, 32]);
      expect(out.score.shape).toEqual([8]);
      tf.dispose([out.recon, out.map, out.score]);
    }

    const image = tf.tidy(() => x.slice([0, 0, 0, 0], [1, -1, -1, -1]).squeeze([0]) as tf.Tensor3D);
    const views = run.maskViews!(image, data.train[0]);
    // Superpixel borders, one training draw, then the 4 test groups with their restorations.
    expect(views).toHaveLength(1 + 1 + 4);
    expect(views[1]!.title).toMatch(/training draw/);
    const cover = new Uint8Array(32 * 32);
    for (const v of views.slice(2)) {
      expect(v.restored).toHaveLength(32 * 32);
      v.mask.forEach((m, i) => (cover[i]! += m));
    }
    expect(cover.every((v) => v === 1)).toBe(true);
    tf.dispose([x, image]);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is prepared (superpixels) by the Trainer and evaluateRun, and gets each batch\'s records', async () => {
    const calls: string[] = [];
    const spied: MethodSpec = {
      ...smaiSpec,
      create: (cfg, shape, seed) => {
        const run = smaiSpec.create(cfg, shape, seed);
        return {
          ...run,
          prepare: (d) => {
            calls.push(`prepare ${d.train.length + d.test.length}`);
            run.prepare!(d);
          },
          trainStep: (b, records) => {
            calls.push(records?.length === b.shape[0] ? 'step with records' : 'step');
            return run.trainStep(b, records);
          },
        };
      },
    };
    const trainer = new Trainer(spied, resolveConfig(smaiSpec, { base: 4 }), data, { ...TRAIN_DEFAULTS, epochs: 1, batchSize: 4, maxSteps: 2 });
    expect(await trainer.fit()).toBe('done');
    const ev = await evaluateRun(trainer.run, data, 4);
    const n = data.train.length + data.test.length;
    expect(calls).toEqual([`prepare ${n}`, 'step with records', 'step with records', `prepare ${n}`]);
    expect(ev.scores).toHaveLength(data.test.length);
    expect(ev.scores.every(Number.isFinite)).toBe(true);
    trainer.dispose();
  });
});
