import { MetricError, countClasses } from './errors';
import { binaryPayload, forEachThreshold, sortDescending, type Payload, type SortedScores } from './ranking';

export interface F1Max {
  f1: number;
  /** Samples scoring >= threshold are called anomalous. */
  threshold: number;
  precision: number;
  recall: number;
}

/**
 * The best F1 over every threshold (every distinct score); on equal F1 the highest threshold
 * wins. For pixels, pass the flat maps and masks.
 */
export function f1Max(scores: ArrayLike<number>, labels: ArrayLike<number>): F1Max {
  const { positives, negatives } = countClasses(scores, labels, 'F1-max');
  if (positives === 0) {
    throw new MetricError(
      `F1-max needs at least one anomalous sample (got ${negatives} normal, 0 anomalous)`,
    );
  }
  return f1MaxOfSorted(sortDescending(scores, binaryPayload(labels)), positives);
}

/** F1-max from scores already sorted (nonzero payload = anomalous); positives must be > 0. */
export function f1MaxOfSorted(sorted: SortedScores<Payload>, positives: number): F1Max {
  let bestF1 = -1;
  let bestTp = 0;
  let bestFp = 0;
  let bestThreshold = Infinity;
  forEachThreshold(sorted, (threshold, tp, fp) => {
    // F1 = 2 tp / (2 tp + fp + fn) and tp + fn = positives.
    const f1 = (2 * tp) / (tp + fp + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      bestTp = tp;
      bestFp = fp;
      bestThreshold = threshold;
    }
  });
  return {
    f1: bestF1,
    threshold: bestThreshold,
    precision: bestTp / (bestTp + bestFp),
    recall: bestTp / positives,
  };
}
