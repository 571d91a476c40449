import { describe, expect, it } from 'vitest';
import { convertChannels, placement, resizeImage, resizeMask, type Raster } from '../../src/core/data/resize';

const gray = (width: number, height: number, values: number[]): Raster => ({ width, height, channels: 1, data: Uint8Array.from(values) });

// 4x2:  10 20 30 40
//       50 60 70 80
const wide = gray(4, 2, [10, 20, 30, 40, 50, 60, 70, 80]);

describe('resizeImage', () => {
  it('stretch: 4x2 to 2x2 averages horizontal pairs', () => {
    expect(Array.from(resizeImage(wide, 2, { fit: 'stretch', channels: 1 }))).toEqual([15, 35, 55, 75]);
  });

  it('crop: 4x2 to 2x2 keeps the centre columns', () => {
    expect(Array.from(resizeImage(wide, 2, { fit: 'crop', channels: 1 }))).toEqual([20, 30, 60, 70]);
  });

  it('pad: 4x2 to 2x2 fits the long side and fills the rest', () => {
    // Scaled to 2x1 (the 2x2 block means 35 and 55), placed on row 0; row 1 is padding.
    expect(Array.from(resizeImage(wide, 2, { fit: 'pad', channels: 1 }))).toEqual([35, 55, 0, 0]);
    expect(Array.from(resizeImage(wide, 2, { fit: 'pad', channels: 1, padValue: 255 }))).toEqual([35, 55, 255, 255]);
    // A tall image is centred horizontally: 2x4 to 4x4 keeps its size, columns 1-2.
    const tall = gray(2, 4, [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(resizeImage(tall, 4, { fit: 'pad', channels: 1 }))).toEqual([0, 1, 2, 0, 0, 3, 4, 0, 0, 5, 6, 0, 0, 7, 8, 0]);
  });

  it('upscales bilinearly on pixel centres', () => {
    // Centres of 4 output pixels over 2 inputs: -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1.
    const out = resizeImage(gray(2, 1, [0, 100]), 4, { fit: 'stretch', channels: 1 });
    expect(Array.from(out)).toEqual([0, 25, 75, 100, 0, 25, 75, 100, 0, 25, 75, 100, 0, 25, 75, 100]);
  });

  it('downscales by a non-integer factor with area weights', () => {
    // 3 -> 2: output 0 covers [0, 1.5) = (2a + b) / 3, output 1 covers [1.5, 3) = (b + 2c) / 3.
    expect(Array.from(resizeImage(gray(3, 1, [0, 30, 90]), 2, { fit: 'stretch', channels: 1 }))).toEqual([10, 70, 10, 70]);
  });

  it('area-averages a big downscale exactly (8x8 to 2x2 = means of 4x4 blocks)', () => {
    const values = Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
    const out = resizeImage(gray(8, 8, values), 2, { fit: 'stretch', channels: 1 });
    const block = (bx: number, by: number): number => {
      let sum = 0;
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) sum += values[(by * 4 + y) * 8 + bx * 4 + x]!;
      return Math.round(sum / 16);
    };
    expect(Array.from(out)).toEqual([block(0, 0), block(1, 0), block(0, 1), block(1, 1)]);
  });

  it('keeps a flat image flat in every mode and shape', () => {
    const flat: Raster = { width: 37, height: 23, channels: 3, data: new Uint8Array(37 * 23 * 3).fill(90) };
    for (const fit of ['stretch', 'crop'] as const) {
      expect(new Set(resizeImage(flat, 32, { fit, channels: 3 }))).toEqual(new Set([90]));
    }
    const padded = resizeImage(flat, 32, { fit: 'pad', channels: 3, padValue: 90 });
    expect(new Set(padded)).toEqual(new Set([90]));
  });

  it('converts RGB to luma and gray to RGB', () => {
    const rgb: Raster = { width: 3, height: 1, channels: 3, data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255]) };
    expect(Array.from(convertChannels(rgb, 1).data)).toEqual([76, 150, 29]);
    expect(Array.from(resizeImage(gray(1, 1, [42]), 1, { fit: 'stretch', channels: 3 }))).toEqual([42, 42, 42]);
  });
});

describe('resizeMask', () => {
  const mask = gray(4, 2, [0, 255, 255, 0, 0, 0, 255, 255]);

  it('samples the nearest pixel and binarises at 128', () => {
    // Output columns sample source columns 1 and 3; rows 0 and 1.
    expect(Array.from(resizeMask(mask, 2, 'stretch'))).toEqual([1, 0, 0, 1]);
    expect(Array.from(resizeMask(gray(2, 1, [127, 128]), 2, 'stretch'))).toEqual([0, 1, 0, 1]);
  });

  it('never makes grey values when upscaling', () => {
    const out = resizeMask(gray(2, 2, [255, 0, 0, 255]), 4, 'stretch');
    expect(Array.from(out)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('follows the same crop and pad geometry as the image', () => {
    expect(Array.from(resizeMask(mask, 2, 'crop'))).toEqual([1, 1, 0, 1]);
    expect(Array.from(resizeMask(mask, 2, 'pad'))).toEqual([0, 1, 0, 0]); // one row: source row 1, columns 1 and 3
    expect(placement(4, 2, 2, 'pad').dst).toEqual({ x: 0, y: 0, width: 2, height: 1 });
  });
});
