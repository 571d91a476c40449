import { describe, expect, it } from 'vitest';
import { createRng, randNormal } from '../../src/core/rng';
import {
  allCentralWindows,
  centralWindow,
  enforceConnectivity,
  gridMasks,
  patchGrid,
  randomWindow,
  riadCellSizes,
  scadnMaskScales,
  scadnMasks,
  scadnStripeWidths,
  slic,
  stripeMasks,
  superpixelGroups,
  superpixelMasks,
} from '../../src/core/masks';

const sum = (m: Uint8Array) => m.reduce((a, v) => a + v, 0);

/** Every pixel hidden by exactly one mask. */
function expectPartition(masks: Uint8Array[], n: number): void {
  const cover = new Int32Array(n);
  for (const m of masks) {
    expect(m.length).toBe(n);
    expect(m.every((v) => v === 0 || v === 1)).toBe(true);
    m.forEach((v, p) => {
      cover[p]! += v;
    });
  }
  expect(cover.every((c) => c === 1)).toBe(true);
}

/** Number of 4-connected components of the pixels whose label is `label`, and the largest one. */
function components(labels: Int32Array, h: number, w: number, label: number): number[] {
  const seen = new Uint8Array(h * w);
  const sizes: number[] = [];
  for (let s = 0; s < h * w; s++) {
    if (labels[s] !== label || seen[s]) continue;
    const stack = [s];
    seen[s] = 1;
    let size = 0;
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const y = Math.floor(p / w);
      const x = p % w;
      const next = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1];
      for (const q of next) {
        if (q >= 0 && !seen[q] && labels[q] === label) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    sizes.push(size);
  }
  return sizes;
}

function expectValidSuperpixels(labels: Int32Array, count: number, h: number, w: number): void {
  expect(labels.length).toBe(h * w);
  expect(labels.every((l) => l >= 0 && l < count)).toBe(true);
  const used = new Uint8Array(count);
  for (const l of labels) used[l] = 1;
  expect(used.every((u) => u === 1)).toBe(true);
  // Strict criterion: each superpixel is a single 4-connected component.
  for (let l = 0; l < count; l++) expect(components(labels, h, w, l)).toHaveLength(1);
}

/**
 * A smooth colour field with a blob and noise, a stand-in for a photo. `period` scales the waves
 * (by default with the image, so the scene looks the same at every size).
 */
