import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { testSetMetrics, type TestCurves, type TestMetrics } from '../metrics';
import type { MethodRun } from '../methods/types';
import { batchTensor } from './batch';

/**
 * imageAUROC, pixelAUROC and notes (why a metric is missing, one line each) as before, plus
 * aupro, f1max (image and pixel, with thresholds) and perTypeAUROC; see TestMetrics.
 */
export type ImageMetrics = TestMetrics;

export interface Evaluation {
  ids: string[];
  labels: string[];
  scores: Float32Array;
  /** N x H x W anomaly maps in test-set order. */
  maps: Float32Array;
  /** N x H x W reconstructions as bytes (N x H x W x C), for previews. */
  recons: Uint8Array;
  /** N x H x W ground-truth masks (0/1); zeros where an image has none. */
  masks: Uint8Array;
  metrics: ImageMetrics;
  /** ROC and PR curves (image and pixel), downsampled for plotting. */
  curves: TestCurves;
  inferMsPerImage: number;
  /** Time spent computing the metrics and curves (all test pixels sorted once). */
  metricsMs: number;
}

/** At most this many training images (evenly spaced over the set) feed a method's calibrate(). */
export const CALIBRATION_IMAGES = 64;

function* calibrationBatches(dataset: Dataset, batchSize: number): Generator<tf.Tensor4D> {
  const { train, size, channels } = dataset;
  const n = Math.min(train.length, CALIBRATION_IMAGES);
  const picked = Array.from({ length: n }, (_, i) => train[Math.floor((i * train.length) / n)]!);
  for (let start = 0; start < n; start += batchSize) {
    const x = batchTensor(picked.slice(start, start + batchSize), size, channels);
    try {
      yield x;
    } finally {
      x.dispose();
    }
  }
}

/** Scores every test image (batched, one readback per batch) and computes the metrics. */
export async function evaluateRun(run: MethodRun, dataset: Dataset, batchSize = 16): Promise<Evaluation> {
  const { test, size, channels } = dataset;
  const n = test.length;
  const hw = size * size;
  const scores = new Float32Array(n);
  const maps = new Float32Array(n * hw);
  const recons = new Uint8Array(n * hw * channels);
  const masks = new Uint8Array(n * hw);
  // Per-image score components (InferResult.parts), for a method's finalizeScores.
  const parts: Record<string, Float32Array> = {};
  if (run.calibrate) await run.calibrate(calibrationBatches(dataset, batchSize));
  const started = performance.now();
  // Inside the timing: per-image work such as SMAI's test superpixels is part of inference.
  run.prepare?.(dataset);
  run.beginTest?.();
  for (let start = 0; start < n; start += batchSize) {
    const records = test.slice(start, start + batchSize);
    const x = batchTensor(records, size, channels);
    const out = run.infer(x, records);
    x.dispose();
    const reconBytes = tf.tidy(() => out.recon.clipByValue(0, 1).mul(255).round().toInt());
    const [s, m, r] = await Promise.all([out.score.data(), out.map.data(), reconBytes.data()]);
    const partNames = Object.keys(out.parts ?? {});
    const partValues = await Promise.all(partNames.map((k) => out.parts![k]!.data()));
    partNames.forEach((k, j) => (parts[k] ??= new Float32Array(n)).set(partValues[j]!, start));
    tf.dispose([out.recon, out.map, out.score, reconBytes, ...Object.values(out.parts ?? {})]);
    scores.set(s, start);
    maps.set(m, start * hw);
    recons.set(r, start * hw * channels);
  }
  if (run.finalizeScores) scores.set(run.finalizeScores(parts, scores));
  const inferMsPerImage = n ? (performance.now() - started) / n : 0;
  test.forEach((r, i) => r.mask && masks.set(r.mask, i * hw));
  const labels = test.map((r) => r.label);
  const metricsStart = performance.now();
  const { metrics, curves } = testSetMetrics({
    scores,
    labels,
    maps,
    masks,
    n,
    h: size,
    w: size,
    unmaskedAnomalies: test.filter((r) => r.label !== 'good' && !r.mask).length,
  });
  return {
    ids: test.map((r) => r.id),
    labels,
    scores,
    maps,
    recons,
    masks,
    metrics,
    curves,
    inferMsPerImage,
    metricsMs: performance.now() - metricsStart,
  };
}
