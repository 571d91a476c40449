import type { Dataset, ImageRecord } from '../../../src/core/data/types';

/** A 2x2 gray record; `mask` gives it an all-ones mask. */
export const rec = (id: string, split: 'train' | 'test', label: string, mask = false): ImageRecord => ({
  id,
  name: id,
  split,
  label,
  pixels: new Uint8Array(4),
  ...(mask ? { mask: new Uint8Array(4).fill(1) } : {}),
});

/** A tiny user set: two normal train images, one normal and three anomalous test images (two masked). */
export const set = (): Dataset => ({
  id: 'user-x',
  name: 'x',
  size: 2,
  channels: 1,
  train: [rec('a', 'train', 'good'), rec('b', 'train', 'good')],
  test: [rec('c', 'test', 'good'), rec('d', 'test', 'crack', true), rec('e', 'test', 'hole', true), rec('f', 'test', 'hole')],
});