function syntheticImage(size: number, channels: 1 | 3, seed: number, period = size / 64): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(size * size * channels);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < channels; c++) {
        const wave = Math.sin((x * (c + 1)) / (7 * period)) * Math.cos((y * (3 - c)) / (9 * period));
        const blob = Math.hypot(x - size / 3, y - size / 2) < size / 5 ? 60 : 0;
        const v = 120 + 60 * wave + blob + 8 * randNormal(rng);
        out[(y * size + x) * channels + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return out;
}

describe('gridMasks (RIAD)', () => {
  const cases: [number, number, number][] = [
    [32, 4, 3],
    [30, 4, 3],
    [17, 5, 3],
    [16, 16, 3],
    [10, 3, 2],
    [9, 1, 5],
    [64, 7, 3],
  ];
  it.each(cases)('size %i, cell %i, %i sets: disjoint, covering, whole cells, balanced', (size, cell, sets) => {
    const masks = gridMasks(size, cell, sets, createRng(size * 31 + cell));
    expect(masks).toHaveLength(sets);
    expectPartition(masks, size * size);
    const perSide = Math.ceil(size / cell);
    const cellCounts = masks.map(() => 0);
    for (let cy = 0; cy < perSide; cy++) {
      for (let cx = 0; cx < perSide; cx++) {
        // All pixels of a cell, partial edge cells included, belong to one mask.
        const owners = new Set<number>();
        for (let y = cy * cell; y < Math.min(size, (cy + 1) * cell); y++) {
          for (let x = cx * cell; x < Math.min(size, (cx + 1) * cell); x++) {
            owners.add(masks.findIndex((m) => m[y * size + x] === 1));
          }
        }
        expect(owners.size).toBe(1);
        cellCounts[[...owners][0]!]!++;
      }
    }
    expect(Math.max(...cellCounts) - Math.min(...cellCounts)).toBeLessThanOrEqual(1);
  });

  it('is reproducible from the seed and changes with it', () => {
    const a = gridMasks(32, 4, 3, createRng(7));
    const b = gridMasks(32, 4, 3, createRng(7));
    const c = gridMasks(32, 4, 3, createRng(8));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('scales the paper cell sides from 256 px', () => {
    expect(riadCellSizes(256)).toEqual([2, 4, 8, 16]);
    expect(riadCellSizes(512)).toEqual([4, 8, 16, 32]);
    expect(riadCellSizes(128)).toEqual([1, 2, 4, 8]);
    expect(riadCellSizes(64)).toEqual([1, 2, 4]);
    expect(riadCellSizes(32)).toEqual([1, 2]);
    expect(riadCellSizes(8)).toEqual([1]);
  });

  it('rejects bad arguments', () => {
    expect(() => gridMasks(32, 0, 3, createRng(1))).toThrow(RangeError);
    expect(() => gridMasks(32, 4, 1.5, createRng(1))).toThrow(RangeError);
  });
});

describe('stripe masks (SCADN)', () => {
  it.each([
    [32, 8],
    [64, 4],
    [64, 1],
    [30, 4],
  ])('size %i, width %i: each mask and its complement cover the image', (size, width) => {
    const [v, vc, hz, hc] = stripeMasks(size, width);
    expectPartition([v!, vc!], size * size);
    expectPartition([hz!, hc!], size * size);
    if (size % (2 * width) === 0) {
      for (const m of [v!, vc!, hz!, hc!]) expect(sum(m)).toBe((size * size) / 2);
    }
    // Vertical stripes depend on x only, horizontal ones on y only, and are each other's transpose.
    let structured = true;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const p = y * size + x;
        structured &&= v![p] === v![x] && hz![p] === hz![y * size] && hz![p] === v![x * size + y];
      }
    }
    expect(structured).toBe(true);
    expect(v![0]).toBe(1);
    expect(v![width]).toBe(width < size ? 0 : 1);
  });

  it('gives 12 masks at 1/4, 1/8, 1/16 of the side', () => {
    expect(scadnStripeWidths(64)).toEqual([16, 8, 4]);
    expect(scadnStripeWidths(28)).toEqual([7, 4, 2]);
    expect(scadnStripeWidths(8)).toEqual([2, 1, 1]);
    const masks = scadnMasks(64);
    expect(masks).toHaveLength(12);
    for (const m of masks) expect(sum(m)).toBe(64 * 32);
    expect(scadnMaskScales(64).map((s) => s.width)).toEqual([16, 8, 4]);
    expect(scadnMasks(8)).toHaveLength(12);
  });
});

describe('slic', () => {
  it.each([
    [64, 3 as const, 50],
    [64, 3 as const, 100],
    [96, 1 as const, 64],
    [128, 3 as const, 100],
    [128, 1 as const, 200],
  ])('%i px, %i channel(s), %i segments: count within 30%, labels valid and 4-connected', (size, ch, segments) => {
    for (const seed of [1, 2, 3]) {
      const { labels, count } = slic(syntheticImage(size, ch, seed), size, size, ch, { segments });
      expect(count).toBeGreaterThanOrEqual(Math.floor(segments * 0.7));
      expect(count).toBeLessThanOrEqual(Math.ceil(segments * 1.3));
      expectValidSuperpixels(labels, count, size, size);
    }
  });

  it('keeps superpixels 4-connected on a busy texture, where k-means clusters fragment most', () => {
    // Waves of fixed pixel period: several periods per superpixel at 128 px.
    const { labels, count } = slic(syntheticImage(128, 3, 4, 1), 128, 128, 3, { segments: 100 });
    expectValidSuperpixels(labels, count, 128, 128);
  });

  it('works on non-square images', () => {
    const h = 40;
    const w = 72;
    const img = syntheticImage(72, 3, 3).subarray(0, h * w * 3);
    const { labels, count } = slic(img, h, w, 3, { segments: 40, compactness: 20 });
    expect(count).toBeGreaterThanOrEqual(28);
    expect(count).toBeLessThanOrEqual(52);
    expectValidSuperpixels(labels, count, h, w);
  });

  it.each([
    [1 as const, 16],
    [1 as const, 64],
    [3 as const, 16],
    [3 as const, 64],
  ])('puts boundaries on the colour edges of an aligned checkerboard (%i ch, %i segments)', (ch, segments) => {
    const size = 64;
    const block = 16;
    const colours = ch === 1 ? [[40], [200]] : [[200, 30, 30], [30, 60, 200]];
    const rng = createRng(5);
    const img = new Uint8Array(size * size * ch);
    const colourOf = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const k = (Math.floor(y / block) + Math.floor(x / block)) % 2;
        colourOf[y * size + x] = k;
        for (let c = 0; c < ch; c++) {
          img[(y * size + x) * ch + c] = Math.round(colours[k]![c]! + 4 * randNormal(rng));
        }
      }
    }
    const { labels, count } = slic(img, size, size, ch, { segments });
    expectValidSuperpixels(labels, count, size, size);
    // No superpixel straddles a colour edge, so every colour edge is a superpixel boundary.
    const colourOfLabel = new Int32Array(count).fill(-1);
    let pure = true;
    labels.forEach((l, p) => {
      if (colourOfLabel[l] === -1) colourOfLabel[l] = colourOf[p]!;
      pure &&= colourOfLabel[l] === colourOf[p];
    });
    expect(pure).toBe(true);
    expect(count).toBe(segments);
  });

  it('is deterministic', () => {
    const img = syntheticImage(48, 3, 11);
    expect(slic(img, 48, 48, 3, { segments: 30 })).toEqual(slic(img, 48, 48, 3, { segments: 30 }));
  });

  it('rejects a pixel buffer of the wrong length', () => {
    expect(() => slic(new Uint8Array(10), 4, 4, 1, { segments: 4 })).toThrow(RangeError);
  });
});

