/** Counts of a binary decision at one threshold: score >= threshold is called anomalous. */
export interface Confusion {
  /** Anomalous, called anomalous. */
  tp: number;
  /** Normal, called anomalous. */
  fp: number;
  /** Normal, called normal. */
  tn: number;
  /** Anomalous, called normal. */
  fn: number;
}

/** The image-level confusion matrix at `threshold`; labels are 'good' or a defect type. */
export function confusionAt(scores: ArrayLike<number>, labels: readonly string[], threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const flagged = scores[i]! >= threshold;
    if (labels[i] === 'good') {
      if (flagged) c.fp++;
      else c.tn++;
    } else if (flagged) c.tp++;
    else c.fn++;
  }
  return c;
}

/**
 * Threshold-centred min-max normalisation (anomalib's): (v - t) / (max - min) + 0.5, clipped to
 * [0, 1]. The threshold lands on 0.5 whatever the map's units, so a normal image's map stays in
 * the lower half of the colour scale instead of being stretched to look alarming.
 */
export function thresholdCentred(value: number, threshold: number, min: number, max: number): number {
  const span = max - min;
  const v = (value - threshold) / (span > 0 ? span : 1) + 0.5;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Pixels of a map at or above the threshold, as a 0/1 mask. */
export function predictedMask(map: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(map.length);
  for (let i = 0; i < map.length; i++) out[i] = map[i]! >= threshold ? 1 : 0;
  return out;
}
