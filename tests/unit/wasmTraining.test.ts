import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/core/backend/wasmTraining';
import { createRng, randNormal } from '../../src/core/rng';

type Fn = (...xs: tf.Tensor[]) => tf.Tensor;
type Shape = number[];

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

function randomData(shapes: Shape[], seed: number): Float32Array[] {
  const rng = createRng(seed);
  return shapes.map((s) => Float32Array.from({ length: tf.util.sizeFromShape(s) }, () => randNormal(rng)));
}

/** Gradients of sum(f(xs) * r) for a fixed random r, computed on the given backend. */
async function gradsOn(backend: string, f: Fn, shapes: Shape[], data: Float32Array[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xs = data.map((d, i) => tf.tensor(d, shapes[i]));
    const probe = (...a: tf.Tensor[]) => {
      const y = f(...a);
      const r = tf.tensor(randomData([y.shape], 99)[0]!, y.shape);
      return y.mul(r).sum();
    };
    return tf.grads(probe)(xs).map((g) => g.dataSync() as Float32Array);
  });
}

/** Largest |wasm - cpu| over all gradients, relative to the largest |cpu| of each. */
async function wasmVsCpu(f: Fn, shapes: Shape[], seed = 1): Promise<number> {
  const data = randomData(shapes, seed);
  const cpu = await gradsOn('cpu', f, shapes, data);
  const wasm = await gradsOn('wasm', f, shapes, data);
  let worst = 0;
  cpu.forEach((ref, i) => {
    const got = wasm[i]!;
    expect(got.length).toBe(ref.length);
    let diff = 0;
    let scale = 1e-6;
    for (let j = 0; j < ref.length; j++) {
      diff = Math.max(diff, Math.abs(ref[j]! - got[j]!));
      scale = Math.max(scale, Math.abs(ref[j]!));
    }
    worst = Math.max(worst, diff / scale);
  });
  return worst;
}

/** Output side of a forward conv, for building conv2dTranspose cases. */
function outSize(n: number, k: number, s: number, pad: 'same' | 'valid'): number {
  return pad === 'same' ? Math.ceil(n / s) : Math.ceil((n - k + 1) / s);
}

const convCases: [number, 'same' | 'valid', number, Shape][] = [];
for (const stride of [1, 2])
  for (const pad of ['same', 'valid'] as const)
    for (const k of [3, 4])
      for (const [b, h, w] of [
        [1, 7, 7],
        [3, 9, 6],
      ] as const)
        convCases.push([stride, pad, k, [b, h, w]]);

