import * as tf from '@tensorflow/tfjs';
import type { Dataset, ImageRecord } from '../data/types';
import { createRng, deriveSeed, shuffleInPlace } from '../rng';
import type { MethodConfig, MethodRun, MethodSpec } from '../methods/types';
import { firstNonFinite, loadHostWeights, readHostWeights, type HostWeights } from '../runs/weights';
import { batchTensor } from './batch';

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  seed: number;
  /** Losses are read back from the device once every `lossEvery` steps (each readback stalls it). */
  lossEvery: number;
  /** Stop after this many steps even if epochs remain (budgeted runs, tests). */
  maxSteps?: number;
  /** Stop once training has taken this many seconds (pauses excluded): a time budget. */
  maxSeconds?: number;
}

export const TRAIN_DEFAULTS: TrainConfig = { epochs: 20, batchSize: 16, seed: 1, lossEvery: 5 };

export type RunState = 'idle' | 'training' | 'paused' | 'stopped' | 'done' | 'error';

export interface ProgressEvent {
  type: 'progress';
  step: number;
  totalSteps: number;
  epoch: number;
  epochs: number;
  elapsedMs: number;
  etaMs: number;
  /** Live tensors and their bytes on the backend (tf.memory()): flat over a healthy run. */
  tensors: number;
  tensorBytes: number;
}
export interface LossEvent {
  type: 'losses';
  steps: number[];
  terms: Record<string, number[]>;
}
export interface StateEvent {
  type: 'state';
  state: RunState;
  message?: string;
}
export type TrainEvent = ProgressEvent | LossEvent | StateEvent;

export class NonFiniteLossError extends Error {
  constructor(step: number, term: string) {
    super(`loss "${term}" became non-finite at step ${step}: lower the learning rate and train again`);
  }
}

export class NonFiniteWeightsError extends NonFiniteLossError {
  constructor(step: number, weight: string) {
    super(step, 'total');
    this.message = `weight "${weight}" became non-finite at step ${step}: lower the learning rate and train again`;
  }
}

export interface LossHistory {
  steps: number[];
  terms: Record<string, number[]>;
}

/**
 * The state a run can continue from: host copies of its weights after `step` steps. Optimiser
 * moments are not part of it (a resumed Adam restarts its moment estimates).
 */
export interface Checkpoint {
  step: number;
  /** 'epoch': at the end of an epoch; 'pause': when the user paused. */
  reason: 'epoch' | 'pause';
  elapsedMs: number;
  weights: HostWeights;
  lossHistory: LossHistory;
}

export interface TrainerOptions {
  /**
   * Called with each checkpoint (every epoch end, and on pause), after its losses were read back and
   * its weights checked finite. Training waits for it; a failure in it does not stop training.
   */
  onCheckpoint?(checkpoint: Checkpoint): void | Promise<void>;
}

/** Where training starts again: a checkpoint (or what a saved one holds). */
export type ResumePoint = Pick<Checkpoint, 'step' | 'elapsedMs' | 'weights' | 'lossHistory'>;

const copyHistory = (h: LossHistory): LossHistory => ({
  steps: [...h.steps],
  terms: Object.fromEntries(Object.entries(h.terms).map(([k, v]) => [k, [...v]])),
});

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs a method's training loop: seeded shuffling, batches, pause/resume/stop, batched loss
 * readbacks. It owns the MethodRun; `evaluate` (see evaluate.ts) scores the test set with it.
 */
export class Trainer {
  readonly run: MethodRun;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  step = 0;
  elapsedMs = 0;
  lossHistory: LossHistory = { steps: [], terms: {} };
  /** Set when a non-finite loss rolled the weights back: the step of the checkpoint restored. */
  rolledBackTo: number | null = null;
  private lastGood: ResumePoint | null = null;
  private prepared = false;
  private abortWith: Error | null = null;
  private state: RunState = 'idle';
  private resumeWaiter: (() => void) | null = null;
  private readonly order: number[];
  private readonly rng;

  constructor(
    readonly method: MethodSpec,
    readonly config: MethodConfig,
    readonly dataset: Dataset,
    readonly train: TrainConfig,
    private readonly emit: (e: TrainEvent) => void = () => {},
    private readonly options: TrainerOptions = {},
  ) {
    if (dataset.train.length === 0) throw new Error('the data set has no training images');
    const batch = Math.min(train.batchSize, dataset.train.length);
    this.stepsPerEpoch = Math.max(1, Math.floor(dataset.train.length / batch));
    const full = this.stepsPerEpoch * train.epochs;
    this.totalSteps = train.maxSteps ? Math.min(full, train.maxSteps) : full;
    this.rng = createRng(deriveSeed(train.seed, 'shuffle'));
    this.order = dataset.train.map((_, i) => i);
    this.run = method.create(config, [dataset.size, dataset.size, dataset.channels], train.seed);
  }

