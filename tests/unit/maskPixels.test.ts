import { describe, expect, it } from 'vitest';
import { floatRgba, pastedRgba, tintRgba, valueRange } from '../../src/app/panels/masks/maskPixels';

describe('mask panel pixels', () => {
  it('turns gray and RGB floats into opaque RGBA', () => {
    expect(Array.from(floatRgba(new Float32Array([0, 1]), 1))).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(Array.from(floatRgba(new Float32Array([1, 0.5, 0]), 3))).toEqual([255, 128, 0, 255]);
  });

  it('tints only the hidden pixels', () => {
    const image = new Uint8ClampedArray([100, 100, 100, 255, 100, 100, 100, 255]);
    const out = tintRgba(image, new Uint8Array([0, 1]), [200, 0, 0], 0.5);
    expect(Array.from(out)).toEqual([100, 100, 100, 255, 150, 50, 50, 255]);
  });

  it('pastes the restoration where the mask hid the image and dims the rest', () => {
    const image = new Uint8ClampedArray([100, 100, 100, 255, 100, 100, 100, 255]);
    const restored = new Uint8ClampedArray([7, 8, 9, 255, 7, 8, 9, 255]);
    expect(Array.from(pastedRgba(image, restored, new Uint8Array([1, 0]), 0.5))).toEqual([7, 8, 9, 255, 50, 50, 50, 255]);
  });

  it('finds a map range', () => {
    expect(valueRange(new Float32Array([0.2, -1, 3]))).toEqual([-1, 3]);
    expect(valueRange(new Float32Array(0))).toEqual([0, 1]);
  });
});
