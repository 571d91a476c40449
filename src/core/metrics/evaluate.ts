import { assertBothClasses, aurocOfSorted, perTypeAUROC, rocAuc } from './auroc';
import { curvesOfSorted, type PrCurve, type RocCurve } from './curves';
import { MetricError } from './errors';
import { f1Max, f1MaxOfSorted, type F1Max } from './f1';
import { auproOfSorted, checkPixelShapes, labelRegions } from './pro';
import { sortDescending } from './ranking';

export interface EvaluateInput {
  /** One anomaly score per test image. */
  scores: ArrayLike<number>;
  /** One label per test image: 'good' or the defect type. */
  labels: readonly string[];
  /** n anomaly maps of h x w, row-major, image after image. */
  maps?: Float32Array;
  /** n ground-truth masks of h x w (nonzero = anomalous); all zero for good images. */
  masks?: Uint8Array;
  n: number;
  h: number;
  w: number;
  /** Upper false positive rate of the AUPRO integral (0.3 as in MVTec AD). */
  maxFpr?: number;
  /** Also return ROC and PR curves, each downsampled to at most this many points (>= 2). */
  curvePoints?: number;
}

export interface Curves {
  roc: RocCurve;
  pr: PrCurve;
}

export interface PixelResult {
  pixelAUROC: number;
  aupro: number;
  pixelF1: F1Max;
  pixelCurves?: Curves;
}

export interface EvaluateResult extends Partial<PixelResult> {
  imageAUROC: number;
  imageF1: F1Max;
  /** AUROC of each defect type against the good images. */
  perType: Record<string, number>;
  imageCurves?: Curves;
  /** Why the pixel metrics are missing, when they are. */
  pixelMetricsSkipped?: string;
}

/** The usual summary of a test run: image metrics always, pixel metrics when masks allow. */
export function evaluate(input: EvaluateInput): EvaluateResult {
  const { scores, labels, maps, masks, n, h, w, maxFpr = 0.3, curvePoints } = input;
  if (scores.length !== n || labels.length !== n) {
    throw new MetricError(
      `evaluate: expected ${n} test images, got ${scores.length} scores and ${labels.length} labels`,
    );
  }
  const anomalous = new Uint8Array(n);
  for (let i = 0; i < n; i++) anomalous[i] = labels[i] === 'good' ? 0 : 1;

  const result: EvaluateResult = {
    imageAUROC: rocAuc(scores, anomalous, 'image AUROC', 'test images'),
    imageF1: f1Max(scores, anomalous),
    perType: perTypeAUROC(scores, labels),
  };
  if (curvePoints !== undefined) {
    const positives = anomalous.reduce((sum, a) => sum + a, 0);
    const sorted = sortDescending(scores, anomalous.slice());
    result.imageCurves = curvesOfSorted(sorted, positives, n - positives, curvePoints);
  }

  if (maps !== undefined && masks !== undefined) checkPixelShapes(maps, masks, n, h, w, 'evaluate');
  const skipped = pixelMetricsSkipped(maps, masks);
  if (skipped !== null || maps === undefined || masks === undefined) {
    result.pixelMetricsSkipped = skipped ?? 'pixel metrics need maps and masks';
    return result;
  }
  return { ...result, ...pixelMetrics(maps, masks, n, h, w, maxFpr, curvePoints) };
}

/** Why pixel metrics cannot be computed from these maps and masks, or null if they can. */
export function pixelMetricsSkipped(maps: Float32Array | undefined, masks: Uint8Array | undefined): string | null {
  if (masks === undefined) return 'no ground-truth masks: pixel metrics need them';
  if (maps === undefined) return 'no anomaly maps: pixel metrics need them';
  if (!masks.some((v) => v !== 0)) return 'the ground-truth masks are all empty: no anomalous pixels';
  return null;
}

/**
 * Pixel AUROC, AUPRO and pixel F1-max (and, with `curvePoints`, the pixel ROC and PR curves)
 * from one sort of all pixels. Needs at least one anomalous and one normal pixel.
 */
export function pixelMetrics(
  maps: Float32Array,
  masks: Uint8Array,
  n: number,
  h: number,
  w: number,
  maxFpr = 0.3,
  curvePoints?: number,
): PixelResult {
  checkPixelShapes(maps, masks, n, h, w, 'pixel metrics');
  // One sort serves all of them: region ids as payload, nonzero = anomalous pixel.
  const regions = labelRegions(masks, n, h, w);
  const positives = maps.length - regions.normals;
  assertBothClasses(positives, regions.normals, 'pixel AUROC', 'pixels');
  const sorted = sortDescending(maps, regions.regionOf);
  const result: PixelResult = {
    pixelAUROC: aurocOfSorted(sorted, positives, regions.normals),
    aupro: auproOfSorted(sorted, regions.sizes, regions.normals, maxFpr),
    pixelF1: f1MaxOfSorted(sorted, positives),
  };
  if (curvePoints !== undefined) {
    result.pixelCurves = curvesOfSorted(sorted, positives, regions.normals, curvePoints);
  }
  return result;
}
