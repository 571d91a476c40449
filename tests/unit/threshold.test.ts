import { describe, expect, it } from 'vitest';
import { confusionAt, predictedMask, thresholdCentred } from '../../src/core/metrics';

describe('confusionAt', () => {
  it('calls score >= threshold anomalous (hand-computed)', () => {
    const labels = ['good', 'good', 'scratch', 'hole', 'good'];
    const scores = [0.1, 0.5, 0.5, 0.2, 0.3];
    expect(confusionAt(scores, labels, 0.5)).toEqual({ tp: 1, fp: 1, tn: 2, fn: 1 });
    expect(confusionAt(scores, labels, 0.05)).toEqual({ tp: 2, fp: 3, tn: 0, fn: 0 });
    expect(confusionAt(scores, labels, Infinity)).toEqual({ tp: 0, fp: 0, tn: 3, fn: 2 });
  });
});

describe('thresholdCentred', () => {
  it('puts the threshold at 0.5 and scales by the min-max span', () => {
    expect(thresholdCentred(0.3, 0.3, 0, 1)).toBe(0.5);
    expect(thresholdCentred(0.55, 0.3, 0, 1)).toBeCloseTo(0.75, 12);
    expect(thresholdCentred(0.2, 0.3, 0, 0.4)).toBeCloseTo(0.25, 12);
  });

  it('clips to [0, 1] and survives a zero span', () => {
    expect(thresholdCentred(5, 0.3, 0, 1)).toBe(1);
    expect(thresholdCentred(-5, 0.3, 0, 1)).toBe(0);
    expect(thresholdCentred(0.2, 0.2, 0.2, 0.2)).toBe(0.5);
  });
});

describe('predictedMask', () => {
  it('marks pixels at or above the threshold', () => {
    expect(Array.from(predictedMask(Float32Array.from([0.1, 0.5, 0.7, 0.49]), 0.5))).toEqual([0, 1, 1, 0]);
  });
});
