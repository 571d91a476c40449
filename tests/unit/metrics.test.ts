import { describe, expect, it } from 'vitest';
import {
  MetricError,
  argsortDescending,
  aupro,
  auroc,
  connectedComponents8,
  evaluate,
  f1Max,
  perTypeAUROC,
  pixelAUROC,
  prCurve,
  rocCurve,
} from '../../src/core/metrics';

/**
 * Deterministic generator for the scikit-learn cross-checks. The Python twin used to compute the
 * expected numbers (once, with scikit-learn 1.2.1 / scipy on Debian) is, line for line:
 *   class Lcg:
 *       def __init__(self, seed): self.s = seed % 2**32
 *       def __call__(self):
 *           self.s = (self.s * 1664525 + 1013904223) % 2**32
 *           return self.s / 2**32
 */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Python: lab = 1 if r() < 0.35 else 0; s = r() + 0.3*lab   (seed 12345, n 200) */
function continuousFixture(): { scores: Float64Array; labels: Uint8Array } {
  const r = lcg(12345);
  const scores = new Float64Array(200);
  const labels = new Uint8Array(200);
  for (let i = 0; i < 200; i++) {
    labels[i] = r() < 0.35 ? 1 : 0;
    scores[i] = r() + 0.3 * labels[i];
  }
  return { scores, labels };
}

/** Python: lab = 1 if r() < 0.5 else 0; s = floor(r()*6) + lab*floor(r()*3)   (seed 777, n 150) */
function tiedFixture(): { scores: Float64Array; labels: Uint8Array } {
  const r = lcg(777);
  const scores = new Float64Array(150);
  const labels = new Uint8Array(150);
  for (let i = 0; i < 150; i++) {
    labels[i] = r() < 0.5 ? 1 : 0;
    const s1 = Math.floor(r() * 6);
    const s2 = Math.floor(r() * 3);
    scores[i] = s1 + labels[i] * s2;
  }
  return { scores, labels };
}

/**
 * Python: for each pixel i of 4 images of 12x12: m = 1 if (img > 0 and r() < 0.15) else 0;
 * maps[i] = float32(floor(r()*50)/50 + 0.2*m). Image 0 has an empty mask; scattered pixels
 * make many 8-connected regions. Seed 2024.
 */
function pixelFixture(): { maps: Float32Array; masks: Uint8Array; n: number; h: number; w: number } {
  const n = 4;
  const h = 12;
  const w = 12;
  const r = lcg(2024);
  const maps = new Float32Array(n * h * w);
  const masks = new Uint8Array(n * h * w);
  for (let i = 0; i < maps.length; i++) {
    const img = Math.floor(i / (h * w));
    const m = img > 0 && r() < 0.15 ? 1 : 0;
    maps[i] = Math.floor(r() * 50) / 50 + 0.2 * m;
    masks[i] = m;
  }
  return { maps, masks, n, h, w };
}

/** O(P*N) definition of AUROC, for property checks against the sort-based one. */
function pairwiseAUROC(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let u = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] === 0) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i] > scores[j]) u += 1;
      else if (scores[i] === scores[j]) u += 0.5;
    }
  }
  return u / pairs;
}

// Shared hand fixture. Anomalous: 0.4, 0.8, 0.9 (P = 3); normal: 0.1, 0.4, 0.4 (N = 3).
const HAND_SCORES = [0.1, 0.4, 0.4, 0.8, 0.4, 0.9];
const HAND_LABELS = [0, 0, 1, 1, 0, 1];

