import { type Rng, shuffleInPlace } from '../rng';
import { assertPositiveInt } from './grid';

/**
 * SLIC superpixels (Achanta et al., TPAMI 2012) for SMAI: k-means over (L, a, b, y, x) with each
 * centre searching only a 2S x 2S window, S = sqrt(pixels / segments). Grayscale images use their
 * CIELab lightness with a = b = 0, so one compactness value means the same for both.
 */

export interface SlicOptions {
  /** Requested number of superpixels (the result is close, not exact). */
  segments: number;
  /** Weight of space against colour; 10 (the paper's value) suits Lab in 0..100. */
  compactness?: number;
  iterations?: number;
  /** Fragments smaller than this fraction of the mean superpixel area are merged into a neighbour. */
  minSizeFactor?: number;
}

export interface Superpixels {
  /** One label per pixel, row-major, 0..count-1; every superpixel is 4-connected. */
  labels: Int32Array;
  count: number;
}

export function slic(
  pixels: Uint8Array,
  h: number,
  w: number,
  channels: 1 | 3,
  opts: SlicOptions,
): Superpixels {
  assertPositiveInt('h', h);
  assertPositiveInt('w', w);
  assertPositiveInt('segments', opts.segments);
  if (pixels.length !== h * w * channels) {
    const expected = h * w * channels;
    throw new RangeError(`expected ${expected} values for ${h}x${w}x${channels}, got ${pixels.length}`);
  }
  const { compactness = 10, iterations = 10, minSizeFactor = 0.25 } = opts;
  const n = h * w;
  const lab = toLab(pixels, n, channels);
  const step = Math.sqrt(n / opts.segments);
  const centres = seedCentres(lab, h, w, step);
  const k = centres.length / 5;
  const spatial = (compactness / step) ** 2;
  const radius = Math.max(1, Math.ceil(step));

  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const sums = new Float64Array(k * 6);
  for (let it = 0; it < iterations; it++) {
    dist.fill(Infinity);
    for (let c = 0; c < k; c++) {
      const cl = centres[c * 5]!;
      const ca = centres[c * 5 + 1]!;
      const cb = centres[c * 5 + 2]!;
      const cy = centres[c * 5 + 3]!;
      const cx = centres[c * 5 + 4]!;
      const y0 = Math.max(0, Math.floor(cy - radius));
      const y1 = Math.min(h - 1, Math.ceil(cy + radius));
      const x0 = Math.max(0, Math.floor(cx - radius));
      const x1 = Math.min(w - 1, Math.ceil(cx + radius));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const p = y * w + x;
          const dl = lab[p * 3]! - cl;
          const da = lab[p * 3 + 1]! - ca;
          const db = lab[p * 3 + 2]! - cb;
          const d = dl * dl + da * da + db * db + spatial * ((y - cy) ** 2 + (x - cx) ** 2);
          if (d < dist[p]!) {
            dist[p] = d;
            labels[p] = c;
          }
        }
      }
    }
    sums.fill(0);
    for (let p = 0; p < n; p++) {
      const c = labels[p]!;
      if (c < 0) continue;
      sums[c * 6]! += lab[p * 3]!;
      sums[c * 6 + 1]! += lab[p * 3 + 1]!;
      sums[c * 6 + 2]! += lab[p * 3 + 2]!;
      sums[c * 6 + 3]! += Math.floor(p / w);
      sums[c * 6 + 4]! += p % w;
      sums[c * 6 + 5]! += 1;
    }
    // An emptied centre keeps its last position, as in the reference implementation.
    for (let c = 0; c < k; c++) {
      const count = sums[c * 6 + 5]!;
      if (count === 0) continue;
      for (let j = 0; j < 5; j++) centres[c * 5 + j] = sums[c * 6 + j]! / count;
    }
  }
  const minSize = Math.max(1, Math.floor((minSizeFactor * n) / k));
  return enforceConnectivity(labels, h, w, minSize);
}

/** A mask hiding a random `ratio` of the superpixels (SMAI training). */
export function superpixelMasks(labels: Int32Array, count: number, ratio: number, rng: Rng): Uint8Array {
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`ratio must be in [0, 1], got ${ratio}`);
  const hidden = new Uint8Array(count);
  const order = shuffleInPlace(
    Array.from({ length: count }, (_, i) => i),
    rng,
  );
  for (const id of order.slice(0, Math.round(ratio * count))) hidden[id] = 1;
  return Uint8Array.from(labels, (l) => hidden[l]!);
}

/**
 * `groups` disjoint masks that together hide every pixel once (SMAI test time inpaints one group per
 * pass). Superpixels are shuffled and dealt round-robin, so group sizes differ by at most one
 * superpixel; with more groups than superpixels the extra masks are empty.
 */
export function superpixelGroups(labels: Int32Array, count: number, groups: number, rng: Rng): Uint8Array[] {
  assertPositiveInt('groups', groups);
  const groupOf = new Int32Array(count);
  shuffleInPlace(
    Array.from({ length: count }, (_, i) => i),
    rng,
  ).forEach((id, position) => {
    groupOf[id] = position % groups;
  });
  const masks = Array.from({ length: groups }, () => new Uint8Array(labels.length));
  labels.forEach((l, p) => {
    masks[groupOf[l]!]![p] = 1;
  });
  return masks;
}

