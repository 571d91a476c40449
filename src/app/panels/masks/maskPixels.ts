/** Pixels of the mask panel: the worker sends floats in [0, 1] and 0/1 masks; canvases take RGBA. */

/** H x W x C floats in [0, 1] (C = 1 or 3) as opaque RGBA. */
export function floatRgba(values: Float32Array, channels: number): Uint8ClampedArray {
  const n = values.length / channels;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(255 * values[i * channels + (channels === 1 ? 0 : c)]!);
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The image with the mask's pixels tinted in `rgb` (alpha = strength of the tint). */
export function tintRgba(rgba: Uint8ClampedArray, mask: Uint8Array, rgb: [number, number, number], alpha = 0.55): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba);
  mask.forEach((hidden, i) => {
    if (!hidden) return;
    for (let c = 0; c < 3; c++) out[i * 4 + c] = rgba[i * 4 + c]! * (1 - alpha) + rgb[c]! * alpha;
  });
  return out;
}

/**
 * What one mask contributes to the reconstruction: the restored pixels where the mask hid the image,
 * the image dimmed elsewhere (those pixels come from the other masks' passes).
 */
export function pastedRgba(image: Uint8ClampedArray, restored: Uint8ClampedArray, mask: Uint8Array, dim = 0.3): Uint8ClampedArray {
  const out = new Uint8ClampedArray(image.length);
  mask.forEach((hidden, i) => {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = hidden ? restored[i * 4 + c]! : image[i * 4 + c]! * dim;
    out[i * 4 + 3] = 255;
  });
  return out;
}

/** Smallest and largest value (0, 1 for an empty array). */
export function valueRange(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}
