import { MetricError, countClasses } from './errors';
import { binaryPayload, countDistinct, forEachThreshold, sortDescending } from './ranking';

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
  const sorted = sortDescending(scores, binaryPayload(labels));
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
  const sorted = sortDescending(scores, binaryPayload(labels));
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
