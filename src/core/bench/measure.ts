import * as tf from '@tensorflow/tfjs';
import { syntheticDataset } from '../data/synthetic';
import type { Dataset, ImageRecord } from '../data/types';
import { getMethod } from '../methods/registry';
import type { MethodRun } from '../methods/types';
import { batchTensor } from '../train/batch';
import { referenceAutoencoder } from './reference';

/**
 * Measurements behind `npm run bench`, the same in Node and in a browser worker: train-step time
 * after warm-up, inference time per image with all of a method's test-time passes, readbacks
 * (device-to-host copies) made by the method itself per step, tensor growth and peak tensor bytes.
 * DOM-free: the caller picks and starts the backend.
 */
export interface BenchCase {
  /** A method id from the registry, or 'reference-ae' (3 conv + 3 transposed conv, Adam). */
  model: string;
  size: number;
  channels: 1 | 3;
  batch: number;
  /** Untimed steps first (at least 1: the last one is profiled). */
  warmup: number;
  steps: number;
  /** Timed inference calls on one batch (after one untimed call). */
  inferRepeats: number;
  /** Images in that batch (default: `batch`); slow software backends take fewer. */
  inferBatch?: number;
}

export interface BenchRow extends BenchCase {
  env: string;
  backend: string;
  adapter: string | null;
  params: number;
  /** The first warm-up step (shader compilation, kernel set-up included); NaN when it was the profiled one. */
  firstStepMs: number;
  stepMsMedian: number;
  stepMsMin: number;
  stepMsMax: number;
  imagesPerSec: number;
  /** Median of `inferRepeats` calls on one batch, divided by the batch size; null when not measured. */
  inferMsPerImage: number | null;
  /** dataSync/data/array calls (backend read/readSync) made by trainStep's code, per step (the engine adds one per N steps). */
  readbacksPerStep: number;
  /** Reads that kernels made of their inputs during a step (see ReadbackCounter). */
  kernelReadsPerStep: number;
  /** Readbacks by one infer call's code (all of its passes). */
  readbacksPerInfer: number | null;
  kernelReadsPerInfer: number | null;
  /** Kernels launched by one training step. */
  kernelsPerStep: number | null;
  /** tf.memory().numTensors after the timed steps minus before them: 0 when a step leaks nothing. */
  tensorGrowth: number;
  /** numTensors after dispose minus before create: 0 when the run frees everything it made. */
  tensorsLeftAfterDispose: number;
  /** Highest tf.memory().numBytes during the last warm-up step, run under tf.profile (weights and optimiser state included). */
  peakBytes: number;
  totalMs: number;
  error?: string;
}

/**
 * Counts the backend's reads (read/readSync: dataSync, data, array, bytes all end there), in two
 * kinds: readbacks asked for by code outside kernels (a method's dataSync: a stall on a GPU), and
 * reads a kernel makes of its own inputs (wasm's Slice copies from the wasm heap; a GPU backend
 * running a small op on the CPU downloads its input first).
 */
export class ReadbackCounter {
  count = 0;
  inKernels = 0;
  active = false;
  private readonly backend: { read: (...a: unknown[]) => unknown; readSync: (...a: unknown[]) => unknown };
  private readonly read;
  private readonly readSync;

  constructor() {
    this.backend = tf.backend() as unknown as ReadbackCounter['backend'];
    this.read = this.backend.read;
    this.readSync = this.backend.readSync;
    const engine = tf.engine() as unknown as { state: { kernelDepth: number } };
    const tally = () => {
      if (!this.active) return;
      if (engine.state.kernelDepth > 0) this.inKernels++;
      else this.count++;
    };
    const { read, readSync } = this;
    // Instance properties shadow the prototype's methods until restore().
    this.backend.read = function (this: unknown, ...a: unknown[]) {
      tally();
      return read.apply(this, a);
    };
    this.backend.readSync = function (this: unknown, ...a: unknown[]) {
      tally();
      return readSync.apply(this, a);
    };
  }