describe('auroc', () => {
  it('counts ties as one half (hand-computed)', () => {
    // Pairs won by each anomaly: 0.4 beats 0.1 (1) and ties two 0.4s (0.5 + 0.5) = 2;
    // 0.8 and 0.9 beat all three normals = 3 + 3. U = 8, AUROC = 8 / 9.
    // Midranks agree: ranks 1, 3, 3, 3, 5, 6; anomalous rank sum 3 + 5 + 6 = 14; U = 14 - 3*4/2 = 8.
    expect(auroc(HAND_SCORES, HAND_LABELS)).toBeCloseTo(8 / 9, 14);
  });

  it('is 1 for perfect scores, 0 for inverted ones, 0.5 when all equal', () => {
    const labels = [0, 0, 0, 1, 1];
    expect(auroc([0.1, 0.2, 0.3, 0.7, 0.9], labels)).toBe(1);
    expect(auroc([0.9, 0.8, 0.7, 0.2, 0.1], labels)).toBe(0);
    expect(auroc([0.5, 0.5, 0.5, 0.5, 0.5], labels)).toBe(0.5);
  });

  it('throws a MetricError with the counts, not NaN, for a one-class test set', () => {
    const scores = new Float64Array(40).map((_, i) => i / 40);
    const labels = new Uint8Array(40);
    expect(() => auroc(scores, labels)).toThrow(MetricError);
    expect(() => auroc(scores, labels)).toThrow(
      'AUROC needs both normal and anomalous samples (got 40 normal, 0 anomalous)',
    );
    expect(() => pixelAUROC(new Float32Array(4), new Uint8Array(4).fill(1))).toThrow(
      'pixel AUROC needs both normal and anomalous pixels (got 0 normal, 4 anomalous)',
    );
  });

  it('matches sklearn.metrics.roc_auc_score on seeded fixtures', () => {
    // Expected values from sklearn.metrics.roc_auc_score(y, s) on the same fixtures in Python.
    const c = continuousFixture(); // 55 anomalous, 145 normal
    expect(auroc(c.scores, c.labels)).toBeCloseTo(0.81542319749216297, 12);
    const t = tiedFixture(); // 77 anomalous, 73 normal, only 8 distinct scores
    expect(auroc(t.scores, t.labels)).toBeCloseTo(0.59019747375911757, 12);
    const p = pixelFixture(); // roc_auc_score(masks, maps) over 576 float32 pixels
    expect(pixelAUROC(p.maps, p.masks)).toBeCloseTo(0.72384665367121503, 12);
  });

  it('agrees with the pairwise definition on random float32 maps with ties', () => {
    const r = lcg(99);
    const maps = new Float32Array(3000).map(() => Math.round(r() * 200) / 200 - 0.5);
    const masks = new Uint8Array(3000).map((_, i) => (r() < 0.2 + 0.5 * maps[i] ? 1 : 0));
    expect(pixelAUROC(maps, masks)).toBeCloseTo(pairwiseAUROC(maps, masks), 12);
  });

  it('does not merge float64 scores that differ below float32 precision', () => {
    expect(auroc([1, 1 + 1e-12], [0, 1])).toBe(1);
    expect(auroc([-0, 0], [0, 1])).toBe(0.5);
  });

  it('rejects NaN scores with a MetricError', () => {
    expect(() => auroc([0.1, NaN, 0.3], [0, 1, 1])).toThrow(/NaN \(first at index 1\)/);
  });
});

describe('argsortDescending', () => {
  it('orders like a stable comparator sort, negatives and infinities included', () => {
    const r = lcg(5);
    const values = new Float32Array(5000).map(() => Math.round((r() - 0.5) * 1e4) / 7);
    values[10] = Infinity;
    values[20] = -Infinity;
    values[30] = -0;
    values[40] = 0;
    const expected = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
    expect(Array.from(argsortDescending(values))).toEqual(expected);
    const doubles = Array.from(values, (v, i) => v + i * 1e-9);
    const expected64 = Array.from(doubles.keys()).sort((a, b) => doubles[b] - doubles[a] || a - b);
    expect(Array.from(argsortDescending(doubles))).toEqual(expected64);
  });
});

describe('perTypeAUROC', () => {
  it('compares each defect type with the good images only (hand-computed)', () => {
    const labels = ['good', 'good', 'scratch', 'hole', 'scratch', 'good', 'hole'];
    const scores = [0.1, 0.3, 0.5, 0.2, 0.3, 0.2, 0.9];
    // good: 0.1, 0.3, 0.2. scratch 0.5 wins 3; scratch 0.3 wins 1 + 0.5 + 1 = 2.5 -> 5.5 / 6.
    // hole 0.2 wins 1 + 0 + 0.5 = 1.5; hole 0.9 wins 3 -> 4.5 / 6.
    const result = perTypeAUROC(scores, labels);
    expect(Object.keys(result)).toEqual(['scratch', 'hole']);
    expect(result.scratch).toBeCloseTo(5.5 / 6, 14);
    expect(result.hole).toBeCloseTo(4.5 / 6, 14);
  });

  it('throws when there are no good images', () => {
    expect(() => perTypeAUROC([0.1, 0.2], ['hole', 'hole'])).toThrow(MetricError);
  });
});

