import { assertBothClasses, aurocOfSorted, perTypeAUROC, rocAuc } from './auroc';
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
}

export interface EvaluateResult {
  imageAUROC: number;
  imageF1: F1Max;
  /** AUROC of each defect type against the good images. */
  perType: Record<string, number>;
  pixelAUROC?: number;
  aupro?: number;
  pixelF1?: F1Max;
  /** Why the pixel metrics are missing, when they are. */
  pixelMetricsSkipped?: string;
}

/** The usual summary of a test run: image metrics always, pixel metrics when masks allow. */
export function evaluate(input: EvaluateInput): EvaluateResult {
  const { scores, labels, maps, masks, n, h, w, maxFpr = 0.3 } = input;
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

  if (masks === undefined) {
    result.pixelMetricsSkipped = 'no ground-truth masks: pixel metrics need them';
    return result;
  }
  if (maps === undefined) {
    result.pixelMetricsSkipped = 'no anomaly maps: pixel metrics need them';
    return result;
  }
  checkPixelShapes(maps, masks, n, h, w, 'evaluate');
  if (!masks.some((v) => v !== 0)) {
    result.pixelMetricsSkipped = 'the ground-truth masks are all empty: no anomalous pixels';
    return result;
  }
  // One sort serves all three pixel metrics: region ids as payload, nonzero = anomalous pixel.
  const regions = labelRegions(masks, n, h, w);
  const positives = maps.length - regions.normals;
  assertBothClasses(positives, regions.normals, 'pixel AUROC', 'pixels');
  const sorted = sortDescending(maps, regions.regionOf);
  result.pixelAUROC = aurocOfSorted(sorted, positives, regions.normals);
  result.aupro = auproOfSorted(sorted, regions.sizes, regions.normals, maxFpr);
  result.pixelF1 = f1MaxOfSorted(sorted, positives);
  return result;
}
