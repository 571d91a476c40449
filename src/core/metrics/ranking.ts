import { MetricError } from './errors';

/*
 * Every threshold metric here is a sweep over the scores sorted from highest to lowest. The sort
 * is an LSD radix sort of order-preserving integer keys, linear in the number of scores and far
 * faster than a comparator sort on millions of pixels. Each score carries a payload (its label,
 * region id or index) through the sort, so that the sweep afterwards reads memory in order
 * instead of gathering at random: on 8M pixels the random gathers would cost more than the sort.
 * Float32 inputs (anomaly maps) need one 32-bit key; other values are sorted on their exact
 * float64 bits, so nothing that differs in the input collapses into a tie.
 */

/** Scores sorted from highest to lowest, with the payload permuted alongside. */
export interface SortedScores<P extends Payload> {
  values: Float32Array | Float64Array;
  payload: P;
}

export type Payload = Uint8Array | Uint32Array;

// Three passes of 11, 11 and 10 bits: fewer passes beat smaller buckets on millions of keys.
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const PASSES = 3;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Indices that order `values` from highest to lowest; equal values keep their index order. */
export function argsortDescending(values: ArrayLike<number>): Uint32Array {
  return sortDescending(values, iota(values.length)).payload;
}

/**
 * Sorts `values` from highest to lowest (stable), carrying `payload[i]` with `values[i]`.
 * The payload array is consumed (reused as a buffer); use the returned one.
 */
export function sortDescending<P extends Payload>(
  values: ArrayLike<number>,
  payload: P,
): SortedScores<P> {
  assertNoNaN(values);
  if (values instanceof Float32Array) return sortFloat32(values, payload);
  if (fitsFloat32(values)) return sortFloat32(Float32Array.from(values), payload);
  return sortFloat64(values, payload);
}

/** Labels as a sort payload: 1 for anomalous (any nonzero label), 0 for normal. */
export function binaryPayload(labels: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] !== 0 ? 1 : 0;
  return out;
}

/** Number of distinct values in a sorted array (the number of thresholds). */
export function countDistinct(sorted: ArrayLike<number>): number {
  let groups = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) groups++;
  return groups;
}

/**
 * Calls `visit` once per distinct score, highest first, with the cumulative true and false
 * positives when everything scoring >= that threshold is called anomalous. A nonzero payload
 * (label or region id) marks an anomalous sample.
 */
export function forEachThreshold(
  sorted: SortedScores<Payload>,
  visit: (threshold: number, tp: number, fp: number) => void,
): void {
  const { values, payload } = sorted;
  const n = values.length;
  let tp = 0;
  let i = 0;
  while (i < n) {
    const threshold = values[i];
    do if (payload[i++] !== 0) tp++;
    while (i < n && values[i] === threshold);
    visit(threshold, tp, i - tp);
  }
}

function iota(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function assertNoNaN(values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) {
      throw new MetricError(`scores contain NaN (first at index ${i}); check the anomaly maps`);
    }
  }
}

function fitsFloat32(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Math.fround(values[i]) !== values[i]) return false;
  return true;
}

function sortFloat32<P extends Payload>(values: Float32Array, payload: P): SortedScores<P> {
  const n = values.length;
  // Int32 views throughout: uint32 values above 2^31 would leave V8's small-integer fast path.
  const bits = new Int32Array(values.buffer, values.byteOffset, n);
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = bits[i];
    // Sign-magnitude float bits to a key whose unsigned order is the descending order of the
    // values; -0 and +0 get one key so that they tie.
    keys[i] = b < 0 ? (b === -0x80000000 ? 0x7fffffff : b) : b ^ 0x7fffffff;
  }
  const sorted = radixSort(keys, payload);
  // Turn the sorted keys back into float bits in place: the sorted values cost no extra memory.
  const out = sorted.keys;
  for (let i = 0; i < n; i++) {
    const k = out[i];
    if (k >= 0) out[i] = k ^ 0x7fffffff;
  }
  return { values: new Float32Array(out.buffer, out.byteOffset, n), payload: sorted.payload };
}

/** Rare path (image scores that are not float32): sort by the two words, then gather. */
function sortFloat64<P extends Payload>(values: ArrayLike<number>, payload: P): SortedScores<P> {
  const n = values.length;
  const scratch = new Float64Array(1);
  const words = new Int32Array(scratch.buffer);
  const loWord = LITTLE_ENDIAN ? 0 : 1;
  const hiKeys = new Int32Array(n);
  const loKeys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    scratch[0] = values[i] === 0 ? 0 : values[i];
    const hi = words[1 - loWord];
    const lo = words[loWord];
    // As for float32, on the 64-bit pattern: negatives keep their bits, positives flip all but the sign.
    if (hi < 0) {
      hiKeys[i] = hi;
      loKeys[i] = lo;
    } else {
      hiKeys[i] = hi ^ 0x7fffffff;
      loKeys[i] = ~lo;
    }
  }
  // Stable LSD: by the low word, then by the high word gathered into that order.
  const byLo = radixSort(loKeys, iota(n)).payload;
  const hiInOrder = new Int32Array(n);
  for (let i = 0; i < n; i++) hiInOrder[i] = hiKeys[byLo[i]];
  const order = radixSort(hiInOrder, byLo).payload;
  const sortedValues = new Float64Array(n);
  const sortedPayload = payload.slice() as P;
  for (let i = 0; i < n; i++) {
    sortedValues[i] = values[order[i]];
    sortedPayload[i] = payload[order[i]];
  }
  return { values: sortedValues, payload: sortedPayload };
}

/**
 * Stable radix sort of `keys` in ascending unsigned order, carrying `payload` along. Both arrays are consumed
 * (reused as buffers); the sorted pair is returned.
 */
function radixSort<P extends Payload>(keys: Int32Array, payload: P): { keys: Int32Array; payload: P } {
  const n = keys.length;
  const counts = new Uint32Array(PASSES * BUCKETS);
  const mask = BUCKETS - 1;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    counts[k & mask]++;
    counts[BUCKETS + ((k >>> DIGIT_BITS) & mask)]++;
    counts[2 * BUCKETS + (k >>> (2 * DIGIT_BITS))]++;
  }
  let srcKeys = keys;
  let srcPayload = payload;
  let dstKeys: Int32Array | null = null;
  let dstPayload: P | null = null;
  const offsets = new Uint32Array(BUCKETS);
  for (let p = 0; p < PASSES; p++) {
    const base = p * BUCKETS;
    const shift = p * DIGIT_BITS;
    // A digit shared by every key leaves the order unchanged: skip the pass.
    let skip = false;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[base + b];
      if (c === n) skip = true;
      offsets[b] = sum;
      sum += c;
    }
    if (skip) continue;
    if (dstKeys === null || dstPayload === null) {
      dstKeys = new Int32Array(n);
      dstPayload = (payload instanceof Uint8Array ? new Uint8Array(n) : new Uint32Array(n)) as P;
    }
    for (let i = 0; i < n; i++) {
      const k = srcKeys[i];
      const at = offsets[(k >>> shift) & mask]++;
      dstKeys[at] = k;
      dstPayload[at] = srcPayload[i];
    }
    const tk = srcKeys;
    const tp = srcPayload;
    srcKeys = dstKeys;
    srcPayload = dstPayload;
    dstKeys = tk;
    dstPayload = tp;
  }
  return { keys: srcKeys, payload: srcPayload };
}
