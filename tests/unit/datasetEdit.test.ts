import { describe, expect, it } from 'vitest';
import { rec, set } from './support/tinySet';
import { addRecords, defaultSetName, normaliseTarget, placeFlat, relabel, removeRecords } from '../../src/worker/datasetEdit';

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
