import { MetricError } from './errors';
import { sortDescending, type SortedScores } from './ranking';

/** Ground-truth regions of a stack of masks: region ids per pixel (0 = normal) and their sizes. */
export interface Regions {
  /** Per pixel, 0 for normal or the 1-based id of its region, unique across all images. */
  regionOf: Uint32Array;
  /** sizes[id] = pixels in region id; sizes[0] is unused (0). */
  sizes: number[];
  normals: number;
}

/**
 * Labels the 8-connected components of the nonzero pixels of a row-major h x w mask:
 * 0 is background, components are numbered 1..count in raster order of their first pixel.
 */
export function connectedComponents8(
  mask: Uint8Array,
  h: number,
  w: number,
): { labels: Int32Array; count: number } {
  if (mask.length !== h * w) {
    throw new MetricError(`connected components: mask has ${mask.length} pixels, expected ${h} x ${w}`);
  }
  const labels = new Int32Array(h * w);
  const sizes: number[] = [];
  labelComponents8(mask, 0, h, w, labels, 0, 1, new Int32Array(h * w), sizes);
  return { labels, count: sizes.length };
}

/**
 * Area under the per-region-overlap curve up to `maxFpr`, normalised to [0, 1] (MVTec AD,
 * anomalib). Each 8-connected region of every mask weighs the same, whatever its size; the
 * false positive rate is over the normal pixels of all images (empty-mask images included).
 * Every distinct score is a threshold, and the last segment is interpolated at `maxFpr`.
 */
export function aupro(
  maps: Float32Array,
  masks: Uint8Array,
  n: number,
  h: number,
  w: number,
  maxFpr = 0.3,
): number {
  checkPixelShapes(maps, masks, n, h, w, 'AUPRO');
  checkMaxFpr(maxFpr);
  const regions = labelRegions(masks, n, h, w);
  // The region ids ride through the sort (consuming regionOf), so the sweep reads memory in order.
  return auproOfSorted(sortDescending(maps, regions.regionOf), regions.sizes, regions.normals, maxFpr);
}

export function checkPixelShapes(
  maps: Float32Array,
  masks: Uint8Array,
  n: number,
  h: number,
  w: number,
  metric: string,
): void {
  const pixels = n * h * w;
  if (maps.length !== pixels || masks.length !== pixels) {
    throw new MetricError(
      `${metric}: expected ${n} maps and masks of ${h} x ${w} = ${pixels} pixels, got ${maps.length} map and ${masks.length} mask pixels`,
    );
  }
}

function checkMaxFpr(maxFpr: number): void {
  if (!(maxFpr > 0 && maxFpr <= 1)) {
    throw new MetricError(`AUPRO: maxFpr must be in (0, 1] (got ${maxFpr})`);
  }
}

/** Connected regions of every mask; throws if there are none, or no normal pixel is left. */
export function labelRegions(masks: Uint8Array, n: number, h: number, w: number): Regions {
  const pixels = n * h * w;
  const regionOf = new Uint32Array(pixels);
  const sizes: number[] = [0];
  const stack = new Int32Array(h * w);
  for (let img = 0; img < n; img++) {
    const offset = img * h * w;
    labelComponents8(masks, offset, h, w, regionOf, offset, sizes.length, stack, sizes);
  }
  let anomalous = 0;
  for (let r = 1; r < sizes.length; r++) anomalous += sizes[r];
  if (sizes.length === 1) {
    throw new MetricError(
      `AUPRO needs at least one anomalous region in the ground-truth masks (got ${n} empty masks)`,
    );
  }
  if (anomalous === pixels) {
    throw new MetricError('AUPRO needs normal pixels for its false positive rate (every mask pixel is anomalous)');
  }
  return { regionOf, sizes, normals: pixels - anomalous };
}

/** AUPRO from scores sorted with their region ids as payload (0 = normal pixel). */
export function auproOfSorted(
  sorted: SortedScores<Uint32Array>,
  sizes: readonly number[],
  normals: number,
  maxFpr: number,
): number {
  checkMaxFpr(maxFpr);
  const { values, payload: regionOf } = sorted;
  const pixels = values.length;
  const regions = sizes.length - 1;
  // A pixel of region r adds 1/size(r) to the sum of region overlaps once the threshold passes it.
  const weight = new Float64Array(sizes.length);
  for (let r = 1; r < sizes.length; r++) weight[r] = 1 / sizes[r];

  let fp = 0;
  let overlapSum = 0;
  let prevFpr = 0;
  let prevPro = 0;
  let area = 0;
  let i = 0;
  while (i < pixels) {
    const threshold = values[i];
    do {
      const r = regionOf[i++];
      if (r === 0) fp++;
      else overlapSum += weight[r];
    } while (i < pixels && values[i] === threshold);
    const fpr = fp / normals;
    const pro = Math.min(overlapSum / regions, 1);
    if (fpr >= maxFpr) {
      const proAtMax = prevPro + ((pro - prevPro) * (maxFpr - prevFpr)) / (fpr - prevFpr);
      area += ((maxFpr - prevFpr) * (prevPro + proAtMax)) / 2;
      break;
    }
    area += ((fpr - prevFpr) * (prevPro + pro)) / 2;
    prevFpr = fpr;
    prevPro = pro;
  }
  return area / maxFpr;
}

/**
 * Flood-fills the 8-connected components of mask[maskOffset .. + h*w] into
 * out[outOffset .. + h*w] (which must be zero there), numbering from `firstLabel` and
 * appending each size to `sizes`. `stack` is scratch of h*w entries (each pixel is pushed once).
 */
function labelComponents8(
  mask: Uint8Array,
  maskOffset: number,
  h: number,
  w: number,
  out: Int32Array | Uint32Array,
  outOffset: number,
  firstLabel: number,
  stack: Int32Array,
  sizes: number[],
): void {
  let label = firstLabel;
  const size = h * w;
  for (let start = 0; start < size; start++) {
    if (mask[maskOffset + start] === 0 || out[outOffset + start] !== 0) continue;
    let top = 0;
    stack[top++] = start;
    out[outOffset + start] = label;
    let count = 0;
    while (top > 0) {
      const p = stack[--top];
      count++;
      const y = (p / w) | 0;
      const x = p - y * w;
      const y0 = y > 0 ? y - 1 : 0;
      const y1 = y < h - 1 ? y + 1 : h - 1;
      const x0 = x > 0 ? x - 1 : 0;
      const x1 = x < w - 1 ? x + 1 : w - 1;
      for (let ny = y0; ny <= y1; ny++) {
        for (let nx = x0; nx <= x1; nx++) {
          const q = ny * w + nx;
          if (mask[maskOffset + q] !== 0 && out[outOffset + q] === 0) {
            out[outOffset + q] = label;
            stack[top++] = q;
          }
        }
      }
    }
    sizes.push(count);
    label++;
  }
}
