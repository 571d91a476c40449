import { describe, expect, it } from 'vitest';
import { DEFECTS, syntheticDataset, syntheticImage, SYNTHETIC_DEFAULTS, TEXTURES } from '../../src/core/data/synthetic';

const small = { trainCount: 6, testGoodCount: 3, testDefectCount: 2 };

describe('built-in procedural data set', () => {
  it('is deterministic for a seed and changes with it', () => {
    const a = syntheticDataset({ ...small, seed: 7 });
    const b = syntheticDataset({ ...small, seed: 7 });
    const c = syntheticDataset({ ...small, seed: 8 });
    expect(a.train.map((r) => Array.from(r.pixels))).toEqual(b.train.map((r) => Array.from(r.pixels)));
    expect(a.test.map((r) => Array.from(r.mask ?? []))).toEqual(b.test.map((r) => Array.from(r.mask ?? [])));
    expect(Array.from(a.train[0]!.pixels)).not.toEqual(Array.from(c.train[0]!.pixels));
  });

  it('has the expected splits, labels and sizes', () => {
    const d = syntheticDataset({ ...small, size: 32, channels: 1 });
    expect(d.train).toHaveLength(6);
    expect(d.train.every((r) => r.label === 'good' && r.pixels.length === 32 * 32)).toBe(true);
    expect(d.test.filter((r) => r.label === 'good')).toHaveLength(3);
    for (const kind of DEFECTS) expect(d.test.filter((r) => r.label === kind)).toHaveLength(2);
  });

  it.each(TEXTURES.flatMap((t) => DEFECTS.map((k) => [t, k] as const)))(
    '%s with a %s: the mask is exactly the set of changed pixels',
    (texture, kind) => {
      const opts = { ...SYNTHETIC_DEFAULTS, texture, size: 64, channels: 3 as const, seed: 3 };
      for (let i = 0; i < 4; i++) {
        const defective = syntheticImage(opts, 'test', i, kind);
        const clean = syntheticImage(opts, 'test', i, kind, false).pixels;
        const mask = defective.mask!;
        const area = mask.reduce((a, v) => a + v, 0);
        expect(area).toBeGreaterThan(4);
        expect(area).toBeLessThan(64 * 64 * 0.25);
        let changedOutside = 0;
        let changedInside = 0;
        for (let p = 0; p < 64 * 64; p++) {
          const differs = [0, 1, 2].some((c) => defective.pixels[p * 3 + c] !== clean[p * 3 + c]);
          if (mask[p]) changedInside += differs ? 1 : 0;
          else changedOutside += differs ? 1 : 0;
        }
        expect(changedOutside).toBe(0);
        // Nearly every masked pixel really changes (a few may coincide with the texture's colour).
        expect(changedInside / area).toBeGreaterThan(0.9);
        expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
      }
    },
  );

  it('normal test images carry an empty mask', () => {
    const d = syntheticDataset(small);
    for (const r of d.test.filter((t) => t.label === 'good')) expect(r.mask!.every((v) => v === 0)).toBe(true);
  });

  it('renders the same picture at any size (a continuous texture)', () => {
    const big = syntheticDataset({ ...small, size: 64, channels: 1 }).train[0]!.pixels;
    const smallImg = syntheticDataset({ ...small, size: 32, channels: 1 }).train[0]!.pixels;
    // Average 2x2 blocks of the 64 px image and compare with the 32 px one: same texture, same shift.
    let err = 0;
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 32; x++) {
        const m = (big[2 * y * 64 + 2 * x]! + big[2 * y * 64 + 2 * x + 1]! + big[(2 * y + 1) * 64 + 2 * x]! + big[(2 * y + 1) * 64 + 2 * x + 1]!) / 4;
        err += Math.abs(m - smallImg[y * 32 + x]!);
      }
    expect(err / 1024).toBeLessThan(40);
  });
});

