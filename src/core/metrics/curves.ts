import { MetricError, countClasses } from './errors';
import { binaryPayload, countDistinct, forEachThreshold, sortDescending, type Payload, type SortedScores } from './ranking';

/** Points ordered by decreasing threshold: from (0, 0) at +Infinity to (1, 1) at the lowest score. */
export interface RocCurve {
  fpr: Float32Array;
  tpr: Float32Array;
  thresholds: Float32Array;
}

/**
 * Points ordered by decreasing threshold (increasing recall): first (recall 0, precision 1) at
 * +Infinity, then one point per distinct score, where a sample is anomalous if score >= threshold.
 */
export interface PrCurve {
  precision: Float32Array;
  recall: Float32Array;
  thresholds: Float32Array;
}

/**
 * ROC curve with one point per distinct score. With `maxPoints`, keeps that many points spread
 * evenly along the curve (both endpoints always kept), for plotting millions of pixels.
 */
export function rocCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxPoints?: number,
): RocCurve {
  const { positives, negatives } = countClasses(scores, labels, 'ROC curve');
  if (positives === 0 || negatives === 0) {
    throw new MetricError(
      `ROC curve needs both normal and anomalous samples (got ${negatives} normal, ${positives} anomalous)`,
    );
  }
  return rocCurveOfSorted(sortDescending(scores, binaryPayload(labels)), positives, negatives, maxPoints);
}

/** ROC curve from scores already sorted (nonzero payload = anomalous); both counts must be > 0. */
export function rocCurveOfSorted(
  sorted: SortedScores<Payload>,
  positives: number,
  negatives: number,
  maxPoints?: number,
): RocCurve {
  const keep = pointSelector(countDistinct(sorted.values) + 1, maxPoints);
  const fpr = new Float32Array(keep.size);
  const tpr = new Float32Array(keep.size);
  const thresholds = new Float32Array(keep.size);
  thresholds[0] = Infinity;
  let point = 0;
  let written = 1;
  forEachThreshold(sorted, (threshold, tp, fp) => {
    point++;
    if (!keep.has(point)) return;
    fpr[written] = fp / negatives;
    tpr[written] = tp / positives;
    thresholds[written] = threshold;
    written++;
  });
  return { fpr, tpr, thresholds };
}

/** Precision-recall curve; see {@link PrCurve} for the point order. Needs at least one anomaly. */
export function prCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxPoints?: number,
): PrCurve {
  const { positives, negatives } = countClasses(scores, labels, 'PR curve');
  if (positives === 0) {
    throw new MetricError(
      `PR curve needs at least one anomalous sample (got ${negatives} normal, 0 anomalous)`,
    );
  }
  return prCurveOfSorted(sortDescending(scores, binaryPayload(labels)), positives, maxPoints);
}

/** PR curve from scores already sorted (nonzero payload = anomalous); positives must be > 0. */
export function prCurveOfSorted(sorted: SortedScores<Payload>, positives: number, maxPoints?: number): PrCurve {
  const keep = pointSelector(countDistinct(sorted.values) + 1, maxPoints);
  const precision = new Float32Array(keep.size);
  const recall = new Float32Array(keep.size);
  const thresholds = new Float32Array(keep.size);
  precision[0] = 1;
  thresholds[0] = Infinity;
  let point = 0;
  let written = 1;
  forEachThreshold(sorted, (threshold, tp, fp) => {
    point++;
    if (!keep.has(point)) return;
    precision[written] = tp / (tp + fp);
    recall[written] = tp / positives;
    thresholds[written] = threshold;
    written++;
  });
  return { precision, recall, thresholds };
}

/**
 * Chooses which of `total` points (visited in order, 0 first) to keep: all of them, or
 * `maxPoints` evenly spaced by index including the first and the last. Points are visited in
 * increasing order, so a cursor over the chosen indices answers in O(1).
 */
function pointSelector(total: number, maxPoints?: number): { size: number; has(i: number): boolean } {
  if (maxPoints === undefined || maxPoints >= total) return { size: total, has: () => true };
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new MetricError(`maxPoints must be an integer >= 2 to keep both endpoints (got ${maxPoints})`);
  }
  const step = (total - 1) / (maxPoints - 1);
  let next = 1;
  return {
    size: maxPoints,
    has(i: number): boolean {
      if (i !== Math.round(next * step)) return false;
      next++;
      return true;
    },
  };
}

/**
 * ROC and PR curves together from scores already sorted (nonzero payload = anomalous), both
 * counts > 0: the same points as rocCurve and prCurve, in one pass without a call per threshold,
 * which matters when millions of distinct pixel scores are each a threshold.
 */
export function curvesOfSorted(
  sorted: SortedScores<Payload>,
  positives: number,
  negatives: number,
  maxPoints?: number,
): { roc: RocCurve; pr: PrCurve } {
  const { values, payload } = sorted;
  const n = values.length;
  const total = countDistinct(values) + 1;
  const size = pointSelector(total, maxPoints).size;
  // Kept points are round(k * step) for k = 0, 1, ...: step 1 keeps them all.
  const step = size === total ? 1 : (total - 1) / (size - 1);
  const fpr = new Float32Array(size);
  const tpr = new Float32Array(size);
  const precision = new Float32Array(size);
  const recall = new Float32Array(size);
  const thresholds = new Float32Array(size);
  thresholds[0] = Infinity;
  precision[0] = 1;
  let written = 1;
  let nextPoint = size > 1 ? Math.round(step) : Infinity;
  let point = 0;
  let tp = 0;
  let i = 0;
  while (i < n) {
    const threshold = values[i];
    do if (payload[i++] !== 0) tp++;
    while (i < n && values[i] === threshold);
    if (++point !== nextPoint) continue;
    const fp = i - tp;
    fpr[written] = fp / negatives;
    tpr[written] = tp / positives;
    precision[written] = tp / i;
    recall[written] = tp / positives;
    thresholds[written] = threshold;
    written++;
    nextPoint = Math.round(written * step);
  }
  return { roc: { fpr, tpr, thresholds }, pr: { precision, recall, thresholds: thresholds.slice() } };
}