  /** Runs f with counting on; returns its value and the readbacks (outside and inside kernels) it made. */
  measure<T>(f: () => T): { value: T; readbacks: number; kernelReads: number } {
    const [before, beforeK] = [this.count, this.inKernels];
    this.active = true;
    try {
      const value = f();
      return { value, readbacks: this.count - before, kernelReads: this.inKernels - beforeK };
    } finally {
      this.active = false;
    }
  }

  restore(): void {
    delete (this.backend as Partial<ReadbackCounter['backend']>).read;
    delete (this.backend as Partial<ReadbackCounter['backend']>).readSync;
    // Backends whose read is an own property (not on the prototype) get the original back.
    if (typeof this.backend.read !== 'function') this.backend.read = this.read;
    if (typeof this.backend.readSync !== 'function') this.backend.readSync = this.readSync;
  }
}

/** What a benchmarked model must offer: a training step, one inference, a parameter count. */
interface Subject {
  trainStep(x: tf.Tensor4D, records: readonly ImageRecord[]): tf.Tensor[];
  infer(x: tf.Tensor4D, records: readonly ImageRecord[]): tf.Tensor[];
  /** Test-time set-up, untimed (SCADN's per-scale statistics of normal images, MNAD's memory reset). */
  beginTest?(normal: tf.Tensor4D): Promise<void>;
  params: number;
  dispose(): void;
}

function methodSubject(run: MethodRun, dataset: Dataset): Subject {
  run.prepare?.(dataset);
  return {
    trainStep: (x, records) => Object.values(run.trainStep(x, records)),
    infer: (x, records) => {
      const out = run.infer(x, records);
      return [out.recon, out.map, out.score, ...Object.values(out.parts ?? {})];
    },
    beginTest: async (normal) => {
      await run.calibrate?.([normal]);
      run.beginTest?.();
    },
    params: run.paramCount(),
    dispose: () => run.dispose(),
  };
}

function referenceSubject(shape: [number, number, number]): Subject {
  const model = referenceAutoencoder(shape);
  const optimizer = tf.train.adam(1e-3);
  return {
    trainStep: (x) => [
      optimizer.minimize(() => tf.losses.meanSquaredError(x, model.apply(x, { training: true }) as tf.Tensor4D), true)!,
    ],
    infer: (x) => [model.predict(x) as tf.Tensor4D],
    params: model.countParams(),
    dispose: () => {
      model.dispose();
      optimizer.dispose();
    },
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1]! : NaN;
};

/** Waits for the device to finish everything queued before `ts` by reading them (not counted). */
async function settle(ts: tf.Tensor[]): Promise<void> {
  await Promise.all(ts.map((t) => t.data()));
  tf.dispose(ts);
}

