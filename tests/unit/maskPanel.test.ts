import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { scadnMasks } from '../../src/core/masks';
import { METHODS } from '../../src/core/methods/registry';
import { riadCells, riadSpec } from '../../src/core/methods/riad';
import { riadTestPlan } from '../../src/core/methods/riad/score';
import { scadnSpec } from '../../src/core/methods/scadn';
import { smaiSpec } from '../../src/core/methods/smai';
import { smaiSegments, smaiTestGroups, SuperpixelCache } from '../../src/core/methods/smai/score';
import { resolveConfig, type MethodSpec } from '../../src/core/methods/types';
import { createRng, deriveSeed } from '../../src/core/rng';
import { batchTensor } from '../../src/core/train/batch';
import { maskPanelData } from '../../src/worker/maskPanel';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

const SIZE = 32;
const data = syntheticDataset({ size: SIZE, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 2 });
const SEED = 7;
const HW = SIZE * SIZE;

const small = (spec: MethodSpec) => resolveConfig(spec, spec.id === 'scadn' ? { width: 4, blocks: 1 } : { base: 4 });

/** How many masks hide each pixel. */
function coverage(masks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(HW);
  for (const m of masks) m.forEach((v, i) => (out[i]! += v));
  return out;
}

describe('mask panel data (worker)', () => {
  it('is offered exactly by the methods whose runs draw masks', () => {
    for (const spec of METHODS) {
      const run = spec.create(resolveConfig(spec), [SIZE, SIZE, 1], 1);
      try {
        expect([spec.id, spec.hasMaskViews === true]).toEqual([spec.id, typeof run.maskViews === 'function']);
      } finally {
        run.dispose();
      }
    }
  });

  it('RIAD before training: the run seed\'s test grids, each cell size covering every pixel once, and no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const out = await maskPanelData({ spec: riadSpec, config: small(riadSpec), seed: SEED, dataset: data, split: 'test', index: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(out.trained).toBeNull();
    expect([out.split, out.index, out.count, out.label]).toEqual(['test', 3, data.test.length, data.test[3]!.label]);
    const cells = riadCells(SIZE, 'scaled');
    const plan = riadTestPlan(SIZE, cells, 3, createRng(deriveSeed(SEED, 'riad/test-masks')));
    expect(out.masks.map((m) => m.mask)).toEqual(plan.flatMap((s) => s.masks));
    for (let s = 0; s < cells.length; s++) {
      expect(coverage(out.masks.slice(3 * s, 3 * s + 3).map((m) => m.mask)).every((v) => v === 1)).toBe(true);
    }
    // The masked input is the image where visible, mid-gray (0 on [-1, 1]) where hidden; nothing is restored yet.
    const image = Float32Array.from(data.test[3]!.pixels, (v) => v / 255);
    expect(Array.from(out.image)).toEqual(Array.from(image));
    for (const view of out.masks) {
      expect(view.restored).toBeUndefined();
      view.mask.forEach((hidden, i) => expect(view.input![i]!).toBeCloseTo(hidden ? 0.5 : image[i]!, 5));
    }
  });

  it('SCADN: the 12 stripe masks of its scales, in order', async () => {
    const before = tf.memory().numTensors;
    const out = await maskPanelData({ spec: scadnSpec, config: small(scadnSpec), seed: SEED, dataset: data, split: 'train', index: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(out.masks.map((m) => m.mask)).toEqual(scadnMasks(SIZE));
    expect(out.masks).toHaveLength(12);
    expect(out.masks[0]!.title).toMatch(/px: vertical stripes$/);
  });

  it("SMAI: the superpixel borders, a training draw, then the image's test groups that cover it once", async () => {
    const before = tf.memory().numTensors;
    const cfg = small(smaiSpec);
    const record = data.test[2]!;
    const out = await maskPanelData({ spec: smaiSpec, config: cfg, seed: SEED, dataset: data, split: 'test', index: 2 });
    expect(tf.memory().numTensors).toBe(before);
    const groups = cfg.groups as number;
    expect(out.masks).toHaveLength(2 + groups);
    const sp = new SuperpixelCache(SIZE, SIZE, 1, smaiSegments(SIZE, cfg.superpixels as number), cfg.compactness as number).of(record.pixels);
    const expected = smaiTestGroups(sp, groups, SEED, record.id);
    expect(out.masks.slice(2).map((m) => m.mask)).toEqual(expected);
    expect(coverage(expected).every((v) => v === 1)).toBe(true);
    // The training draw hides whole superpixels, a share within [maskMin, maskMax] of them.
    const drawn = new Set<number>();
    out.masks[1]!.mask.forEach((v, i) => v && drawn.add(sp.labels[i]!));
    out.masks[1]!.mask.forEach((v, i) => expect(v).toBe(drawn.has(sp.labels[i]!) ? 1 : 0));
    expect(drawn.size / sp.count).toBeGreaterThanOrEqual((cfg.maskMin as number) - 1 / sp.count);
    expect(drawn.size / sp.count).toBeLessThanOrEqual((cfg.maskMax as number) + 1 / sp.count);
  });

  it('RIAD trained: a restoration per mask that combine into the run\'s reconstruction, its map and score; the run keeps its masks', async () => {
    const run = riadSpec.create(small(riadSpec), [SIZE, SIZE, 1], SEED);
    try {
      const x = batchTensor(data.train.slice(0, 4), SIZE, 1);
      tf.dispose(run.trainStep(x));
      x.dispose();
      const before = tf.memory().numTensors;
      const out = await maskPanelData({ spec: riadSpec, config: small(riadSpec), seed: SEED, dataset: data, split: 'test', index: 2, trained: { run, steps: 1 } });
      expect(tf.memory().numTensors).toBe(before);
      expect(out.trained!.steps).toBe(1);
      expect(out.trained!.recon).toHaveLength(HW);
      expect(out.trained!.map).toHaveLength(HW);
      expect(Number.isFinite(out.trained!.score)).toBe(true);
      // Per cell size, each pixel comes from the pass that hid it; the cell sizes are averaged.
      const scales = out.masks.length / 3;
      const combined = new Float32Array(HW);
      for (const view of out.masks) {
        expect(view.restored).toHaveLength(HW);
        view.mask.forEach((hidden, i) => hidden && (combined[i]! += view.restored![i]! / scales));
      }
      let worst = 0;
      combined.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - out.trained!.recon[i]!))));
      expect(worst).toBeLessThan(1e-4);
      // Answers are copies: changing one (as a transfer to the page would detach it) leaves the run's masks alone.
      const first = out.masks[0]!.mask;
      const copy = first.slice();
      first.fill(7);
      const again = await maskPanelData({ spec: riadSpec, config: small(riadSpec), seed: SEED, dataset: data, split: 'test', index: 2, trained: { run, steps: 1 } });
      expect(again.masks[0]!.mask).toEqual(copy);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      run.dispose();
    }
  });

  it('refuses an image outside the split and a method without masks, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await expect(maskPanelData({ spec: riadSpec, config: small(riadSpec), seed: 1, dataset: data, split: 'test', index: data.test.length })).rejects.toThrow(RangeError);
    const ae = METHODS.find((m) => m.id === 'ae')!;
    await expect(maskPanelData({ spec: ae, config: resolveConfig(ae), seed: 1, dataset: data, split: 'test', index: 0 })).rejects.toThrow(/draws no masks/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('masksApi (worker)', () => {
  it('answers for the current data set with an untrained run when none of the method was trained, leaving no tensor behind', async () => {
    const { setCurrentDataset } = await import('../../src/worker/state');
    const { masksApi } = await import('../../src/worker/masksApi');
    setCurrentDataset(data);
    const before = tf.memory().numTensors;
    const out = await masksApi.maskViews({ method: 'scadn', config: { width: 4, blocks: 1 }, seed: 3, split: 'test', index: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(out.trained).toBeNull();
    expect(out.masks.map((m) => m.mask)).toEqual(scadnMasks(SIZE));
    await expect(masksApi.maskViews({ method: 'scadn', config: { width: 3 }, seed: 3, split: 'test', index: 1 })).rejects.toThrow(/width/);
  });
});