describe('rocCurve and prCurve', () => {
  it('has one point per distinct score plus the start (hand-computed)', () => {
    // Thresholds 0.9, 0.8, 0.4, 0.1 -> (tp, fp) = (1,0), (2,0), (3,2), (3,3); P = N = 3.
    const roc = rocCurve(HAND_SCORES, HAND_LABELS);
    expect(Array.from(roc.fpr)).toEqual(Array.from(new Float32Array([0, 0, 0, 2 / 3, 1])));
    expect(Array.from(roc.tpr)).toEqual(Array.from(new Float32Array([0, 1 / 3, 2 / 3, 1, 1])));
    expect(Array.from(roc.thresholds)).toEqual(Array.from(new Float32Array([Infinity, 0.9, 0.8, 0.4, 0.1])));
    const pr = prCurve(HAND_SCORES, HAND_LABELS);
    expect(Array.from(pr.recall)).toEqual(Array.from(new Float32Array([0, 1 / 3, 2 / 3, 1, 1])));
    expect(Array.from(pr.precision)).toEqual(Array.from(new Float32Array([1, 1, 1, 3 / 5, 1 / 2])));
  });

  it('downsamples evenly and keeps both endpoints', () => {
    const roc = rocCurve(HAND_SCORES, HAND_LABELS, 3); // indices 0, 2, 4 of the five points
    expect(Array.from(roc.fpr)).toEqual([0, 0, 1]);
    expect(Array.from(roc.tpr)).toEqual(Array.from(new Float32Array([0, 2 / 3, 1])));
    const p = pixelFixture();
    const big = prCurve(p.maps, p.masks, 10);
    expect(big.recall.length).toBe(10);
    expect(big.recall[0]).toBe(0);
    expect(big.recall[9]).toBe(1);
    expect(big.precision[9]).toBeCloseTo(63 / 576, 6);
    expect(() => rocCurve(HAND_SCORES, HAND_LABELS, 1)).toThrow(MetricError);
  });
});

describe('f1Max', () => {
  it('finds the best threshold (hand-computed)', () => {
    // F1 = 2tp / (tp + fp + P): 0.9 -> 2/4, 0.8 -> 4/5, 0.4 -> 6/8, 0.1 -> 6/9. Best at 0.8.
    const best = f1Max(HAND_SCORES, HAND_LABELS);
    expect(best.f1).toBeCloseTo(0.8, 14);
    expect(best.threshold).toBe(0.8);
    expect(best.precision).toBe(1);
    expect(best.recall).toBeCloseTo(2 / 3, 14);
  });

  it('matches the maximum F1 of sklearn.metrics.precision_recall_curve', () => {
    // max(2pr / (p + r)) over precision_recall_curve(y, s) on the same fixtures in Python.
    const c = continuousFixture();
    const bc = f1Max(c.scores, c.labels);
    expect(bc.f1).toBeCloseTo(0.59722222222222232, 12);
    expect(bc.threshold).toBeCloseTo(0.62113529019989078, 12);
    expect(bc.precision).toBeCloseTo(0.48314606741573035, 12);
    expect(bc.recall).toBeCloseTo(0.78181818181818186, 12);
    expect(f1Max(tiedFixture().scores, tiedFixture().labels).f1).toBeCloseTo(0.67841409691629961, 12);
    const p = pixelFixture();
    const bp = f1Max(p.maps, p.masks); // pixel F1-max: the same function on flat arrays
    expect(bp.f1).toBeCloseTo(0.36363636363636359, 12);
    expect(bp.recall).toBeCloseTo(0.22222222222222221, 12);
  });

  it('throws without anomalies', () => {
    expect(() => f1Max([0.1, 0.2], [0, 0])).toThrow(MetricError);
  });
});