  get currentState(): RunState {
    return this.state;
  }

  /** The last weights known to be finite (a checkpoint, or the start), kept on the host. */
  get lastCheckpoint(): ResumePoint | null {
    return this.lastGood;
  }

  /**
   * Continues from a checkpoint: its weights, step, time and loss history, and the shuffle order
   * its step had (the seeded shuffles are replayed). Call before fit().
   */
  restore(point: ResumePoint): void {
    if (this.state !== 'idle') throw new Error('restore a checkpoint before training starts');
    if (!Number.isInteger(point.step) || point.step < 0 || point.step > this.totalSteps) {
      throw new Error(`checkpoint step ${point.step} is outside this run's 0..${this.totalSteps} steps`);
    }
    loadHostWeights(this.run, point.weights);
    this.step = point.step;
    this.elapsedMs = point.elapsedMs;
    this.lossHistory = copyHistory(point.lossHistory);
    // Shuffles happen at steps 0, E, 2E, ...: ceil(step / E) of them came before this step.
    for (let i = 0; i < Math.ceil(point.step / this.stepsPerEpoch); i++) shuffleInPlace(this.order, this.rng);
    this.lastGood = { ...point, lossHistory: copyHistory(point.lossHistory) };
    if (this.lossHistory.steps.length) this.emit({ type: 'losses', ...copyHistory(this.lossHistory) });
  }

  /** Ends training at the next step boundary with `error` (a lost device, a GPU out of memory). */
  abort(error: Error): void {
    if (this.state !== 'training' && this.state !== 'paused') return;
    this.abortWith = error;
    this.resumeWaiter?.();
  }

  pause(): void {
    if (this.state === 'training') this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.setState('training');
    this.resumeWaiter?.();
  }

  stop(): void {
    if (this.state === 'training' || this.state === 'paused') {
      this.setState('stopped');
      this.resumeWaiter?.();
    }
  }

  private setState(state: RunState, message?: string): void {
    this.state = state;
    this.emit({ type: 'state', state, ...(message ? { message } : {}) });
  }

  /** Trains until the step budget is spent or stop() is called. Resolves with the final state. */
  async fit(): Promise<RunState> {
    this.setState('training');
    const batch = Math.min(this.train.batchSize, this.dataset.train.length);
    const pending: Record<string, tf.Scalar>[] = [];
    const pendingSteps: number[] = [];
    let lastTick = performance.now();
    try {
      if (!this.prepared) this.run.prepare?.(this.dataset);
      this.prepared = true;
      // The rollback target until the first checkpoint: the weights training starts from.
      if (!this.lastGood) {
        const weights = await readHostWeights(this.run);
        if (!firstNonFinite(weights)) this.lastGood = { step: this.step, elapsedMs: this.elapsedMs, weights, lossHistory: copyHistory(this.lossHistory) };
      }
      while (this.step < this.totalSteps) {
        if (this.state === 'paused') {
          this.elapsedMs += performance.now() - lastTick;
          await this.flushLosses(pending, pendingSteps);
          await this.checkpoint('pause');
          if (this.state === 'paused' && !this.abortWith) await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
          this.resumeWaiter = null;
          lastTick = performance.now();
        }
        if (this.abortWith) throw this.abortWith;
        if (this.state === 'stopped') break;
        const records = this.nextBatch(batch);
        const x = batchTensor(records, this.dataset.size, this.dataset.channels);
        pending.push(this.run.trainStep(x, records));
        x.dispose();
        this.step++;
        pendingSteps.push(this.step);
        const epochEnd = this.step % this.stepsPerEpoch === 0;
        if (pending.length >= this.train.lossEvery || this.step === this.totalSteps || epochEnd) {
          await this.flushLosses(pending, pendingSteps);
        }
        if (epochEnd && this.step < this.totalSteps) await this.checkpoint('epoch');
        const now = performance.now();
        this.elapsedMs += now - lastTick;
        lastTick = now;
        this.emitProgress();
        if (this.train.maxSeconds !== undefined && this.elapsedMs >= this.train.maxSeconds * 1000) break;
        await yieldToEventLoop();
      }
      await this.flushLosses(pending, pendingSteps);
      if (this.abortWith) throw this.abortWith;
      // The weights handed on (to scoring, to a saved run) must be finite too.
      const bad = firstNonFinite(await readHostWeights(this.run));
      if (bad) throw new NonFiniteWeightsError(this.step, bad);
    } catch (err) {
      tf.dispose(pending.flatMap((p) => Object.values(p)));
      let message = err instanceof Error ? err.message : String(err);
      if (err instanceof NonFiniteLossError) message += this.rollBack();
      this.setState('error', message);
      return this.state;
    }
    if (this.state !== 'stopped') this.setState('done');
    return this.state;
  }