describe('enforceConnectivity', () => {
  it('merges small fragments into a neighbour and renumbers from 0', () => {
    const h = 8;
    const w = 8;
    // Left half 5, right half 9; a stray 9 inside the left half and a detached 5 pixel on the right.
    const labels = new Int32Array(h * w).map((_, p) => (p % w < 4 ? 5 : 9));
    labels[2 * w + 1] = 9;
    labels[6 * w + 6] = 5;
    const out = enforceConnectivity(labels, h, w, 4);
    expect(out.count).toBe(2);
    expectValidSuperpixels(out.labels, out.count, h, w);
    expect(out.labels[2 * w + 1]).toBe(out.labels[0]);
    expect(out.labels[6 * w + 6]).toBe(out.labels[w - 1]);
  });

  it('keeps large detached fragments as superpixels of their own', () => {
    const w = 9;
    const labels = new Int32Array(w * 3).map((_, p) => (p % w >= 3 && p % w < 6 ? 1 : 0));
    const out = enforceConnectivity(labels, 3, w, 4);
    expect(out.count).toBe(3);
    expectValidSuperpixels(out.labels, out.count, 3, w);
  });
});

describe('superpixel masks (SMAI)', () => {
  const size = 64;
  const { labels, count } = slic(syntheticImage(size, 3, 2), size, size, 3, { segments: 60 });

  it.each([0, 0.3, 0.5, 1])('hides whole superpixels, a %f share of them', (ratio) => {
    const mask = superpixelMasks(labels, count, ratio, createRng(3));
    expect(mask).toBeInstanceOf(Uint8Array);
    const state = new Int32Array(count).fill(-1);
    let whole = true;
    labels.forEach((l, p) => {
      if (state[l] === -1) state[l] = mask[p]!;
      whole &&= mask[p] === state[l];
    });
    expect(whole).toBe(true);
    expect(state.reduce((a, v) => a + v, 0)).toBe(Math.round(ratio * count));
  });

  it.each([1, 4, 7])('%i groups: disjoint, covering, whole superpixels, balanced', (groups) => {
    const masks = superpixelGroups(labels, count, groups, createRng(groups));
    expect(masks).toHaveLength(groups);
    expectPartition(masks, size * size);
    const perGroup = masks.map((m) => new Set(Array.from(labels).filter((_, p) => m[p] === 1)));
    expect(perGroup.reduce((a, s) => a + s.size, 0)).toBe(count);
    const sizes = perGroup.map((s) => s.size);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('leaves extra groups empty when there are fewer superpixels than groups', () => {
    const tiny = new Int32Array([0, 0, 1, 1]);
    const masks = superpixelGroups(tiny, 2, 3, createRng(1));
    expectPartition(masks, 4);
    expect(masks.filter((m) => sum(m) === 0)).toHaveLength(1);
  });
});

describe('InTra windows', () => {
  it('builds the patch grid and refuses partial patches', () => {
    expect(patchGrid(64, 8)).toEqual({ rows: 8, cols: 8 });
    expect(() => patchGrid(28, 8)).toThrow(RangeError);
  });

  it.each([
    [8, 8, 5],
    [8, 8, 3],
    [8, 8, 4],
    [8, 8, 8],
    [8, 8, 1],
    [6, 9, 5],
    [16, 16, 7],
  ])('%i x %i patches, L = %i: each patch predicted once, in bounds, as central as possible', (rows, cols, L) => {
    const all = allCentralWindows(rows, cols, L);
    expect(all).toHaveLength(rows * cols);
    const seen = new Uint8Array(rows * cols);
    const centre = (L - 1) / 2;
    for (const win of all) {
      seen[win.row * cols + win.col]!++;
      expect(win.r0).toBeGreaterThanOrEqual(0);
      expect(win.c0).toBeGreaterThanOrEqual(0);
      expect(win.r0 + L).toBeLessThanOrEqual(rows);
      expect(win.c0 + L).toBeLessThanOrEqual(cols);
      expect(win.wr).toBe(win.row - win.r0);
      expect(win.wc).toBe(win.col - win.c0);
      expect(win.wr >= 0 && win.wr < L && win.wc >= 0 && win.wc < L).toBe(true);
      expect(centralWindow(win.row, win.col, rows, cols, L)).toEqual({ r0: win.r0, c0: win.c0 });
      // No feasible window puts the patch closer to the window's centre.
      const best = (pos: number, n: number) => {
        let d = Infinity;
        for (let s = Math.max(0, pos - L + 1); s <= Math.min(pos, n - L); s++) d = Math.min(d, Math.abs(pos - s - centre));
        return d;
      };
      expect(Math.abs(win.wr - centre)).toBeCloseTo(best(win.row, rows), 10);
      expect(Math.abs(win.wc - centre)).toBeCloseTo(best(win.col, cols), 10);
    }
    expect(seen.every((s) => s === 1)).toBe(true);
  });

  it('centres the patch exactly away from the borders', () => {
    expect(centralWindow(4, 4, 10, 10, 5)).toEqual({ r0: 2, c0: 2 });
    expect(centralWindow(0, 9, 10, 10, 5)).toEqual({ r0: 0, c0: 5 });
    expect(() => centralWindow(0, 0, 4, 4, 5)).toThrow(RangeError);
  });

  it('draws random training windows inside the grid', () => {
    const rng = createRng(9);
    for (let i = 0; i < 200; i++) {
      const win = randomWindow(8, 6, 5, rng);
      expect(win.r0 >= 0 && win.r0 + 5 <= 8 && win.c0 >= 0 && win.c0 + 5 <= 6).toBe(true);
      expect(win.row).toBe(win.r0 + win.wr);
      expect(win.col).toBe(win.c0 + win.wc);
    }
  });
});
