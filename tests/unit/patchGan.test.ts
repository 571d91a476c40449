import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { VariableStore } from '../../src/core/nn/attention';
import { createSpectralState, PatchGan, patchGanOutputSide, powerIterationStep, spectralNormalise, spectralSigma } from '../../src/core/nn/patchGan';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

/** Largest singular value of a rows x cols matrix (row-major), by many power iterations in plain JS. */
function topSingularValue(m: Float32Array, rows: number, cols: number): number {
  let u: number[] = Array.from({ length: cols }, (_, i) => Math.sin(i + 1));
  let sigma = 0;
  for (let it = 0; it < 2000; it++) {
    const v = Array.from({ length: rows }, (_, r) => u.reduce((s, uj, j) => s + m[r * cols + j]! * uj, 0));
    const next = Array.from({ length: cols }, (_, j) => v.reduce((s, vr, r) => s + m[r * cols + j]! * vr, 0));
    const norm = Math.hypot(...next);
    sigma = Math.sqrt(norm);
    u = next.map((x) => x / norm);
  }
  return sigma;
}

describe('spectral norm', () => {
  it('estimates the top singular value by persistent power iteration, so the normalised weight has norm ~1', () => {
    const store = new VariableStore(11);
    const filter = tf.randomNormal([3, 3, 4, 6], 0, 1, 'float32', 7); // a 36 x 6 matrix
    const state = createSpectralState(store, 'conv', filter);
    const truth = topSingularValue(filter.dataSync() as Float32Array, 36, 6);
    const u0 = state.u.dataSync().slice();
    for (let i = 0; i < 30; i++) powerIterationStep(filter, state);
    // u persists and moves between steps.
    expect(Array.from(state.u.dataSync())).not.toEqual(Array.from(u0));
    const sigma = spectralSigma(filter, state);
    expect(Math.abs(sigma.dataSync()[0]! - truth) / truth).toBeLessThan(0.01);
    const normalised = spectralNormalise(filter, state);
    expect(topSingularValue(normalised.dataSync() as Float32Array, 36, 6)).toBeCloseTo(1, 2);
    tf.dispose([filter, sigma, normalised]);
    store.dispose();
  });

  it('lets the gradient reach the raw filter', () => {
    const store = new VariableStore(12);
    const filter = tf.variable(tf.randomNormal([4, 4, 2, 3], 0, 1, 'float32', 8));
    const state = createSpectralState(store, 'c', filter);
    tf.tidy(() => {
      const g = tf.grad((f: tf.Tensor) => spectralNormalise(f, state).square().sum())(filter);
      expect(Number.isFinite(g.sum().dataSync()[0]!)).toBe(true);
      expect(g.abs().max().dataSync()[0]!).toBeGreaterThan(0);
    });
    filter.dispose();
    store.dispose();
  });
});

describe('PatchGan', () => {
  it('gives one logit per patch, names its weights stably and round-trips them', () => {
    const a = new PatchGan({ inChannels: 1, width: 4, strided: 3, seed: 1 });
    const b = new PatchGan({ inChannels: 1, width: 4, strided: 3, seed: 2 });
    const x = tf.randomUniform([2, 64, 64, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const side = patchGanOutputSide(64, 3);
    expect(side).toBe(6);
    const la = a.logits(x);
    expect(la.shape).toEqual([2, side, side, 1]);
    const names = Object.keys(a.weights('d'));
    expect(names).toContain('d/conv0/filter');
    expect(names).toContain('d/sn/conv0/u');
    expect(names.some((n) => n.includes('bias'))).toBe(false); // spectral norm convs carry no bias
    expect(a.paramCount()).toBe(a.trainableVariables().reduce((n, v) => n + v.size, 0));
    b.load(a.weights('d'), 'd');
    const lb = b.logits(x);
    expect(lb.sub(la).abs().max().dataSync()[0]!).toBe(0);
    tf.dispose([x, la, lb]);
    a.dispose();
    b.dispose();
  });
});
