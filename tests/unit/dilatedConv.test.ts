import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { VariableStore } from '../../src/core/nn/attention';
import { applyConv, batchToSpace, convolve, createConv, dilatedConv2d, reflectPad, spaceToBatch } from '../../src/core/nn/dilatedConv';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

const maxAbs = (t: tf.Tensor) => t.abs().max().dataSync()[0]!;

/** The kernel a dilated conv effectively applies: d - 1 zeros between the taps. */
function spreadKernel(filter: tf.Tensor4D, d: number): tf.Tensor4D {
  const [kh, kw, cin, cout] = filter.shape;
  const src = filter.arraySync();
  const size = (k: number) => d * (k - 1) + 1;
  const out = Array.from({ length: size(kh) }, (_, y) =>
    Array.from({ length: size(kw) }, (_, x) =>
      y % d === 0 && x % d === 0 ? src[y / d]![x / d]! : Array.from({ length: cin }, () => new Array<number>(cout).fill(0)),
    ),
  );
  return tf.tensor4d(out);
}

describe('dilatedConv2d', () => {
  it.each([
    [2, 'same', 9, 11, 3],
    [2, 'valid', 10, 8, 3],
    [3, 'same', 12, 7, 3],
    [3, 'valid', 13, 13, 2],
    [2, 'same', 8, 8, 4],
  ] as const)('dilation %i, %s, %ix%i input, %ix%i kernel: equals tf.conv2d with dilations', (d, padding, h, w, k) => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, h, w, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const f = tf.randomNormal([k, k, 3, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
      const ours = dilatedConv2d(x, f, d, padding);
      const reference = tf.conv2d(x, f, 1, padding, 'NHWC', d);
      expect(ours.shape).toEqual(reference.shape);
      expect(maxAbs(ours.sub(reference))).toBeLessThan(1e-4);
      // The same thing again, by a plain conv with the spread-out kernel (no dilation kernel at all).
      expect(maxAbs(ours.sub(tf.conv2d(x, spreadKernel(f, d), 1, padding)))).toBeLessThan(1e-4);
    });
  });

  it('has a finite gradient equal to the spread-kernel convolution\'s', () => {
    tf.tidy(() => {
      const d = 2;
      const x = tf.randomNormal([2, 9, 10, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
      const f = tf.randomNormal([3, 3, 3, 2], 0, 1, 'float32', 4) as tf.Tensor4D;
      const r = tf.randomNormal([2, 9, 10, 2], 0, 1, 'float32', 5);
      const [gx, gf] = tf.grads((a: tf.Tensor, b: tf.Tensor) => dilatedConv2d(a as tf.Tensor4D, b as tf.Tensor4D, d, 'same').mul(r).sum())([x, f]);
      const [rx, rfSpread] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same').mul(r).sum())([
        x,
        spreadKernel(f, d),
      ]);
      expect(Number.isFinite(gx!.sum().dataSync()[0]!) && Number.isFinite(gf!.sum().dataSync()[0]!)).toBe(true);
      expect(maxAbs(gx!.sub(rx!))).toBeLessThan(1e-3);
      // The spread kernel's gradient at the real taps is the filter's gradient.
      const taps = rfSpread!.stridedSlice([0, 0, 0, 0], [5, 5, 3, 2], [d, d, 1, 1]);
      expect(maxAbs(gf!.sub(taps))).toBeLessThan(1e-3);
      expect(maxAbs(gf!)).toBeGreaterThan(0);
    });
  });

  it('rejects kernels that do not fit', () => {
    tf.tidy(() => {
      expect(() => dilatedConv2d(tf.zeros([1, 4, 4, 1]), tf.zeros([3, 3, 1, 1]), 3, 'valid')).toThrow(/does not fit/);
    });
  });
});