describe('connectedComponents8', () => {
  it('connects diagonal neighbours', () => {
    const diagonal = Uint8Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const { labels, count } = connectedComponents8(diagonal, 3, 3);
    expect(count).toBe(1); // three components with 4-connectivity
    expect(Array.from(labels)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('numbers separate components in raster order and handles concave shapes', () => {
    const mask = Uint8Array.from([1, 0, 1, 0, 0, 0, 1, 1, 0]);
    const { labels, count } = connectedComponents8(mask, 3, 3);
    expect(count).toBe(3);
    expect(Array.from(labels)).toEqual([1, 0, 2, 0, 0, 0, 3, 3, 0]);
    // A U shape (one component), 4 x 4 with 255 as the foreground value.
    const u = Uint8Array.from([255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 0, 255, 255, 0]);
    expect(connectedComponents8(u, 4, 4).count).toBe(1);
  });

  it('matches scipy.ndimage.label with a 3x3 structure on the seeded pixel fixture', () => {
    const p = pixelFixture();
    const counts = [0, 1, 2, 3].map(
      (img) => connectedComponents8(p.masks.subarray(img * 144, (img + 1) * 144), 12, 12).count,
    );
    expect(counts).toEqual([0, 9, 15, 11]);
  });
});

describe('aupro', () => {
  // One 3 x 5 image, two regions: A (2 x 2, top left) and B (1 pixel), 10 normal pixels.
  //   mask        scores
  //   1 1 0 0 0   .8 .5 .8 .6 .5
  //   1 1 0 0 1   .5 .2 .1 .1 .9
  //   0 0 0 0 0   .1 .1 .1 .1 .1
  const twoRegionMask = Uint8Array.from([1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
  const twoRegionMap = Float32Array.from([0.8, 0.5, 0.8, 0.6, 0.5, 0.5, 0.2, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1]);

  it('weighs regions equally whatever their size (hand-computed)', () => {
    // threshold .9: B covered            -> PRO (1 + 0)/2   = .5,   FPR 0
    // threshold .8: A 1/4, one normal     -> PRO (1 + .25)/2 = .625, FPR .1  area .1 * (.5 + .625)/2 = .05625
    // threshold .6: one normal            -> PRO .625,               FPR .2  area .1 * 1.25/2       = .0625
    // threshold .5: A 3/4, one normal     -> PRO (1 + .75)/2 = .875, FPR .3  area .1 * 1.5/2        = .075
    // area to .3 = .19375, normalised: .19375 / .3
    expect(aupro(twoRegionMap, twoRegionMask, 1, 3, 5)).toBeCloseTo(0.19375 / 0.3, 12);
    // maxFpr .25 falls inside the last segment: PRO there = .625 + .25 * (.875 - .625) / ... = .75,
    // area = .11875 + .05 * (.625 + .75)/2 = .153125, normalised: .153125 / .25 = .6125
    expect(aupro(twoRegionMap, twoRegionMask, 1, 3, 5, 0.25)).toBeCloseTo(0.6125, 12);
  });

  it('is 1 when a mask fills its image and every anomaly outscores the empty-mask image', () => {
    // Image 0: empty mask (normal pixels only). Image 1: mask fills the 2 x 2 image.
    const maps = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.6, 0.7]);
    const masks = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(aupro(maps, masks, 2, 2, 2)).toBeCloseTo(1, 12);
  });

  it('counts the pixels of an empty-mask image as normal', () => {
    // Image 0 (1 x 2): region pixel .9, normal .2. Image 1: empty mask, scores .95 and .1.
    // threshold .95: FPR 1/3 > .3 at PRO 0 -> area 0 up to .3.
    const maps = Float32Array.from([0.9, 0.2, 0.95, 0.1]);
    const masks = Uint8Array.from([1, 0, 0, 0]);
    expect(aupro(maps, masks, 2, 1, 2)).toBe(0);
    // Whole curve: (0,0) -> (1/3, 0) -> (1/3, 1) -> (2/3, 1) -> (1, 1): area 2/3.
    expect(aupro(maps, masks, 2, 1, 2, 1)).toBeCloseTo(2 / 3, 12);
  });

  it('matches a brute-force threshold-by-region evaluation on the seeded fixture', () => {
    // Python: scipy.ndimage.label (3x3 structure) per mask, then for every distinct score
    // PRO = mean(region coverage), FPR over normal pixels, np.interp at .3, np.trapz / .3.
    const p = pixelFixture(); // 35 regions
    expect(aupro(p.maps, p.masks, p.n, p.h, p.w)).toBeCloseTo(0.37467176110210165, 12);
  });

  it('throws a MetricError when no mask has a region, or no pixel is normal', () => {
    expect(() => aupro(new Float32Array(8), new Uint8Array(8), 2, 2, 2)).toThrow(
      /AUPRO needs at least one anomalous region/,
    );
    expect(() => aupro(new Float32Array(4), new Uint8Array(4).fill(1), 1, 2, 2)).toThrow(MetricError);
  });
});

describe('evaluate', () => {
  const labels = ['good', 'good', 'hole', 'scratch'];
  const scores = [0.1, 0.4, 0.35, 0.8];

  it('omits pixel metrics with a reason when there are no masks', () => {
    const result = evaluate({ scores, labels, n: 4, h: 2, w: 2 });
    // Anomalies .35 and .8 vs normals .1 and .4: .35 wins 1 of 2, .8 wins 2 -> 3 / 4.
    expect(result.imageAUROC).toBeCloseTo(0.75, 14);
    expect(result.perType).toEqual({ hole: 0.5, scratch: 1 });
    // F1 = 2tp / (tp + fp + 2): .8 -> 2/3, .4 -> 2/4, .35 -> 4/5, .1 -> 4/6. Best at .35.
    expect(result.imageF1.f1).toBeCloseTo(0.8, 14);
    expect(result.imageF1.threshold).toBe(0.35);
    expect(result.pixelAUROC).toBeUndefined();
    expect(result.aupro).toBeUndefined();
    expect(result.pixelMetricsSkipped).toMatch(/no ground-truth masks/);
  });

  it('computes pixel metrics from maps and masks', () => {
    const p = pixelFixture();
    const imageScores = [0.2, 0.5, 0.6, 0.4];
    const result = evaluate({
      scores: imageScores,
      labels: ['good', 'dots', 'dots', 'dots'],
      maps: p.maps,
      masks: p.masks,
      n: p.n,
      h: p.h,
      w: p.w,
    });
    expect(result.imageAUROC).toBe(1);
    expect(result.pixelAUROC).toBeCloseTo(0.72384665367121503, 12);
    expect(result.aupro).toBeCloseTo(0.37467176110210165, 12);
    expect(result.pixelF1?.f1).toBeCloseTo(0.36363636363636359, 12);
    expect(result.pixelMetricsSkipped).toBeUndefined();
  });

  it('skips pixel metrics with a reason when every mask is empty, and says when none is normal', () => {
    const maps = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    const empty = evaluate({ scores, labels, maps: maps.slice(0, 4), masks: new Uint8Array(4), n: 4, h: 1, w: 1 });
    expect(empty.imageAUROC).toBeCloseTo(0.75, 14);
    expect(empty.pixelAUROC).toBeUndefined();
    expect(empty.pixelMetricsSkipped).toBe('the ground-truth masks are all empty: no anomalous pixels');
    // Masks that fill every image leave no normal pixel for the false positive rate.
    expect(() => evaluate({ scores, labels, maps: maps.slice(0, 4), masks: new Uint8Array(4).fill(1), n: 4, h: 1, w: 1 })).toThrow(
      /needs normal pixels/,
    );
  });

  it('names the image set in the one-class error', () => {
    const only = new Array<string>(40).fill('good');
    const s = new Float64Array(40);
    expect(() => evaluate({ scores: s, labels: only, n: 40, h: 1, w: 1 })).toThrow(
      'image AUROC needs both normal and anomalous test images (got 40 normal, 0 anomalous)',
    );
  });
});
