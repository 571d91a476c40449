import { describe, expect, it } from 'vitest';
import { evaluate, pixelMetrics, prCurve, rocCurve, testSetMetrics } from '../../src/core/metrics';

/** 4 images of 2 x 2: two good, one with a 1-pixel defect, one whose mask fills the image. */
function smallSet() {
  const labels = ['good', 'good', 'dot', 'fill'];
  const maps = Float32Array.from([0.1, 0.2, 0.1, 0.3, /**/ 0.2, 0.1, 0.1, 0.2, /**/ 0.9, 0.2, 0.1, 0.1, /**/ 0.5, 0.6, 0.4, 0.7]);
  const masks = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]);
  const scores = [0.3, 0.2, 0.9, 0.7];
  return { labels, maps, masks, scores, n: 4, h: 2, w: 2 };
}

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (value && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

describe('testSetMetrics', () => {
  it('gives every metric on a set with masks, one filling its image (hand-computed)', () => {
    const { metrics, curves } = testSetMetrics(smallSet());
    expect(metrics.imageAUROC).toBe(1);
    expect(metrics.perTypeAUROC).toEqual({ dot: 1, fill: 1 });
    expect(metrics.f1max.image).toMatchObject({ f1: 1, threshold: 0.7 });
    // Anomalous pixels: .9 (dot) and .4 to .7 (fill); the 11 normal pixels score at most .3,
    // so every anomaly outscores every normal pixel, and the best cut is the lowest anomaly.
    expect(metrics.pixelAUROC).toBe(1);
    expect(metrics.aupro).toBeCloseTo(1, 12);
    expect(metrics.f1max.pixel).toMatchObject({ f1: 1, threshold: Math.fround(0.4) });
    expect(metrics.notes).toEqual([]);
    expect(curves.image?.roc.fpr.length).toBeGreaterThan(1);
    expect(curves.pixel?.pr.recall.at(-1)).toBe(1);
  });

  it('says in one line that a normal-only test set has no AUROC, and gives no NaN', () => {
    const s = smallSet();
    const labels = ['good', 'good', 'good', 'good'];
    const { metrics, curves } = testSetMetrics({ ...s, labels, masks: new Uint8Array(16) });
    expect(metrics.imageAUROC).toBeNull();
    expect(metrics.pixelAUROC).toBeNull();
    expect(metrics.aupro).toBeNull();
    expect(metrics.f1max).toEqual({ image: null, pixel: null });
    expect(metrics.notes).toEqual([
      "the test set has only normal ('good') images (4): AUROC, AUPRO and F1-max need anomalous test images too",
    ]);
    expect(curves).toEqual({ image: null, pixel: null });
    expect(hasNaN(metrics)).toBe(false);
  });

  it('still gives pixel metrics when every test image is anomalous', () => {
    const s = smallSet();
    const { metrics } = testSetMetrics({ ...s, labels: ['dot', 'dot', 'dot', 'fill'] });
    expect(metrics.imageAUROC).toBeNull();
    expect(metrics.notes[0]).toMatch(/no normal \('good'\) images \(4 anomalous\)/);
    expect(metrics.f1max.image?.f1).toBe(1); // everything called anomalous is right
    expect(metrics.pixelAUROC).toBe(1);
  });

  it('notes empty masks and anomalies without masks instead of scoring their pixels as normal', () => {
    const s = smallSet();
    const empty = testSetMetrics({ ...s, masks: new Uint8Array(16) });
    expect(empty.metrics.imageAUROC).toBe(1);
    expect(empty.metrics.pixelAUROC).toBeNull();
    expect(empty.metrics.notes).toEqual(['pixel metrics: the ground-truth masks are all empty: no anomalous pixels']);
    const unmasked = testSetMetrics({ ...s, unmaskedAnomalies: 1 });
    expect(unmasked.metrics.pixelAUROC).toBeNull();
    expect(unmasked.metrics.notes).toEqual(['pixel metrics: 1 anomalous test image(s) have no mask']);
  });

  it('notes when every pixel is anomalous (masks fill every image)', () => {
    const s = smallSet();
    const { metrics } = testSetMetrics({ ...s, labels: ['a', 'a', 'a', 'a'], masks: new Uint8Array(16).fill(1) });
    expect(metrics.pixelAUROC).toBeNull();
    expect(metrics.notes.at(-1)).toMatch(/^pixel metrics: AUPRO needs normal pixels/);
  });

  it('turns NaN scores into a note, not a NaN metric', () => {
    const s = smallSet();
    const { metrics } = testSetMetrics({ ...s, scores: [0.1, NaN, 0.5, 0.7] });
    expect(metrics.imageAUROC).toBeNull();
    expect(metrics.notes[0]).toMatch(/^image metrics: scores contain NaN \(first at index 1\)/);
  });
});

describe('curves from the shared sort', () => {
  it('equal the stand-alone curves, downsampled alike', () => {
    const s = smallSet();
    const pixel = pixelMetrics(s.maps, s.masks, s.n, s.h, s.w, 0.3, 5);
    expect(pixel.pixelCurves?.roc).toEqual(rocCurve(s.maps, s.masks, 5));
    expect(pixel.pixelCurves?.pr).toEqual(prCurve(s.maps, s.masks, 5));
    const image = evaluate({ ...s, curvePoints: 500 });
    const anomalous = s.labels.map((l) => (l === 'good' ? 0 : 1));
    expect(image.imageCurves?.roc).toEqual(rocCurve(s.scores, anomalous));
  });

  it('pick the same points as rocCurve and prCurve on a random set with ties', () => {
    let state = 7;
    const r = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const maps = new Float32Array(3000).map(() => Math.round(r() * 900) / 900);
    const masks = new Uint8Array(3000).map((_, i) => (r() < 0.1 + 0.5 * maps[i]! ? 1 : 0));
    for (const points of [2, 37, 500, 5000]) {
      const { pixelCurves } = pixelMetrics(maps, masks, 1, 50, 60, 0.3, points);
      expect(pixelCurves?.roc).toEqual(rocCurve(maps, masks, points));
      expect(pixelCurves?.pr).toEqual(prCurve(maps, masks, points));
    }
  });

  it('keep at most the asked number of points on millions-of-pixel sized inputs', () => {
    const n = 200_000;
    const maps = new Float32Array(n).map((_, i) => ((i * 7919) % n) / n);
    const masks = new Uint8Array(n).map((_, i) => (i % 97 === 0 ? 1 : 0));
    const { pixelCurves } = pixelMetrics(maps, masks, 1, 400, 500, 0.3, 500);
    expect(pixelCurves?.roc.fpr.length).toBe(500);
    expect(pixelCurves?.roc.fpr[499]).toBe(1);
    expect(pixelCurves?.roc.tpr[499]).toBe(1);
  });
});
