import { describe, expect, it } from 'vitest';
import type { Dataset, ImageRecord } from '../../src/core/data/types';
import { addRecords, defaultSetName, normaliseTarget, placeFlat, relabel, removeRecords } from '../../src/worker/datasetEdit';
import { galleryGroups, groupRecords, originalSizeRanges, thumbnailMask, thumbnailRgba } from '../../src/worker/gallery';

const rec = (id: string, split: 'train' | 'test', label: string, mask = false): ImageRecord => ({
  id,
  name: id,
  split,
  label,
  pixels: new Uint8Array(4),
  ...(mask ? { mask: new Uint8Array(4).fill(1) } : {}),
});

const set = (): Dataset => ({
  id: 'user-x',
  name: 'x',
  size: 2,
  channels: 1,
  train: [rec('a', 'train', 'good'), rec('b', 'train', 'good')],
  test: [rec('c', 'test', 'good'), rec('d', 'test', 'crack', true), rec('e', 'test', 'hole', true), rec('f', 'test', 'hole')],
});

describe('dataset edits', () => {
  it('train targets are always normal; empty or slashed defect labels are cleaned', () => {
    expect(normaliseTarget({ split: 'train', label: 'crack' })).toEqual({ split: 'train', label: 'good' });
    expect(normaliseTarget({ split: 'test', label: '  ' })).toEqual({ split: 'test', label: 'anomaly' });
    expect(normaliseTarget({ split: 'test', label: '../a/b' })).toEqual({ split: 'test', label: '..-a-b' });
  });

  it('places a flat drop in the chosen split', () => {
    const placed = placeFlat([rec('p', 'train', 'good'), rec('q', 'train', 'good')], { split: 'test', label: 'dent' });
    expect(placed.map((r) => [r.split, r.label])).toEqual([['test', 'dent'], ['test', 'dent']]);
  });

  it('adding records renames ids that are taken and keeps them in their splits', () => {
    const { dataset, added } = addRecords(set(), [rec('a', 'test', 'good'), rec('a', 'train', 'good'), rec('z', 'train', 'good')]);
    expect(added.map((r) => r.id)).toEqual(['a#2', 'a#3', 'z']);
    expect(dataset.train.map((r) => r.id)).toEqual(['a', 'b', 'a#3', 'z']);
    expect(dataset.test.map((r) => r.id)).toEqual(['c', 'd', 'e', 'f', 'a#2']);
  });

  it('relabelling moves images between splits, drops masks of images made normal, skips no-ops', () => {
    const { dataset, changed } = relabel(set(), ['a', 'd', 'c'], { split: 'test', label: 'good' });
    expect(changed.map((r) => r.id)).toEqual(['a', 'd']);
    expect(dataset.train.map((r) => r.id)).toEqual(['b']);
    expect(dataset.test.map((r) => [r.id, r.label])).toEqual([['a', 'good'], ['c', 'good'], ['d', 'good'], ['e', 'hole'], ['f', 'hole']]);
    expect(dataset.test.find((r) => r.id === 'd')!.mask).toBeUndefined();
    // The original set is not changed.
    expect(set().test[1]!.mask).toBeDefined();
  });

  it('removes by id', () => {
    const { dataset, removed } = removeRecords(set(), ['b', 'e', 'nope']);
    expect(removed).toEqual(['b', 'e']);
    expect([...dataset.train, ...dataset.test].map((r) => r.id)).toEqual(['a', 'c', 'd', 'f']);
  });

  it('names a drop after its MVTec folder, its common folder, its zip, or its count', () => {
    expect(defaultSetName(['x/tiles/train/good/1.png'], 'x/tiles')).toBe('tiles');
    expect(defaultSetName(['bottles/1.png', 'bottles/sub/2.png'])).toBe('bottles');
    expect(defaultSetName(['parts.zip'])).toBe('parts');
    expect(defaultSetName(['1.png', '2.png'])).toBe('2 files');
  });
});

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
