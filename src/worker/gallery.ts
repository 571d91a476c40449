import type { SizeRange } from '../core/data/importer';
import type { Dataset, ImageRecord } from '../core/data/types';
import type { GalleryGroup, GroupKey } from './dataProtocol';

/**
 * What the gallery shows of a data set: its groups (train, test normal, test anomalous and each
 * defect type) with counts, and small RGBA thumbnails, made in the worker so that a page of 64px
 * thumbnails of a 256px set crosses to the page at a sixteenth of the bytes.
 */
export const ALL_ANOMALOUS = 'test:*';

export function groupRecords(d: Dataset, key: GroupKey): ImageRecord[] {
  if (key === 'train') return d.train;
  if (!key.startsWith('test:')) return [];
  const label = key.slice('test:'.length);
  if (label === '*') return d.test.filter((r) => r.label !== 'good');
  return d.test.filter((r) => r.label === label);
}

/** Train, test normal, all anomalous, then each defect type (when there are several). */
export function galleryGroups(d: Dataset): GalleryGroup[] {
  const group = (key: GroupKey, title: string): GalleryGroup => {
    const records = groupRecords(d, key);
    return { key, title, count: records.length, masks: records.filter((r) => r.mask).length };
  };
  const groups = [group('train', 'train · normal'), group('test:good', 'test · normal'), group(ALL_ANOMALOUS, 'test · anomalous')];
  const defects = [...new Set(d.test.filter((r) => r.label !== 'good').map((r) => r.label))].sort();
  if (defects.length > 1) for (const label of defects) groups.push(group(`test:${label}`, `test · ${label}`));
  return groups;
}

export function originalSizeRanges(records: readonly ImageRecord[]): { width: SizeRange | null; height: SizeRange | null } {
  let width: SizeRange | null = null;
  let height: SizeRange | null = null;
  const widen = (r: SizeRange | null, v: number): SizeRange => (r ? { min: Math.min(r.min, v), max: Math.max(r.max, v) } : { min: v, max: v });
  for (const r of records) {
    if (r.originalWidth !== undefined) width = widen(width, r.originalWidth);
    if (r.originalHeight !== undefined) height = widen(height, r.originalHeight);
  }
  return { width, height };
}

/** The integer shrink factor that brings `size` to at most `maxSide` (1 when it already fits). */
export function thumbnailFactor(size: number, maxSide: number): number {
  return Math.max(1, Math.ceil(size / Math.max(1, maxSide)));
}

/** Box-filtered RGBA thumbnail of a size x size gray or RGB image. */
export function thumbnailRgba(pixels: Uint8Array, size: number, channels: number, maxSide: number): { side: number; rgba: Uint8ClampedArray } {
  const f = thumbnailFactor(size, maxSide);
  const side = Math.floor(size / f);
  const rgba = new Uint8ClampedArray(side * side * 4);
  const area = f * f;
  for (let ty = 0; ty < side; ty++) {
    for (let tx = 0; tx < side; tx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < f; dy++) {
        let i = ((ty * f + dy) * size + tx * f) * channels;
        for (let dx = 0; dx < f; dx++, i += channels) {
          r += pixels[i]!;
          if (channels === 3) {
            g += pixels[i + 1]!;
            b += pixels[i + 2]!;
          }
        }
      }
      const o = (ty * side + tx) * 4;
      rgba[o] = Math.round(r / area);
      rgba[o + 1] = Math.round((channels === 3 ? g : r) / area);
      rgba[o + 2] = Math.round((channels === 3 ? b : r) / area);
      rgba[o + 3] = 255;
    }
  }
  return { side, rgba };
}

/** A mask shrunk the same way, keeping a thumbnail pixel when any of its block is set (thin cracks stay visible). */
export function thumbnailMask(mask: Uint8Array, size: number, maxSide: number): Uint8Array {
  const f = thumbnailFactor(size, maxSide);
  const side = Math.floor(size / f);
  const out = new Uint8Array(side * side);
  for (let y = 0; y < side * f; y++) {
    for (let x = 0; x < side * f; x++) if (mask[y * size + x]) out[Math.floor(y / f) * side + Math.floor(x / f)] = 1;
  }
  return out;
}
