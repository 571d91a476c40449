import { MetricError, countClasses } from './errors';
import { binaryPayload, sortDescending, type Payload, type SortedScores } from './ranking';

/**
 * Exact ROC AUC: the probability that a random anomalous sample outscores a random normal one,
 * ties counting one half (Mann-Whitney U with midranks). Labels: 0 normal, anything else anomalous.
 */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return rocAuc(scores, labels, 'AUROC', 'samples');
}

/** Exact pixel-level AUROC over every pixel of every map (sorted, not binned). */
export function pixelAUROC(maps: Float32Array, masks: Uint8Array): number {
  return rocAuc(maps, masks, 'pixel AUROC', 'pixels');
}

/**
 * AUROC of each defect type's images against all normal ('good') images, keyed by type in
 * order of first appearance.
 */
export function perTypeAUROC(
  scores: ArrayLike<number>,
  typeLabels: readonly string[],
  normalLabel = 'good',
): Record<string, number> {
  if (scores.length !== typeLabels.length) {
    throw new MetricError(
      `per-type AUROC: ${scores.length} scores but ${typeLabels.length} labels; they must match one to one`,
    );
  }
  const normals: number[] = [];
  const byType = new Map<string, number[]>();
  for (let i = 0; i < typeLabels.length; i++) {
    const type = typeLabels[i];
    if (type === normalLabel) {
      normals.push(scores[i]);
    } else {
      let list = byType.get(type);
      if (list === undefined) byType.set(type, (list = []));
      list.push(scores[i]);
    }
  }
  const result: Record<string, number> = {};
  for (const [type, anomalous] of byType) {
    if (normals.length === 0) {
      throw new MetricError(
        `per-type AUROC needs '${normalLabel}' test images to compare '${type}' against (got 0 '${normalLabel}', ${anomalous.length} '${type}')`,
      );
    }
    const subset = Float64Array.from([...normals, ...anomalous]);
    const labels = new Uint8Array(subset.length).fill(1, normals.length);
    result[type] = rocAuc(subset, labels, `AUROC of '${type}'`, 'test images');
  }
  return result;
}

/**
 * Shared by the public AUROCs so that each names its own subject in the one-class error,
 * e.g. "image AUROC needs both normal and anomalous test images (got 40 normal, 0 anomalous)".
 */
export function rocAuc(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  metric: string,
  items: string,
): number {
  const { positives, negatives } = countClasses(scores, labels, metric);
  assertBothClasses(positives, negatives, metric, items);
  return aurocOfSorted(sortDescending(scores, binaryPayload(labels)), positives, negatives);
}

export function assertBothClasses(positives: number, negatives: number, metric: string, items: string): void {
  if (positives === 0 || negatives === 0) {
    throw new MetricError(
      `${metric} needs both normal and anomalous ${items} (got ${negatives} normal, ${positives} anomalous)`,
    );
  }
}

/** AUROC from scores already sorted (nonzero payload = anomalous); both counts must be > 0. */
export function aurocOfSorted(sorted: SortedScores<Payload>, positives: number, negatives: number): number {
  const { values, payload } = sorted;
  const n = values.length;
  // Trapezoids between consecutive distinct thresholds, in integer counts: a tie group adding
  // dfp normals and dtp anomalies contributes dfp * (tp + dtp / 2), i.e. ties count one half.
  // Doubled to stay in exact integers (below 2^53 for any image set that fits in memory).
  let twiceArea = 0;
  let tp = 0;
  let i = 0;
  while (i < n) {
    const threshold = values[i];
    const groupStart = i;
    let dtp = 0;
    do if (payload[i++] !== 0) dtp++;
    while (i < n && values[i] === threshold);
    const dfp = i - groupStart - dtp;
    twiceArea += dfp * (2 * tp + dtp);
    tp += dtp;
  }
  return twiceArea / (2 * positives * negatives);
}
