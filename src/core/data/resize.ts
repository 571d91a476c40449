/**
 * One-time resizing at import: any image to size x size, gray or RGB. Images are filtered
 * (area averaging along an axis that shrinks, bilinear along one that grows), masks are sampled
 * with nearest neighbour and binarised, so a mask never gains grey edges.
 */
export type FitMode = 'stretch' | 'crop' | 'pad';
export const FIT_MODES: readonly FitMode[] = ['stretch', 'crop', 'pad'];
export const WORKING_SIZES = [32, 64, 128, 256] as const;

/** Pixels in memory: row-major, channels last, 0..255. */
export interface Raster {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

export interface ResizeOptions {
  fit: FitMode;
  channels: 1 | 3;
  /** Fill value of the border in 'pad' mode (0, black, unless told). */
  padValue?: number;
}

/** Where the source rectangle lands in the size x size output. */
export interface Placement {
  src: { x: number; y: number; width: number; height: number };
  dst: { x: number; y: number; width: number; height: number };
}

export function placement(width: number, height: number, size: number, fit: FitMode): Placement {
  const full = { x: 0, y: 0, width: size, height: size };
  if (fit === 'stretch') return { src: { x: 0, y: 0, width, height }, dst: full };
  if (fit === 'crop') {
    const side = Math.min(width, height);
    const src = { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), width: side, height: side };
    return { src, dst: full };
  }
  const scale = size / Math.max(width, height);
  const w = Math.max(1, Math.min(size, Math.round(width * scale)));
  const h = Math.max(1, Math.min(size, Math.round(height * scale)));
  return {
    src: { x: 0, y: 0, width, height },
    dst: { x: Math.floor((size - w) / 2), y: Math.floor((size - h) / 2), width: w, height: h },
  };
}

/** Gray by Rec. 601 luma (0.299 R + 0.587 G + 0.114 B, as PIL's 'L'), or RGB by repeating gray. */
export function convertChannels(image: Raster, channels: 1 | 3): Raster {
  if (image.channels === channels) return image;
  const pixels = image.width * image.height;
  const src = image.data;
  const out = new Uint8Array(pixels * channels);
  if (channels === 3) {
    for (let p = 0; p < pixels; p++) {
      const v = src[p * image.channels]!;
      out[p * 3] = v;
      out[p * 3 + 1] = v;
      out[p * 3 + 2] = v;
    }
  } else {
    if (image.channels < 3) throw new Error(`cannot convert ${image.channels} channels to gray`);
    const stride = image.channels;
    for (let p = 0; p < pixels; p++) {
      const o = p * stride;
      out[p] = Math.round(0.299 * src[o]! + 0.587 * src[o + 1]! + 0.114 * src[o + 2]!);
    }
  }
  return { width: image.width, height: image.height, channels, data: out };
}

/**
 * Source taps for each output pixel along one axis, flattened for tight loops: output d reads
 * source pixels first[d] .. first[d] + count[d] - 1 with weights weight[d * stride + k].
 */
interface AxisTaps {
  first: Int32Array;
  count: Int32Array;
  weight: Float64Array;
  stride: number;
}

/** Output pixels 0..n-1 sampling source pixels start..start+length-1. */
function axisTaps(start: number, length: number, n: number): AxisTaps {
  const scale = length / n;
  const stride = scale > 1 ? Math.ceil(scale) + 1 : 2;
  const first = new Int32Array(n);
  const count = new Int32Array(n);
  const weight = new Float64Array(n * stride);
  const last = start + length - 1;
  for (let d = 0; d < n; d++) {
    if (scale > 1) {
      // Area averaging: output pixel d covers [lo, hi) of the source, each source pixel weighs its overlap.
      const lo = start + d * scale;
      const hi = lo + scale;
      const i0 = Math.floor(lo);
      const i1 = Math.min(Math.ceil(hi) - 1, last);
      first[d] = i0;
      count[d] = i1 - i0 + 1;
      for (let i = i0; i <= i1; i++) weight[d * stride + i - i0] = (Math.min(hi, i + 1) - Math.max(lo, i)) / scale;
    } else {
      // Bilinear on pixel centres, clamped to the source rectangle.
      const centre = Math.min(Math.max(start + (d + 0.5) * scale - 0.5, start), last);
      const i0 = Math.floor(centre);
      const f = centre - i0;
      first[d] = i0;
      count[d] = i0 < last && f > 0 ? 2 : 1;
      weight[d * stride] = 1 - f;
      weight[d * stride + 1] = f;
    }
  }
  return { first, count, weight, stride };
}

/** The image at size x size with the requested channels and fit. */
export function resizeImage(image: Raster, size: number, options: ResizeOptions): Uint8Array {
  const src = convertChannels(image, options.channels);
  const c = options.channels;
  const { src: from, dst } = placement(src.width, src.height, size, options.fit);
  const out = new Uint8Array(size * size * c);
  if (options.fit === 'pad') out.fill(options.padValue ?? 0);

  const tx = axisTaps(from.x, from.width, dst.width);
  const ty = axisTaps(from.y, from.height, dst.height);
  const pixels = src.data;
  // Horizontal pass over the source rows in use, then vertical pass.
  const rowLength = dst.width * c;
  const rows = new Float64Array(from.height * rowLength);
  for (let r = 0; r < from.height; r++) {
    const rowBase = (from.y + r) * src.width;
    for (let d = 0; d < dst.width; d++) {
      const taps = tx.count[d]!;
      const w0 = d * tx.stride;
      const s0 = (rowBase + tx.first[d]!) * c;
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < taps; k++) acc += tx.weight[w0 + k]! * pixels[s0 + k * c + ch]!;
        rows[r * rowLength + d * c + ch] = acc;
      }
    }
  }
  for (let d = 0; d < dst.height; d++) {
    const taps = ty.count[d]!;
    const w0 = d * ty.stride;
    const r0 = (ty.first[d]! - from.y) * rowLength;
    const outBase = ((dst.y + d) * size + dst.x) * c;
    for (let i = 0; i < rowLength; i++) {
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += ty.weight[w0 + k]! * rows[r0 + k * rowLength + i]!;
      // Uint8Array stores truncate; round and clamp first.
      out[outBase + i] = acc <= 0 ? 0 : acc >= 255 ? 255 : Math.round(acc);
    }
  }
  return out;
}

/**
 * A mask at size x size: nearest neighbour on the first channel, then 1 where the value is at
 * least `threshold` (128 for 0/255 masks), else 0. Padding is background (0).
 */
export function resizeMask(mask: Raster, size: number, fit: FitMode, threshold = 128): Uint8Array {
  const { src: from, dst } = placement(mask.width, mask.height, size, fit);
  const out = new Uint8Array(size * size);
  const nearest = (start: number, length: number, n: number, d: number): number =>
    start + Math.min(length - 1, Math.floor(((d + 0.5) * length) / n));
  for (let dy = 0; dy < dst.height; dy++) {
    const sy = nearest(from.y, from.height, dst.height, dy);
    for (let dx = 0; dx < dst.width; dx++) {
      const sx = nearest(from.x, from.width, dst.width, dx);
      const v = mask.data[(sy * mask.width + sx) * mask.channels]!;
      out[(dst.y + dy) * size + dst.x + dx] = v >= threshold ? 1 : 0;
    }
  }
  return out;
}