describe('convolve / applyConv', () => {
  it('keeps the size with reflect or zero padding, dilated or not, and halves it with stride 2', () => {
    const store = new VariableStore(7);
    const conv = createConv(store, 'c', { kernel: 3, inChannels: 2, outChannels: 5 });
    const down = createConv(store, 'down', { kernel: 4, inChannels: 2, outChannels: 3, bias: false });
    expect(Object.keys(store.named('g')).sort()).toEqual(['g/c/bias', 'g/c/filter', 'g/down/filter']);
    tf.tidy(() => {
      const x = tf.randomNormal([1, 8, 8, 2], 0, 1, 'float32', 6) as tf.Tensor4D;
      for (const dilation of [1, 2, 3]) {
        for (const padMode of ['zero', 'reflect'] as const) {
          expect(applyConv(x, conv, { dilation, pad: 'same', padMode }).shape).toEqual([1, 8, 8, 5]);
        }
      }
      expect(applyConv(x, down, { stride: 2, pad: 1 }).shape).toEqual([1, 4, 4, 3]);
      // Zero padding with pad 'same' is tf.conv2d's 'same'.
      const same = tf.conv2d(x, conv.filter as tf.Tensor as tf.Tensor4D, 1, 'same', 'NHWC', 2).add(conv.bias!);
      expect(maxAbs(applyConv(x, conv, { dilation: 2, pad: 'same' }).sub(same))).toBeLessThan(1e-4);
      // Reflection: a constant image stays constant through a conv whose taps sum to one.
      const flat = tf.fill([1, 6, 6, 1], 0.3) as tf.Tensor4D;
      const avg = tf.fill([3, 3, 1, 1], 1 / 9) as tf.Tensor4D;
      expect(maxAbs(convolve(flat, avg, null, { dilation: 2, pad: 'same', padMode: 'reflect' }).sub(0.3))).toBeLessThan(1e-6);
    });
    expect(() => tf.tidy(() => applyConv(tf.zeros([1, 8, 8, 2]), conv, { stride: 2, dilation: 2 }))).toThrow(/strided and dilated/);
    store.dispose();
  });
});

describe('spaceToBatch / batchToSpace', () => {
  it('match tf.spaceToBatchND and tf.batchToSpaceND up to the order of the sub-grids, and invert each other', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 6, 9, 3], 0, 1, 'float32', 8) as tf.Tensor4D;
      const grids = spaceToBatch(x, 3);
      expect(grids.shape).toEqual([18, 2, 3, 3]);
      expect(maxAbs(batchToSpace(grids, 3).sub(x))).toBe(0);
      // tf orders blocks row-offset-major (i * d + j); ours column-offset-major (j * d + i).
      const reference = tf.spaceToBatchND(x, [3, 3], [[0, 0], [0, 0]]) as tf.Tensor4D;
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const ours = grids.slice([(j * 3 + i) * 2, 0, 0, 0], [2, -1, -1, -1]);
          const theirs = reference.slice([(i * 3 + j) * 2, 0, 0, 0], [2, -1, -1, -1]);
          expect(maxAbs(ours.sub(theirs))).toBe(0);
        }
      }
    });
  });
});

/** Reflection padding from slices, reverses and concats only: autodiff gives its exact gradient. */
function reflectBySlices(x: tf.Tensor4D, [top, bottom]: [number, number], [left, right]: [number, number]): tf.Tensor4D {
  const [, h] = x.shape;
  const rows = tf.concat(
    [x.slice([0, 1, 0, 0], [-1, top, -1, -1]).reverse(1), x, x.slice([0, h - 1 - bottom, 0, 0], [-1, bottom, -1, -1]).reverse(1)],
    1,
  );
  const w = x.shape[2];
  return tf.concat(
    [rows.slice([0, 0, 1, 0], [-1, -1, left, -1]).reverse(2), rows, rows.slice([0, 0, w - 1 - right, 0], [-1, -1, right, -1]).reverse(2)],
    2,
  ) as tf.Tensor4D;
}

describe('reflectPad', () => {
  it.each([
    [[2, 2], [1, 3]],
    [[3, 0], [0, 2]],
    [[1, 1], [1, 1]],
  ] as const)('pads %j x %j like mirrorPad and has the exact gradient (border copies included)', (padH, padW) => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 5, 6, 3], 0, 1, 'float32', 9) as tf.Tensor4D;
      const ph: [number, number] = [padH[0], padH[1]];
      const pw: [number, number] = [padW[0], padW[1]];
      const ours = reflectPad(x, ph, pw);
      expect(maxAbs(ours.sub(tf.mirrorPad(x, [[0, 0], ph, pw, [0, 0]], 'reflect')))).toBe(0);
      expect(maxAbs(ours.sub(reflectBySlices(x, ph, pw)))).toBe(0);
      const r = tf.randomNormal(ours.shape, 0, 1, 'float32', 10);
      const g = tf.grad((t: tf.Tensor) => reflectPad(t as tf.Tensor4D, ph, pw).mul(r).sum())(x);
      const reference = tf.grad((t: tf.Tensor) => reflectBySlices(t as tf.Tensor4D, ph, pw).mul(r).sum())(x);
      expect(maxAbs(g.sub(reference))).toBeLessThan(1e-5);
    });
  });
});