/** sRGB (or gray) bytes to interleaved CIELab (D65), L in 0..100. */
export function toLab(pixels: Uint8Array, n: number, channels: 1 | 3): Float32Array {
  const linear = new Float64Array(256);
  for (let v = 0; v < 256; v++) {
    const c = v / 255;
    linear[v] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const lab = new Float32Array(n * 3);
  for (let p = 0; p < n; p++) {
    if (channels === 1) {
      lab[p * 3] = 116 * f(linear[pixels[p]!]!) - 16;
      continue;
    }
    const r = linear[pixels[p * 3]!]!;
    const g = linear[pixels[p * 3 + 1]!]!;
    const b = linear[pixels[p * 3 + 2]!]!;
    const fx = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
    const fy = f(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
    const fz = f((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883);
    lab[p * 3] = 116 * fy - 16;
    lab[p * 3 + 1] = 500 * (fx - fy);
    lab[p * 3 + 2] = 200 * (fy - fz);
  }
  return lab;
}

/** Centres on a regular grid of about `step` px, each moved to the lowest Lab gradient in its 3x3. */
function seedCentres(lab: Float32Array, h: number, w: number, step: number): Float64Array {
  const ny = Math.max(1, Math.min(h, Math.round(h / step)));
  const nx = Math.max(1, Math.min(w, Math.round(w / step)));
  const centres = new Float64Array(ny * nx * 5);
  const gradient = (y: number, x: number) => {
    const [left, right] = [y * w + Math.max(0, x - 1), y * w + Math.min(w - 1, x + 1)];
    const [up, down] = [Math.max(0, y - 1) * w + x, Math.min(h - 1, y + 1) * w + x];
    let g = 0;
    for (let ch = 0; ch < 3; ch++) {
      const dx = lab[right * 3 + ch]! - lab[left * 3 + ch]!;
      const dy = lab[down * 3 + ch]! - lab[up * 3 + ch]!;
      g += dx * dx + dy * dy;
    }
    return g;
  };
  let c = 0;
  for (let i = 0; i < ny; i++) {
    for (let j = 0; j < nx; j++) {
      let by = Math.floor(((i + 0.5) * h) / ny);
      let bx = Math.floor(((j + 0.5) * w) / nx);
      let best = gradient(by, bx);
      const [y0, x0] = [by, bx];
      for (let y = Math.max(0, y0 - 1); y <= Math.min(h - 1, y0 + 1); y++) {
        for (let x = Math.max(0, x0 - 1); x <= Math.min(w - 1, x0 + 1); x++) {
          const g = gradient(y, x);
          if (g < best) [best, by, bx] = [g, y, x];
        }
      }
      const p = (by * w + bx) * 3;
      centres.set([lab[p]!, lab[p + 1]!, lab[p + 2]!, by, bx], c * 5);
      c++;
    }
  }
  return centres;
}

/**
 * Splits labels into 4-connected components, keeps the components of at least `minSize` pixels as
 * superpixels (the largest one if none is that big) and merges each smaller fragment into the
 * adjacent superpixel it shares the longest border with. A fragment only joins a region it touches,
 * so every resulting superpixel is 4-connected. Labels are renumbered 0..count-1 in scan order.
 */
export function enforceConnectivity(labels: Int32Array, h: number, w: number, minSize: number): Superpixels {
  const n = h * w;
  const comp = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  const stack = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (comp[start]! >= 0) continue;
    const id = sizes.length;
    const label = labels[start]!;
    let top = 0;
    let size = 0;
    stack[top++] = start;
    comp[start] = id;
    while (top > 0) {
      const p = stack[--top]!;
      size++;
      const y = Math.floor(p / w);
      const x = p - y * w;
      const neighbours = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1];
      for (const q of neighbours) {
        if (q >= 0 && comp[q]! < 0 && labels[q] === label) {
          comp[q] = id;
          stack[top++] = q;
        }
      }
    }
    sizes.push(size);
  }

  const borders = sizes.map(() => new Map<number, number>());
  const touch = (a: number, b: number) => {
    borders[a]!.set(b, (borders[a]!.get(b) ?? 0) + 1);
    borders[b]!.set(a, (borders[b]!.get(a) ?? 0) + 1);
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = comp[y * w + x]!;
      if (x < w - 1 && comp[y * w + x + 1] !== a) touch(a, comp[y * w + x + 1]!);
      if (y < h - 1 && comp[(y + 1) * w + x] !== a) touch(a, comp[(y + 1) * w + x]!);
    }
  }

  const owner = new Int32Array(sizes.length).fill(-1);
  sizes.forEach((size, id) => {
    if (size >= minSize) owner[id] = id;
  });
  if (!owner.some((o) => o >= 0)) {
    let largest = 0;
    sizes.forEach((size, id) => {
      if (size > sizes[largest]!) largest = id;
    });
    owner[largest] = largest;
  }
  let pending = sizes.map((_, id) => id).filter((id) => owner[id]! < 0);
  while (pending.length > 0) {
    const waiting: number[] = [];
    for (const id of pending) {
      let best = -1;
      let bestLength = 0;
      for (const [other, length] of borders[id]!) {
        if (owner[other]! >= 0 && (length > bestLength || (length === bestLength && other < best))) {
          best = other;
          bestLength = length;
        }
      }
      if (best >= 0) owner[id] = owner[best]!;
      else waiting.push(id);
    }
    // On a pixel grid every fragment has a path to a kept region, so this only guards the loop.
    if (waiting.length === pending.length) throw new Error('enforceConnectivity: isolated fragment');
    pending = waiting;
  }

  const renumber = new Int32Array(sizes.length).fill(-1);
  const out = new Int32Array(n);
  let count = 0;
  for (let p = 0; p < n; p++) {
    const o = owner[comp[p]!]!;
    if (renumber[o]! < 0) renumber[o] = count++;
    out[p] = renumber[o]!;
  }
  return { labels: out, count };
}
