import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { createRng, deriveSeed, shuffleInPlace } from '../rng';
import type { MethodConfig, MethodRun, MethodSpec } from '../methods/types';
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
  readonly lossHistory: { steps: number[]; terms: Record<string, number[]> } = { steps: [], terms: {} };
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
      while (this.step < this.totalSteps) {
        if (this.state === 'paused') {
          this.elapsedMs += performance.now() - lastTick;
          await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
          this.resumeWaiter = null;
          lastTick = performance.now();
        }
        if (this.state === 'stopped') break;
        const within = this.step % this.stepsPerEpoch;
        if (within === 0) shuffleInPlace(this.order, this.rng);
        const ids = this.order.slice(within * batch, within * batch + batch);
        const records = ids.map((i) => this.dataset.train[i]!);
        const x = batchTensor(records, this.dataset.size, this.dataset.channels);
        pending.push(this.run.trainStep(x, records));
        x.dispose();
        this.step++;
        pendingSteps.push(this.step);
        if (pending.length >= this.train.lossEvery || this.step === this.totalSteps) {
          await this.flushLosses(pending, pendingSteps);
        }
        const now = performance.now();
        this.elapsedMs += now - lastTick;
        lastTick = now;
        this.emitProgress();
        if (this.train.maxSeconds !== undefined && this.elapsedMs >= this.train.maxSeconds * 1000) break;
        await yieldToEventLoop();
      }
      if (pending.length) await this.flushLosses(pending, pendingSteps);
    } catch (err) {
      tf.dispose(pending.flatMap((p) => Object.values(p)));
      this.setState('error', err instanceof Error ? err.message : String(err));
      return this.state;
    }
    if (this.state !== 'stopped') this.setState('done');
    return this.state;
  }

  private emitProgress(): void {
    const perStep = this.elapsedMs / Math.max(1, this.step);
    this.emit({
      type: 'progress',
      step: this.step,
      totalSteps: this.totalSteps,
      epoch: Math.ceil(this.step / this.stepsPerEpoch),
      epochs: Math.ceil(this.totalSteps / this.stepsPerEpoch),
      elapsedMs: this.elapsedMs,
      etaMs: perStep * (this.totalSteps - this.step),
    });
  }

  /** One readback for several steps' losses. */
  private async flushLosses(pending: Record<string, tf.Scalar>[], steps: number[]): Promise<void> {
    const names = Object.keys(pending[0]!);
    const stacked = tf.tidy(() => tf.stack(pending.flatMap((p) => names.map((n) => p[n]!))));
    tf.dispose(pending.flatMap((p) => Object.values(p)));
    const values = await stacked.data();
    stacked.dispose();
    const event: LossEvent = { type: 'losses', steps: [...steps], terms: {} };
    names.forEach((name, j) => {
      const series = steps.map((_, i) => values[i * names.length + j]!);
      const bad = series.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new NonFiniteLossError(steps[bad]!, name);
      event.terms[name] = series;
      (this.lossHistory.terms[name] ??= []).push(...series);
    });
    this.lossHistory.steps.push(...steps);
    pending.length = 0;
    steps.length = 0;
    this.emit(event);
  }

  dispose(): void {
    this.run.dispose();
  }
}
