import * as tf from '@tensorflow/tfjs';
import type {
  BatchMatMulAttrs,
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropInputAttrs,
  DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  ResizeBilinearGradAttrs,
  TensorInfo,
  UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Gradient kernels for the tfjs wasm backend, so that conv nets can train on it.
 *
 * tfjs-backend-wasm 4.22 ships the forward kernels (Conv2D through XNNPACK, fast) but lacks
 * Conv2DBackpropFilter, DepthwiseConv2dNativeBackprop{Filter,Input} and UnsortedSegmentSum, and its
 * Conv2DBackpropInput (a plain C loop) and transposed BatchMatMul run 5-20x slower than the
 * XNNPACK paths. Everything here is rebuilt from wasm's own fast kernels:
 *
 * - Conv2DBackpropFilter: im2col written transposed in JS on the wasm heap, then one plain
 *   BatchMatMul [KH*KW*Cin, N] x [N, Cout].
 * - Conv2DBackpropInput (replaces the native one): stride 1 is a Conv2D with the flipped filter;
 *   other strides are one BatchMatMul dy x filter^T followed by a JS col2im.
 * - BatchMatMul with transposeA/B (wraps the native one): explicit Transpose, then the fast path.
 * - Depthwise backprops and UnsortedSegmentSum: direct JS loops over heap views (their work is
 *   memory-bound, a matmul formulation would not be faster).
 * - ResizeBilinearGrad with halfPixelCenters (wraps the native one, which ignores the flag): JS.
 */

type Shape4 = [number, number, number, number];

/** Caps a JS-built im2col matrix (floats); larger problems run in batch chunks. */
const MAX_COLS_FLOATS = 1 << 23;

/** Marks our kernelFuncs, so that a second call (or a second copy of this module) wraps nothing twice. */
const OURS = Symbol.for('reconlab.wasmTrainingKernel');

function isOurs(config: KernelConfig | undefined): boolean {
  return config !== undefined && OURS in config.kernelFunc;
}

function asWasm(backend: object): BackendWasm {
  return backend as BackendWasm;
}

function run(
  name: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasmTraining: wasm kernel ${name} is missing`);
  const out = kernel.kernelFunc({ inputs, backend, attrs });
  return Array.isArray(out) ? out[0]! : out;
}

function reshape(backend: BackendWasm, x: TensorInfo, shape: number[]): TensorInfo {
  return run('Reshape', backend, { x }, { shape });
}

function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return run('Transpose', backend, { x }, { perm });
}

/** Plain a[M,K] x b[K,N] on XNNPACK; the caller disposes the result. */
function matMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return run('BatchMatMul', backend, { a, b }, { transposeA: false, transposeB: false });
}

function free(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Heap view of a float32 tensor. Take it after the last allocation: growing the heap detaches it. */
function f32(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

function convInfo(
  xShape: Shape4,
  filterShape: Shape4,
  strides: [number, number] | number,
  dilations: [number, number] | number,
  pad: Conv2DBackpropFilterAttrs['pad'],
  dimRoundingMode: Conv2DBackpropFilterAttrs['dimRoundingMode'],
  depthwise: boolean,
  dataFormat: 'NHWC' | 'NCHW' = 'NHWC',
): tf.backend_util.Conv2DInfo {
  if (dataFormat !== 'NHWC') throw new Error('wasmTraining: only NHWC convolutions are supported');
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    depthwise,
    'channelsLast',
  );
}

/** Batches per chunk so that a [rowsPerImage * batches, width] matrix stays under the cap. */
function batchChunk(batch: number, rowsPerImage: number, width: number): number {
  return Math.max(1, Math.min(batch, Math.floor(MAX_COLS_FLOATS / Math.max(1, rowsPerImage * width))));
}

/**
 * Transposed im2col: cols[(kh, kw, c), (b, oh, ow)] = x[b, oh*s + kh*d - pt, ow*s + kw*d - pl, c],
 * zero outside the image, for batches [b0, b0 + nb).
 */
function im2colTransposed(x: Float32Array, cols: Float32Array, ci: tf.backend_util.Conv2DInfo, b0: number, nb: number) {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = ci;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = ci;
  const { top, left } = ci.padInfo;
  const step = sw * C;
  let o = 0;
  // Rows are short (OW floats); plain loops, since a fill() call per row costs more than the copy.
  for (let kh = 0; kh < ci.filterHeight; kh++) {
    for (let kw = 0; kw < ci.filterWidth; kw++) {
      const iw0 = kw * dw - left;
      // Range of ow whose input column lies inside the image.
      const owLo = Math.min(OW, Math.max(0, Math.ceil(-iw0 / sw)));
      const owHi = Math.max(owLo, Math.min(OW, Math.floor((W - 1 - iw0) / sw) + 1));
      for (let c = 0; c < C; c++) {
        for (let b = b0; b < b0 + nb; b++) {
          for (let oh = 0; oh < OH; oh++, o += OW) {
            const ih = oh * sh + kh * dh - top;
            if (ih < 0 || ih >= H) {
              for (let ow = 0; ow < OW; ow++) cols[o + ow] = 0;
              continue;
            }
            const base = ((b * H + ih) * W + iw0) * C + c;
            for (let ow = 0; ow < owLo; ow++) cols[o + ow] = 0;
            for (let ow = owLo; ow < owHi; ow++) cols[o + ow] = x[base + ow * step]!;
            for (let ow = owHi; ow < OW; ow++) cols[o + ow] = 0;
          }
        }
      }
    }
  }
}

/** Rows [b0, b0 + nb) of a [B, ...] tensor as a [nb * rest, cols] matrix; dispose the result. */
function batchRows(backend: BackendWasm, t: TensorInfo, b0: number, nb: number, cols: number): TensorInfo {
  const [B, ...rest] = t.shape;
  const rows = (nb * tf.util.sizeFromShape(rest)) / cols;
  if (b0 === 0 && nb === B) return reshape(backend, t, [rows, cols]);
  const part = run('Slice', backend, { x: t }, { begin: t.shape.map((_, i) => (i === 0 ? b0 : 0)), size: [nb, ...rest] });
  const out = reshape(backend, part, [rows, cols]);
  free(backend, part);
  return out;
}

const conv2DBackpropFilter: KernelFunc = ({ inputs, backend: be, attrs }) => {
  const backend = asWasm(be);
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const ci = convInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, dataFormat);
  const B = ci.batchSize;
  const K = ci.filterHeight * ci.filterWidth * ci.inChannels;
  const perImage = ci.outHeight * ci.outWidth;
  const chunk = batchChunk(B, perImage, K);
  let acc: TensorInfo | null = null;
  for (let b0 = 0; b0 < B; b0 += chunk) {
    const nb = Math.min(chunk, B - b0);
    const dyPart = batchRows(backend, dy, b0, nb, ci.outChannels);
    const cols = backend.makeOutput([K, nb * perImage], 'float32');
    im2colTransposed(f32(backend, x), f32(backend, cols), ci, b0, nb);
    const part = matMul(backend, cols, dyPart);
    free(backend, cols, dyPart);
    if (acc === null) acc = part;
    else {
      const sum = run('Add', backend, { a: acc, b: part });
      free(backend, acc, part);
      acc = sum;
    }
  }
  const out = reshape(backend, acc!, filterShape);
  free(backend, acc!);
  return out;
};

/** Scatter-adds cols[(b, oh, ow), (kh, kw, c)] into dx, the adjoint of im2col, for batches [b0, b0 + nb). */
function col2imAdd(cols: Float32Array, dx: Float32Array, ci: tf.backend_util.Conv2DInfo, b0: number, nb: number) {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = ci;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = ci;
  const { top, left } = ci.padInfo;
  const K = KH * KW * C;
  let src = 0;
  for (let b = b0; b < b0 + nb; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, src += K) {
        // The taps kw of one filter row land on consecutive input columns, and (kw, c) is
        // contiguous on both sides: one run of up to KW * C floats per kh.
        const iw0 = ow * sw - left;
        const kwLo = Math.max(0, -iw0);
        const kwHi = Math.min(KW, W - iw0);
        if (kwHi <= kwLo) continue;
        const len = (kwHi - kwLo) * C;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh + kh - top;
          if (ih < 0 || ih >= H) continue;
          const s = src + (kh * KW + kwLo) * C;
          const d = ((b * H + ih) * W + iw0 + kwLo) * C;
          for (let j = 0; j < len; j++) dx[d + j]! += cols[s + j]!;
        }
      }
    }
  }
}

/**
 * dx of a convolution. Stride 1 is itself a convolution (flipped filter, complementary padding),
 * which XNNPACK runs directly; other strides go through cols = dy x filter^T and col2im.
 */
const conv2DBackpropInput: KernelFunc = ({ inputs, backend: be, attrs }) => {
  const backend = asWasm(be);
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
  const ci = convInfo(inputShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode, false, dataFormat);
  const { filterHeight: KH, filterWidth: KW, padInfo: p } = ci;
  const flipPad = [KH - 1 - p.top, KH - 1 - p.bottom, KW - 1 - p.left, KW - 1 - p.right];
  if (ci.strideHeight === 1 && ci.strideWidth === 1 && flipPad.every((v) => v >= 0)) {
    const flipped = run('Reverse', backend, { x: filter }, { dims: [0, 1] });
    const w = transpose(backend, flipped, [0, 1, 3, 2]);
    const out = run('Conv2D', backend, { x: dy, filter: w }, {
      strides: [1, 1],
      dilations: [1, 1],
      dataFormat: 'NHWC',
      pad: [[0, 0], [flipPad[0]!, flipPad[1]!], [flipPad[2]!, flipPad[3]!], [0, 0]],
    });
    free(backend, flipped, w);
    return out;
  }
  const B = ci.batchSize;
  const K = KH * KW * ci.inChannels;
  const perImage = ci.outHeight * ci.outWidth;
  const w2 = reshape(backend, filter, [K, ci.outChannels]);
  const wT = transpose(backend, w2, [1, 0]);
  const dx = backend.makeOutput(ci.inShape, 'float32');
  f32(backend, dx).fill(0);
  const chunk = batchChunk(B, perImage, K);
  for (let b0 = 0; b0 < B; b0 += chunk) {
    const nb = Math.min(chunk, B - b0);
    const dyPart = batchRows(backend, dy, b0, nb, ci.outChannels);
    const cols = matMul(backend, dyPart, wT);
    col2imAdd(f32(backend, cols), f32(backend, dx), ci, b0, nb);
    free(backend, cols, dyPart);
  }
  free(backend, w2, wT);
  return dx;
};

/** BatchMatMul with transposeA/B: the native kernel is 10-30x slower there than a Transpose first. */
function transposingBatchMatMul(native: KernelFunc): KernelFunc {
  return (args) => {
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    if (!transposeA && !transposeB) return native(args);
    const backend = asWasm(args.backend);
    const swapLast = (t: TensorInfo) => {
      const perm = t.shape.map((_, i) => i);
      const r = perm.length;
      [perm[r - 2], perm[r - 1]] = [perm[r - 1]!, perm[r - 2]!];
      return transpose(backend, t, perm);
    };
    const a = transposeA ? swapLast(args.inputs.a!) : args.inputs.a!;
    const b = transposeB ? swapLast(args.inputs.b!) : args.inputs.b!;
    const out = native({ inputs: { a, b }, backend, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    if (transposeA) free(backend, a);
    if (transposeB) free(backend, b);
    return out;
  };
}

/** Calls visit(xIndex, dyIndex, filterIndex) for every (b, oh, ow, kh, kw) tap inside the image. */
function forEachDepthwiseTap(ci: tf.backend_util.Conv2DInfo, visit: (xi: number, dyi: number, wi: number) => void) {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = ci;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = ci;
  const { dilationHeight: dh, dilationWidth: dw } = ci;
  const { top, left } = ci.padInfo;
  const CM = ci.outChannels;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const dyi = ((b * OH + oh) * OW + ow) * CM;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh + kh * dh - top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw + kw * dw - left;
            if (iw < 0 || iw >= W) continue;
            visit(((b * H + ih) * W + iw) * C, dyi, (kh * KW + kw) * CM);
          }
        }
      }
    }
  }
}

/** JS fallback: depthwise work is memory-bound and small next to the dense convs around it. */
const depthwiseBackpropFilter: KernelFunc = ({ inputs, backend: be, attrs }) => {
  const backend = asWasm(be);
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const ci = convInfo(x.shape as Shape4, a.filterShape, a.strides, a.dilations, a.pad, a.dimRoundingMode, true);
  const C = ci.inChannels;
  const M = ci.outChannels / C;
  const acc = new Float64Array(tf.util.sizeFromShape(a.filterShape));
  const xv = f32(backend, x);
  const dyv = f32(backend, dy);
  forEachDepthwiseTap(ci, (xi, dyi, wi) => {
    for (let c = 0; c < C; c++) {
      const v = xv[xi + c]!;
      for (let m = 0; m < M; m++) acc[wi + c * M + m]! += v * dyv[dyi + c * M + m]!;
    }
  });
  return backend.makeOutput(a.filterShape, 'float32', undefined, Float32Array.from(acc));
};

const depthwiseBackpropInput: KernelFunc = ({ inputs, backend: be, attrs }) => {
  const backend = asWasm(be);
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const a = attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const ci = convInfo(a.inputShape, filter.shape as Shape4, a.strides, a.dilations, a.pad, a.dimRoundingMode, true);
  const C = ci.inChannels;
  const M = ci.outChannels / C;
  const dx = backend.makeOutput(ci.inShape, 'float32');
  const dxv = f32(backend, dx).fill(0);
  const dyv = f32(backend, dy);
  const wv = f32(backend, filter);
  forEachDepthwiseTap(ci, (xi, dyi, wi) => {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let m = 0; m < M; m++) s += dyv[dyi + c * M + m]! * wv[wi + c * M + m]!;
      dxv[xi + c]! += s;
    }
  });
  return dx;
};

/** JS fallback (gather's gradient): a scatter-add, memory-bound by nature. */
const unsortedSegmentSum: KernelFunc = ({ inputs, backend: be, attrs }) => {
  const backend = asWasm(be);
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
  const segments = tf.util.sizeFromShape(segmentIds.shape);
  const inner = segments === 0 ? 0 : tf.util.sizeFromShape(x.shape) / segments;
  const out = backend.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
  const ov = backend.typedArrayFromHeap(out).fill(0);
  const xv = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  for (let i = 0; i < segments; i++) {
    const s = ids[i]!;
    if (s < 0 || s >= numSegments) continue;
    for (let j = 0; j < inner; j++) ov[s * inner + j]! += xv[i * inner + j]!;
  }
  return out;
};

/** Source row/col of output i and its lerp weight, exactly as the forward resize computes them. */
function halfPixelTaps(outSize: number, inSize: number, alignCorners: boolean) {
  const ratio =
    alignCorners && outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize;
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const frac = new Float64Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const src = ratio * (i + 0.5) - 0.5;
    lo[i] = Math.max(0, Math.floor(src));
    hi[i] = Math.min(inSize - 1, Math.ceil(src));
    frac[i] = src - lo[i]!;
  }
  return { lo, hi, frac };
}

/**
 * ResizeBilinearGrad that honours halfPixelCenters, which every tfjs 4.22 backend ignores in the
 * gradient (the MSGMS loss upsamples with it). JS adjoint of the forward; other cases go native.
 */
function halfPixelResizeBilinearGrad(native: KernelFunc): KernelFunc {
  return (args) => {
    const { alignCorners, halfPixelCenters } = args.attrs as unknown as ResizeBilinearGradAttrs;
    if (!halfPixelCenters) return native(args);
    const backend = asWasm(args.backend);
    const { images, dy } = args.inputs as { images: TensorInfo; dy: TensorInfo };
    const [B, H, W, C] = images.shape as Shape4;
    const [, OH, OW] = dy.shape as Shape4;
    const rows = halfPixelTaps(OH, H, alignCorners);
    const cols = halfPixelTaps(OW, W, alignCorners);
    const dx = backend.makeOutput([B, H, W, C], 'float32');
    const dxv = f32(backend, dx).fill(0);
    const dyv = f32(backend, dy);
    let o = 0;
    for (let b = 0; b < B; b++) {
      for (let r = 0; r < OH; r++) {
        const top = (b * H + rows.lo[r]!) * W;
        const bottom = (b * H + rows.hi[r]!) * W;
        const fr = rows.frac[r]!;
        for (let c = 0; c < OW; c++) {
          const fc = cols.frac[c]!;
          const tl = (top + cols.lo[c]!) * C;
          const tr = (top + cols.hi[c]!) * C;
          const bl = (bottom + cols.lo[c]!) * C;
          const br = (bottom + cols.hi[c]!) * C;
          const wtl = (1 - fr) * (1 - fc);
          const wtr = (1 - fr) * fc;
          const wbl = fr * (1 - fc);
          const wbr = fr * fc;
          for (let d = 0; d < C; d++, o++) {
            const g = dyv[o]!;
            dxv[tl + d]! += g * wtl;
            dxv[tr + d]! += g * wtr;
            dxv[bl + d]! += g * wbl;
            dxv[br + d]! += g * wbr;
          }
        }
      }
    }
    return dx;
  };
}

function register(kernelName: string, kernelFunc: KernelFunc, base?: KernelConfig): void {
  Object.defineProperty(kernelFunc, OURS, { value: true });
  tf.registerKernel({ ...base, kernelName, backendName: 'wasm', kernelFunc });
}

/** Puts wrap(native) in place of the native wasm kernel, keeping its setupFunc (it binds the export). */
function wrapNative(kernelName: string, wrap: (native: KernelFunc) => KernelFunc): void {
  const native = tf.getKernel(kernelName, 'wasm');
  if (!native || isOurs(native)) return;
  tf.unregisterKernel(kernelName, 'wasm');
  register(kernelName, wrap(native.kernelFunc), native);
}

/** Kernels that tfjs-backend-wasm 4.22 lacks; registered only where wasm still has none. */
const MISSING: [string, KernelFunc][] = [
  ['Conv2DBackpropFilter', conv2DBackpropFilter],
  ['DepthwiseConv2dNativeBackpropFilter', depthwiseBackpropFilter],
  ['DepthwiseConv2dNativeBackpropInput', depthwiseBackpropInput],
  ['UnsortedSegmentSum', unsortedSegmentSum],
];

/**
 * Registers the training kernels for the 'wasm' backend. Call after importing
 * '@tensorflow/tfjs-backend-wasm' (its import registers the native kernels, which would otherwise
 * overwrite the replacements); before or after setBackend('wasm'). Safe to call again.
 */
export function registerWasmTrainingKernels(): void {
  for (const [name, fn] of MISSING) {
    if (!tf.getKernel(name, 'wasm')) register(name, fn);
  }
  wrapNative('Conv2DBackpropInput', () => conv2DBackpropInput);
  wrapNative('BatchMatMul', transposingBatchMatMul);
  wrapNative('ResizeBilinearGrad', halfPixelResizeBilinearGrad);
}
