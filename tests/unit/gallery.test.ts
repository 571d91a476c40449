import { describe, expect, it } from 'vitest';
import { rec, set } from './support/tinySet';
import { galleryGroups, groupRecords, originalSizeRanges, thumbnailMask, thumbnailRgba } from '../../src/worker/gallery';

describe('gallery', () => {
  it('groups train, test normal, all anomalous and each defect type, with mask counts', () => {
    const groups = galleryGroups(set());
    expect(groups.map((g) => [g.key, g.count, g.masks])).toEqual([
      ['train', 2, 0],
      ['test:good', 1, 0],
      ['test:*', 3, 2],
      ['test:crack', 1, 1],
      ['test:hole', 2, 1],
    ]);
    expect(groupRecords(set(), 'test:hole').map((r) => r.id)).toEqual(['e', 'f']);
    expect(groupRecords(set(), 'bogus')).toEqual([]);
  });

  it('a single defect type gets no group of its own', () => {
    const d = set();
    d.test = d.test.filter((r) => r.label !== 'hole');
    expect(galleryGroups(d).map((g) => g.key)).toEqual(['train', 'test:good', 'test:*']);
  });

  it('original size ranges ignore records without one', () => {
    const a = { ...rec('a', 'train', 'good'), originalWidth: 30, originalHeight: 40 };
    const b = { ...rec('b', 'train', 'good'), originalWidth: 300, originalHeight: 20 };
    expect(originalSizeRanges([a, rec('c', 'test', 'good'), b])).toEqual({ width: { min: 30, max: 300 }, height: { min: 20, max: 40 } });
    expect(originalSizeRanges([rec('c', 'test', 'good')])).toEqual({ width: null, height: null });
  });

  it('thumbnails average blocks and keep thin mask lines', () => {
    // 4x4 RGB: left half red 200, right half blue 100; shrunk to 2x2.
    const pixels = new Uint8Array(4 * 4 * 3);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) pixels.set(x < 2 ? [200, 0, 0] : [0, 0, 100], (y * 4 + x) * 3);
    const { side, rgba } = thumbnailRgba(pixels, 4, 3, 2);
    expect(side).toBe(2);
    expect([...rgba.slice(0, 4)]).toEqual([200, 0, 0, 255]);
    expect([...rgba.slice(4, 8)]).toEqual([0, 0, 100, 255]);
    const gray = thumbnailRgba(new Uint8Array([0, 100, 50, 50]), 2, 1, 1);
    expect([...gray.rgba]).toEqual([50, 50, 50, 255]);
    // No shrinking when the image already fits.
    expect(thumbnailRgba(new Uint8Array(9), 3, 1, 64).side).toBe(3);
    const mask = new Uint8Array(16);
    mask[5] = 1; // one pixel at (1, 1)
    expect([...thumbnailMask(mask, 4, 2)]).toEqual([1, 0, 0, 0]);
  });
});
