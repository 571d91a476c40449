import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { auroc, pixelAUROC } from '../metrics';
import type { MethodRun } from '../methods/types';
import { batchTensor } from './batch';

export interface ImageMetrics {
  imageAUROC: number | null;
  pixelAUROC: number | null;
  /** Why a metric is missing (e.g. no anomalous test image), one line each. */
  notes: string[];
}

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
  inferMsPerImage: number;
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
  const started = performance.now();
  for (let start = 0; start < n; start += batchSize) {
    const records = test.slice(start, start + batchSize);
    const x = batchTensor(records, size, channels);
    const out = run.infer(x);
    x.dispose();
    const reconBytes = tf.tidy(() => out.recon.clipByValue(0, 1).mul(255).round().toInt());
    const [s, m, r] = await Promise.all([out.score.data(), out.map.data(), reconBytes.data()]);
    tf.dispose([out.recon, out.map, out.score, reconBytes]);
    scores.set(s, start);
    maps.set(m, start * hw);
    recons.set(r, start * hw * channels);
  }
  const inferMsPerImage = n ? (performance.now() - started) / n : 0;
  test.forEach((r, i) => r.mask && masks.set(r.mask, i * hw));
  const labels = test.map((r) => r.label);
  return {
    ids: test.map((r) => r.id),
    labels,
    scores,
    maps,
    recons,
    masks,
    metrics: computeMetrics(scores, labels, maps, masks, dataset),
    inferMsPerImage,
  };
}

function computeMetrics(
  scores: Float32Array,
  labels: string[],
  maps: Float32Array,
  masks: Uint8Array,
  dataset: Dataset,
): ImageMetrics {
  const notes: string[] = [];
  const isAnomalous = labels.map((l) => (l === 'good' ? 0 : 1));
  let imageAUROC: number | null = null;
  let pixel: number | null = null;
  try {
    imageAUROC = auroc(scores, isAnomalous);
  } catch (err) {
    notes.push(`image AUROC: ${(err as Error).message}`);
  }
  const anomalousWithoutMask = dataset.test.filter((r) => r.label !== 'good' && !r.mask).length;
  if (anomalousWithoutMask > 0) {
    notes.push(`pixel AUROC: ${anomalousWithoutMask} anomalous test images have no mask`);
  } else {
    try {
      pixel = pixelAUROC(maps, masks);
    } catch (err) {
      notes.push(`pixel AUROC: ${(err as Error).message}`);
    }
  }
  return { imageAUROC, pixelAUROC: pixel, notes };
}
