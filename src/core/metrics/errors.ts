/**
 * Raised when a metric is undefined for its input (one class only, no regions, mismatched sizes),
 * so that the caller shows one clear line instead of propagating NaN into the UI.
 */
export class MetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricError';
  }
}

/** Counts positives (label != 0) and negatives; throws on length mismatch or an empty input. */
export function countClasses(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  what: string,
): { positives: number; negatives: number } {
  if (scores.length !== labels.length) {
    throw new MetricError(
      `${what}: ${scores.length} scores but ${labels.length} labels; they must match one to one`,
    );
  }
  if (scores.length === 0) throw new MetricError(`${what}: no samples to evaluate`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0) positives++;
  return { positives, negatives: labels.length - positives };
}