  /** The records of the next step's batch in the seeded order (reshuffled at each epoch start). */
  private nextBatch(batch: number): ImageRecord[] {
    const within = this.step % this.stepsPerEpoch;
    if (within === 0) shuffleInPlace(this.order, this.rng);
    return this.order.slice(within * batch, within * batch + batch).map((i) => this.dataset.train[i]!);
  }

  /**
   * Exactly one training step outside fit(), for the step-by-step view: the same batch order and
   * step counter as fit() would use, its losses read back at once (and emitted like fit's). Only
   * while the run is not training; returns the batch's records and the step's loss terms.
   */
  async stepOnce(): Promise<{ records: ImageRecord[]; losses: Record<string, number> }> {
    if (this.state === 'training' || this.state === 'paused') throw new Error('the run is training: pause or stop it first');
    if (this.step >= this.totalSteps) throw new Error(`all ${this.totalSteps} steps are done`);
    const start = performance.now();
    if (!this.prepared) this.run.prepare?.(this.dataset);
    this.prepared = true;
    const records = this.nextBatch(Math.min(this.train.batchSize, this.dataset.train.length));
    const x = batchTensor(records, this.dataset.size, this.dataset.channels);
    const pending = [this.run.trainStep(x, records)];
    x.dispose();
    this.step++;
    await this.flushLosses(pending, [this.step]);
    this.elapsedMs += performance.now() - start;
    this.emitProgress();
    const losses = Object.fromEntries(Object.entries(this.lossHistory.terms).map(([k, v]) => [k, v[v.length - 1]!]));
    return { records, losses };
  }

  /** Restores the last finite weights; returns what to add to the error message. */
  private rollBack(): string {
    const good = this.lastGood;
    if (!good) return '';
    try {
      loadHostWeights(this.run, good.weights);
    } catch (err) {
      return ` (rolling back failed: ${err instanceof Error ? err.message : String(err)})`;
    }
    this.rolledBackTo = good.step;
    this.lossHistory = copyHistory(good.lossHistory);
    return `. Rolled back to the last finite checkpoint (step ${good.step}); its results are shown.`;
  }

  /** Reads the weights back, checks them and hands them to the checkpoint hook. */
  private async checkpoint(reason: Checkpoint['reason']): Promise<void> {
    const weights = await readHostWeights(this.run);
    const bad = firstNonFinite(weights);
    if (bad) throw new NonFiniteWeightsError(this.step, bad);
    const cp: Checkpoint = { step: this.step, reason, elapsedMs: this.elapsedMs, weights, lossHistory: copyHistory(this.lossHistory) };
    this.lastGood = cp;
    try {
      await this.options.onCheckpoint?.(cp);
    } catch {
      // A checkpoint that could not be stored (full quota, closed database) costs resumability, not the run.
    }
  }

  private emitProgress(): void {
    const perStep = this.elapsedMs / Math.max(1, this.step);
    const memory = tf.memory();
    this.emit({
      type: 'progress',
      step: this.step,
      totalSteps: this.totalSteps,
      epoch: Math.ceil(this.step / this.stepsPerEpoch),
      epochs: Math.ceil(this.totalSteps / this.stepsPerEpoch),
      elapsedMs: this.elapsedMs,
      etaMs: perStep * (this.totalSteps - this.step),
      tensors: memory.numTensors,
      tensorBytes: memory.numBytes,
    });
  }

  /** One readback for several steps' losses (nothing to do when none are pending). */
  private async flushLosses(pending: Record<string, tf.Scalar>[], steps: number[]): Promise<void> {
    if (pending.length === 0) return;
    const names = Object.keys(pending[0]!);
    const stacked = tf.tidy(() => tf.stack(pending.flatMap((p) => names.map((n) => p[n]!))));
    tf.dispose(pending.flatMap((p) => Object.values(p)));
    pending.length = 0;
    const values = await stacked.data();
    stacked.dispose();
    const event: LossEvent = { type: 'losses', steps: [...steps], terms: {} };
    // Check every term before keeping any, so the history never holds half a readback.
    names.forEach((name, j) => {
      const series = steps.map((_, i) => values[i * names.length + j]!);
      const bad = series.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new NonFiniteLossError(steps[bad]!, name);
      event.terms[name] = series;
    });
    for (const name of names) (this.lossHistory.terms[name] ??= []).push(...event.terms[name]!);
    this.lossHistory.steps.push(...steps);
    steps.length = 0;
    this.emit(event);
  }

  dispose(): void {
    this.run.dispose();
  }
}
