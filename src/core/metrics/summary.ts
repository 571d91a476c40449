import { MetricError } from './errors';
import { evaluate, pixelMetrics, pixelMetricsSkipped, type Curves } from './evaluate';
import { f1Max, type F1Max } from './f1';

/**
 * Everything the lab reports about one test run, with null (and a one-line note saying why)
 * wherever a metric is undefined for the test set, so that no NaN ever reaches a table or plot.
 */
export interface TestMetrics {
  imageAUROC: number | null;
  pixelAUROC: number | null;
  /** Area under the per-region-overlap curve up to FPR 0.3, normalised to [0, 1]. */
  aupro: number | null;
  /** Best F1 and the threshold that gives it (score >= threshold = anomalous). */
  f1max: { image: F1Max | null; pixel: F1Max | null };
  /** Image AUROC of each defect type against the good images. */
  perTypeAUROC: Record<string, number>;
  /** Why a metric is missing, one line each. */
  notes: string[];
}

/** ROC and PR curves for plotting, downsampled; null where undefined. */
export interface TestCurves {
  image: Curves | null;
  pixel: Curves | null;
}

export interface TestSetInput {
  scores: ArrayLike<number>;
  /** 'good' or the defect type, one per test image. */
  labels: readonly string[];
  /** n x h x w anomaly maps and ground-truth masks (zeros for good images). */
  maps: Float32Array;
  masks: Uint8Array;
  n: number;
  h: number;
  w: number;
  /** Anomalous test images that have no mask: pixel metrics would count their defects as normal. */
  unmaskedAnomalies?: number;
  /** Points kept per curve (pixel curves have millions otherwise). */
  curvePoints?: number;
  maxFpr?: number;
}

export const CURVE_POINTS = 500;

/** Image and pixel metrics plus curves for one test run; never throws a MetricError. */
export function testSetMetrics(input: TestSetInput): { metrics: TestMetrics; curves: TestCurves } {
  const { scores, labels, maps, masks, n, h, w, unmaskedAnomalies = 0, curvePoints = CURVE_POINTS, maxFpr = 0.3 } = input;
  const metrics: TestMetrics = {
    imageAUROC: null,
    pixelAUROC: null,
    aupro: null,
    f1max: { image: null, pixel: null },
    perTypeAUROC: {},
    notes: [],
  };
  const curves: TestCurves = { image: null, pixel: null };
  const note = (line: string) => metrics.notes.push(line);
  const anomalous = labels.filter((l) => l !== 'good').length;
  const normal = labels.length - anomalous;
  if (n === 0) {
    note('the test set is empty: there is nothing to score');
    return { metrics, curves };
  }
  if (anomalous === 0) {
    note(
      `the test set has only normal ('good') images (${normal}): AUROC, AUPRO and F1-max need anomalous test images too`,
    );
    return { metrics, curves };
  }

  try {
    if (normal === 0) {
      note(`image AUROC: the test set has no normal ('good') images (${anomalous} anomalous) to compare against`);
      metrics.f1max.image = f1Max(scores, labels.map(() => 1));
    } else {
      const image = evaluate({ scores, labels, n, h, w, curvePoints });
      metrics.imageAUROC = image.imageAUROC;
      metrics.f1max.image = image.imageF1;
      metrics.perTypeAUROC = image.perType;
      curves.image = image.imageCurves ?? null;
    }
  } catch (err) {
    if (!(err instanceof MetricError)) throw err;
    note(`image metrics: ${err.message}`);
  }

  const skipped =
    unmaskedAnomalies > 0
      ? `${unmaskedAnomalies} anomalous test image(s) have no mask`
      : pixelMetricsSkipped(maps, masks);
  if (skipped !== null) {
    note(`pixel metrics: ${skipped}`);
    return { metrics, curves };
  }
  try {
    const pixel = pixelMetrics(maps, masks, n, h, w, maxFpr, curvePoints);
    metrics.pixelAUROC = pixel.pixelAUROC;
    metrics.aupro = pixel.aupro;
    metrics.f1max.pixel = pixel.pixelF1;
    curves.pixel = pixel.pixelCurves ?? null;
  } catch (err) {
    if (!(err instanceof MetricError)) throw err;
    note(`pixel metrics: ${err.message}`);
  }
  return { metrics, curves };
}