/** Benchmarks one model on the current backend. Never throws: a failure is the row's `error`. */
export async function benchCase(c: BenchCase, env: string, adapter: string | null = null): Promise<BenchRow> {
  const started = performance.now();
  const row: BenchRow = {
    ...c,
    env,
    backend: tf.getBackend(),
    adapter,
    params: 0,
    firstStepMs: NaN,
    stepMsMedian: NaN,
    stepMsMin: NaN,
    stepMsMax: NaN,
    imagesPerSec: NaN,
    inferMsPerImage: null,
    readbacksPerStep: NaN,
    kernelReadsPerStep: NaN,
    readbacksPerInfer: null,
    kernelReadsPerInfer: null,
    kernelsPerStep: null,
    tensorGrowth: NaN,
    tensorsLeftAfterDispose: NaN,
    peakBytes: NaN,
    totalMs: 0,
  };
  const tensorsAtStart = tf.memory().numTensors;
  const counter = new ReadbackCounter();
  let subject: Subject | null = null;
  const batches: { x: tf.Tensor4D; records: ImageRecord[] }[] = [];
  try {
    if (c.warmup < 1 || c.steps < 1) throw new Error('a benchmark needs at least one warm-up and one timed step');
    const dataset = syntheticDataset({ size: c.size, channels: c.channels, seed: 7, trainCount: c.batch * 2, testGoodCount: c.batch, testDefectCount: 1 });
    for (let i = 0; i < 2; i++) {
      const records = dataset.train.slice(i * c.batch, (i + 1) * c.batch);
      batches.push({ x: batchTensor(records, c.size, c.channels), records });
    }
    const shape: [number, number, number] = [c.size, c.size, c.channels];
    if (c.model === 'reference-ae') subject = referenceSubject(shape);
    else subject = methodSubject(getMethod(c.model).create({ ...getMethod(c.model).defaults }, shape, 1), dataset);
    row.params = subject.params;
    const s = subject;
    const step = async (i: number) => {
      const b = batches[i % 2]!;
      const t0 = performance.now();
      const { value: losses, readbacks, kernelReads } = counter.measure(() => s.trainStep(b.x, b.records));
      await settle(losses);
      return { ms: performance.now() - t0, readbacks, kernelReads };
    };
    for (let i = 0; i < c.warmup; i++) {
      if (i === c.warmup - 1) {
        // The last warm-up step runs profiled (untimed): the peak of tensor bytes, the kernel count.
        let pending: tf.Tensor[] = [];
        // Profiling would otherwise read every kernel's output back to check it for NaN.
        const check = tf.env().getBool('CHECK_COMPUTATION_FOR_ERRORS');
        tf.env().set('CHECK_COMPUTATION_FOR_ERRORS', false);
        let info: Awaited<ReturnType<typeof tf.profile>>;
        try {
          info = await tf.profile(() => {
            pending = s.trainStep(batches[i % 2]!.x, batches[i % 2]!.records);
          });
        } finally {
          tf.env().set('CHECK_COMPUTATION_FOR_ERRORS', check);
        }
        await settle(pending);
        row.peakBytes = info.peakBytes;
        row.kernelsPerStep = info.kernels.length;
        if (i === 0) row.firstStepMs = NaN;
      } else {
        const { ms } = await step(i);
        if (i === 0) row.firstStepMs = ms;
      }
    }
    const before = tf.memory().numTensors;
    const times: number[] = [];
    let readbacks = 0;
    let kernelReads = 0;
    for (let i = 0; i < c.steps; i++) {
      const r = await step(i);
      times.push(r.ms);
      readbacks += r.readbacks;
      kernelReads += r.kernelReads;
    }
    row.tensorGrowth = tf.memory().numTensors - before;
    row.stepMsMedian = median(times);
    row.stepMsMin = Math.min(...times);
    row.stepMsMax = Math.max(...times);
    row.imagesPerSec = (c.batch * 1000) / row.stepMsMedian;
    row.readbacksPerStep = readbacks / Math.max(1, c.steps);
    row.kernelReadsPerStep = kernelReads / Math.max(1, c.steps);

    if (c.inferRepeats > 0) {
      const test = dataset.test.slice(0, c.inferBatch ?? c.batch);
      const x = batchTensor(test, c.size, c.channels);
      try {
        const run = subject;
        await run.beginTest?.(batches[0]!.x);
        await settle(run.infer(x, test));
        const inferTimes: number[] = [];
        for (let i = 0; i < c.inferRepeats; i++) {
          const t0 = performance.now();
          const { value: outs, readbacks: rb, kernelReads: kr } = counter.measure(() => run.infer(x, test));
          await settle(outs);
          inferTimes.push(performance.now() - t0);
          row.readbacksPerInfer = rb;
          row.kernelReadsPerInfer = kr;
        }
        row.inferMsPerImage = median(inferTimes) / test.length;
      } finally {
        x.dispose();
      }
    }
  } catch (err) {
    row.error = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  } finally {
    counter.restore();
    tf.dispose(batches.map((b) => b.x));
    try {
      subject?.dispose();
    } catch {
      // a failed run may hold half-made variables; what is left shows in tensorsLeftAfterDispose
    }
    row.tensorsLeftAfterDispose = tf.memory().numTensors - tensorsAtStart;
    row.totalMs = performance.now() - started;
  }
  return row;
}