describe('wasm training kernels match the cpu backend', () => {
  it.each(convCases)('conv2d stride %i %s k%i x%j', async (s, pad, k, [b, h, w]) => {
    const f: Fn = (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, s, pad);
    expect(await wasmVsCpu(f, [[b!, h!, w!, 3], [k, k, 3, 5]])).toBeLessThan(1e-4);
  });

  it.each(convCases)('conv2dTranspose stride %i %s k%i x%j', async (s, pad, k, [b, h, w]) => {
    const dy = [b!, outSize(h!, k, s, pad), outSize(w!, k, s, pad), 4];
    const f: Fn = (y, f) => tf.conv2dTranspose(y as tf.Tensor4D, f as tf.Tensor4D, [b!, h!, w!, 2], s, pad);
    expect(await wasmVsCpu(f, [dy, [k, k, 2, 4]])).toBeLessThan(1e-4);
  });

  it.each(convCases)('depthwiseConv2d stride %i %s k%i x%j', async (s, pad, k, [b, h, w]) => {
    const f: Fn = (x, f) => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, s, pad);
    expect(await wasmVsCpu(f, [[b!, h!, w!, 3], [k, k, 3, 2]])).toBeLessThan(1e-4);
  });

  it('conv2d with explicit padding and unequal strides', async () => {
    const explicit: Fn = (x, f) =>
      tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, [2, 1], [[0, 0], [1, 2], [0, 3], [0, 0]]);
    expect(await wasmVsCpu(explicit, [[2, 9, 8, 4], [3, 3, 4, 6]])).toBeLessThan(1e-4);
    const stride1: Fn = (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, [[0, 0], [2, 0], [1, 1], [0, 0]]);
    expect(await wasmVsCpu(stride1, [[2, 6, 7, 3], [3, 2, 3, 4]])).toBeLessThan(1e-4);
  });

  it('conv2d big enough to run the backprops in batch chunks', async () => {
    // Past the 8M-float im2col cap: 4 images x 9216 positions x 256 taps. Each case takes one
    // gradient only, since the cpu backend's filter gradient is slow (seconds) at this size.
    const [x, w] = randomData([[4, 96, 96, 16], [4, 4, 64, 1]], 5);
    const filterGrad: Fn = (f) => tf.conv2d(tf.tensor4d(x!, [4, 96, 96, 16]), f as tf.Tensor4D, 1, 'same');
    expect(await wasmVsCpu(filterGrad, [[4, 4, 16, 1]])).toBeLessThan(1e-3);
    const inputGrad: Fn = (x) => tf.conv2d(x as tf.Tensor4D, tf.tensor4d(w!, [4, 4, 64, 1]), 2, 'same');
    expect(await wasmVsCpu(inputGrad, [[4, 96, 96, 64]])).toBeLessThan(1e-3);
  });

  it('gather (UnsortedSegmentSum) and unsortedSegmentSum itself, float and int', async () => {
    const idx = [0, 2, 2, 1, 2];
    const g0: Fn = (x) => tf.gather(x, tf.tensor1d(idx, 'int32'));
    expect(await wasmVsCpu(g0, [[3, 4]])).toBeLessThan(1e-5);
    const g1: Fn = (x) => tf.gather(x, tf.tensor1d(idx, 'int32'), 1);
    expect(await wasmVsCpu(g1, [[2, 3, 2]])).toBeLessThan(1e-5);
    const ids = tf.tensor1d([1, 0, 1, 3], 'int32');
    const floats = tf.unsortedSegmentSum(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]), ids, 4);
    expect(Array.from(floats.dataSync())).toEqual([3, 4, 6, 8, 0, 0, 7, 8]);
    const ints = tf.unsortedSegmentSum(tf.tensor1d([5, 6, 7, 8], 'int32'), ids, 4);
    expect(ints.dtype).toBe('int32');
    expect(Array.from(ints.dataSync())).toEqual([6, 12, 0, 8]);
    tf.dispose([ids, floats, ints]);
  });

  it('matMul with every transpose combination (dense gradients)', async () => {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const f: Fn = (a, b) => tf.matMul(a, b, ta, tb);
      const a = ta ? [7, 5] : [5, 7];
      const b = tb ? [3, 7] : [7, 3];
      expect(await wasmVsCpu(f, [a, b])).toBeLessThan(1e-5);
    }
    const batched: Fn = (a, b) => tf.matMul(a, b, true, false);
    expect(await wasmVsCpu(batched, [[2, 7, 5], [2, 7, 3]])).toBeLessThan(1e-5);
    const dense: Fn = (a, b, c) =>
      tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu' });
    expect(await wasmVsCpu(dense, [[5, 7], [7, 3], [3]])).toBeLessThan(1e-5);
  });

  // The other ops a conv net trains through; wasm 4.22 has their gradient kernels natively.
  const x4 = [2, 5, 6, 3];
  const others: [string, Fn, Shape[]][] = [
    ['batchNorm', (x, m, v, o, s) => tf.batchNorm(x, m, v.abs().add(0.5), o, s, 1e-3), [x4, [3], [3], [3], [3]]],
    ['moments', (x) => tf.moments(x, [0, 1, 2]).variance.add(tf.moments(x, [0, 1, 2]).mean), [x4]],
    ['leakyRelu', (x) => tf.leakyRelu(x, 0.2), [x4]],
    ['relu', (x) => tf.relu(x), [x4]],
    ['elu', (x) => tf.elu(x), [x4]],
    ['sigmoid', (x) => tf.sigmoid(x), [x4]],
    ['tanh', (x) => tf.tanh(x), [x4]],
    ['softmax', (x) => tf.softmax(x), [[4, 5]]],
    ['logSoftmax', (x) => tf.logSoftmax(x), [[4, 5]]],
    ['mirrorPad', (x) => tf.mirrorPad(x as tf.Tensor4D, [[0, 0], [1, 2], [2, 1], [0, 0]], 'reflect'), [x4]],
    ['avgPool', (x) => tf.avgPool(x as tf.Tensor4D, 3, 2, 'same'), [x4]],
    ['maxPool', (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'), [x4]],
    ['spaceToBatchND', (x) => tf.spaceToBatchND(x, [2, 2], [[1, 0], [0, 0]]), [x4]],
    ['batchToSpaceND', (x) => tf.batchToSpaceND(x, [2, 2], [[0, 1], [0, 0]]), [[8, 3, 2, 2]]],
    ['concat', (a, b) => tf.concat([a, b], 3), [x4, [2, 5, 6, 2]]],
    ['slice+pad', (x) => tf.pad(tf.slice(x, [0, 1, 1, 0], [2, 3, 4, 2]), [[0, 0], [1, 1], [0, 2], [0, 0]]), [x4]],
    ['square/sqrt/exp/log/abs', (x) => x.square().add(x.abs().add(1).sqrt()).add(x.exp()).add(x.abs().add(1).log()), [x4]],
    ['mean/sum/max', (x) => x.mean(1).add(x.sum(1)).add(x.max(1)), [x4]],
  ];
  it.each(others)('%s', async (_, f, shapes) => {
    expect(await wasmVsCpu(f, shapes)).toBeLessThan(1e-4);
  });

  // The cpu backend is the wrong reference here: in tfjs 4.22 its ResizeBilinearGrad returns
  // [B, W, H, C] when H != W and its ResizeNearestNeighborGrad is wrong once B or C > 1. The
  // resizes are linear, so the exact gradient of <resize(x), r> at input i is <resize(e_i), r>.
  const resizes: [string, (x: tf.Tensor4D) => tf.Tensor4D][] = [
    ['resizeBilinear up', (x) => tf.image.resizeBilinear(x, [7, 9])],
    ['resizeBilinear down, alignCorners', (x) => tf.image.resizeBilinear(x, [3, 4], true)],
    // What the MSGMS loss does; wasm's native gradient ignores halfPixelCenters, ours does not.
    ['resizeBilinear up, halfPixelCenters', (x) => tf.image.resizeBilinear(x, [8, 10], false, true)],
    ['resizeBilinear down, halfPixelCenters', (x) => tf.image.resizeBilinear(x, [3, 4], false, true)],
    ['resizeNearestNeighbor up', (x) => tf.image.resizeNearestNeighbor(x, [8, 11])],
    ['resizeNearestNeighbor down, alignCorners', (x) => tf.image.resizeNearestNeighbor(x, [3, 2], true)],
  ];
  it.each(resizes)('%s (against the exact gradient)', async (_, resize) => {
    await tf.setBackend('wasm');
    const shape: [number, number, number, number] = [2, 4, 5, 2];
    const n = tf.util.sizeFromShape(shape);
    tf.tidy(() => {
      const outShape = resize(tf.zeros(shape)).shape;
      const r = tf.tensor(randomData([outShape], 3)[0]!, outShape);
      const grad = tf.grad((x) => resize(x as tf.Tensor4D).mul(r).sum())(tf.zeros(shape)).dataSync();
      // Every one-hot input e_i as its own pair of images: [n * B, H, W, C].
      const basis = tf.oneHot(tf.range(0, n, 1, 'int32'), n).reshape([n * shape[0]!, ...shape.slice(1)]);
      const exact = resize(basis as tf.Tensor4D)
        .mul(r.tile([n, 1, 1, 1]))
        .reshape([n, -1])
        .sum(1)
        .dataSync();
      let diff = 0;
      exact.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - grad[i]!))));
      expect(diff).toBeLessThan(1e-4);
    });
  });
});

describe('registerWasmTrainingKernels', () => {
  it('is idempotent and leaks no wasm memory in the backprops', async () => {
    const before = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'BatchMatMul'].map(
      (k) => tf.getKernel(k, 'wasm')!.kernelFunc,
    );
    registerWasmTrainingKernels();
    const after = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'BatchMatMul'].map(
      (k) => tf.getKernel(k, 'wasm')!.kernelFunc,
    );
    expect(after).toEqual(before);

    await tf.setBackend('wasm');
    const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
    const x = tf.randomNormal([3, 9, 8, 4]);
    const filter = tf.randomNormal([4, 4, 4, 6]);
    const dwFilter = tf.randomNormal([3, 3, 4, 2]);
    const ids = backend.numDataIds();
    const grads = tf.grads((a: tf.Tensor, f: tf.Tensor, d: tf.Tensor) =>
      tf
        .conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, 'same')
        .sum()
        .add(tf.conv2dTranspose(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, 'same'), f as tf.Tensor4D, [3, 9, 8, 4], 2, 'same').sum())
        .add(tf.depthwiseConv2d(a as tf.Tensor4D, d as tf.Tensor4D, 1, 'valid').sum())
        .add(tf.gather(a, [0, 0, 2]).sum())
        .add(tf.matMul(a.reshape([27, 32]), a.reshape([27, 32]), true).sum()),
    )([x, filter, dwFilter]);
    tf.dispose(grads);
    expect(backend.numDataIds()).toBe(ids);
    tf.dispose([x, filter, dwFilter]);
  });
});

describe('training on wasm', () => {
  it('a conv autoencoder trained with Adam lowers its loss on a fixed batch', async () => {
    await tf.setBackend('wasm');
    const rng = createRng(7);
    const w1 = tf.variable(tf.tensor4d(randomData([[4, 4, 3, 8]], 11)[0]!.map((v) => v * 0.2), [4, 4, 3, 8]));
    const w2 = tf.variable(tf.tensor4d(randomData([[4, 4, 3, 8]], 12)[0]!.map((v) => v * 0.2), [4, 4, 3, 8]));
    const x = tf.tensor4d(
      Float32Array.from({ length: 4 * 16 * 16 * 3 }, (_, i) => 0.5 + 0.4 * Math.sin(i * 0.37) * rng()),
      [4, 16, 16, 3],
    );
    const opt = tf.train.adam(0.02);
    const losses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const loss = opt.minimize(() => {
        const code = tf.leakyRelu(tf.conv2d(x, w1, 2, 'same'), 0.2);
        const recon = tf.sigmoid(tf.conv2dTranspose(code, w2, [4, 16, 16, 3], 2, 'same'));
        return tf.losses.meanSquaredError(x, recon);
      }, true)!;
      losses.push(loss.dataSync()[0]!);
      loss.dispose();
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[11]!).toBeLessThan(losses[0]! * 0.7);
    opt.dispose();
    tf.dispose([w1, w2, x]);
  });
});
