import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, isBackendName } from '../core/backend/names';
import type { Dataset } from '../core/data/types';
import { getMethod } from '../core/methods/registry';
import { resolveConfig } from '../core/methods/types';
import { readHostWeights, type HostWeights } from '../core/runs/weights';
import { Trainer, type ResumePoint, type RunState, type StateEvent } from '../core/train/engine';
import { evaluateRun, type Evaluation } from '../core/train/evaluate';
import { DeviceLostError, OutOfMemoryError, classifyFault, describeTrainingFailure } from '../core/train/faults';
import { instrumentForDebug } from './debugApi';
import { emit } from './events';
import { deviceLoss, fallBackFrom, onGpuFault, settleDeviceLoss } from './gpuFaults';
import { toRgba } from './pixels';
import type { EvaluationSummary, SampleView, TrainApi, TrainRequest } from './protocol';
import { clearCheckpoint } from './runStore';
import { saveTrainedRun, storeCheckpoint, type TrainSession } from './runSaving';
import { onDatasetChange, requireDataset } from './state';

/** Training and scoring: the worker owns the trainer, its tensors and the last evaluation. */
let trainer: Trainer | null = null;
let evaluation: Evaluation | null = null;
let runCounter = 0;

onDatasetChange(() => {
  evaluation = null;
});

/** The last trainer (its run holds the trained weights), for the method views. */
export function currentTrainer(): Trainer | null {
  return trainer;
}

export function isTraining(): boolean {
  return trainer !== null && (trainer.currentState === 'training' || trainer.currentState === 'paused');
}

export function mapRange(maps: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of maps) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Makes `t` the current run (its results replace the last ones) and scores it on `dataset`. */
export async function scoreAndShow(t: Trainer, dataset: Dataset, batchSize: number): Promise<Evaluation> {
  if (trainer !== t) trainer?.dispose();
  trainer = t;
  evaluation = null;
  emit({ type: 'evaluating' });
  const ev = await evaluateRun(t.run, dataset, batchSize);
  evaluation = ev;
  const [mapMin, mapMax] = mapRange(ev.maps);
  const summary: EvaluationSummary = {
    runId: ++runCounter,
    method: t.method.id,
    metrics: ev.metrics,
    curves: ev.curves,
    metricsMs: ev.metricsMs,
    inferMsPerImage: ev.inferMsPerImage,
    scores: ev.scores.slice(),
    labels: ev.labels,
    mapMin,
    mapMax,
    trainSteps: t.rolledBackTo ?? t.step,
    trainSeconds: t.elapsedMs / 1000,
  };
  emit({ type: 'evaluation', summary });
  return ev;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Trains a session to its end, continuing from `resumeFrom` when given, and survives the faults
 * it can: a lost GPU device moves training to the next backend from the last checkpoint; a
 * non-finite loss stops it with the weights of the last finite checkpoint (the Trainer rolls
 * back), which are still scored and saved. Every run that ends with weights is scored and saved.
 */
export async function runSession(session: TrainSession, resumeFrom?: ResumePoint): Promise<RunState> {
  if (isTraining()) throw new Error('a run is already training');
  trainer?.dispose();
  trainer = null;
  evaluation = null;
  if (!resumeFrom) await clearCheckpoint().catch(() => {});
  const notes: string[] = [];
  if (resumeFrom) notes.push(`resumed from the checkpoint of step ${resumeFrom.step} (Adam moments restarted)`);
  let resume = resumeFrom;
  let t: Trainer;
  let state: RunState;
  let failure: StateEvent | null;
  for (let attempt = 0; ; attempt++) {
    failure = null;
    // The error state is held back until it is clear that training cannot go on elsewhere.
    const current: Trainer = new Trainer(
      session.spec,
      session.config,
      session.dataset,
      session.train,
      // An error is reported once its cause is known (below). 'done' is not told either: the run
      // is done when it has been scored, and until then the page shows it as evaluating.
      (e) => (e.type === 'state' && e.state === 'error' ? (failure = e) : e.type === 'state' && e.state === 'done' ? undefined : emit(e)),
      { onCheckpoint: (cp) => storeCheckpoint(session, current, cp) },
    );
    t = current;
    trainer = t;
    instrumentForDebug(t.run);
    if (resume) t.restore(resume);
    const unsubscribe = onGpuFault((fault) =>
      current.abort(fault.kind === 'device-lost' ? new DeviceLostError(fault.detail) : new OutOfMemoryError(`WebGPU: ${fault.detail}`)),
    );
    try {
      state = await t.fit();
    } finally {
      unsubscribe();
    }
    const why = (failure as StateEvent | null)?.message ?? '';
    const lost = state === 'error' && ((await settleDeviceLoss(1000)) !== null || classifyFault(why) === 'device-lost');
    if (!lost || attempt >= BACKEND_ORDER.length) break;
    const from = tf.getBackend();
    resume = t.lastCheckpoint ?? undefined;
    try {
      t.dispose();
    } catch {
      // its tensors lived on the lost device
    }
    trainer = null;
    try {
      const info = await fallBackFrom(isBackendName(from) ? from : 'webgpu');
      emit({ type: 'backend', info });
      const where = resume ? `from the checkpoint of step ${resume.step}` : 'from the start (no checkpoint yet)';
      emit({ type: 'notice', level: 'warning', text: `The GPU device was lost (${deviceLoss() ?? why}). Training goes on with the ${info.name} backend ${where}.` });
      notes.push(`${from} device lost at step ${t.step}; continued on ${info.name} ${where}`);
    } catch (err) {
      emit({ type: 'state', state: 'error', message: `The GPU device was lost and no other backend could start: ${message(err)}` });
      return 'error';
    }
  }
  let stoppedBy: string | null = null;
  if (state === 'error') {
    const d = session.dataset;
    stoppedBy = describeTrainingFailure((failure as StateEvent | null)?.message ?? 'training failed', { backend: tf.getBackend(), batchSize: session.train.batchSize, size: d.size });
    emit({ type: 'state', state: 'error', message: stoppedBy });
    // Without a rollback there are no weights worth keeping; the checkpoint stays for a resume.
    if (t.rolledBackTo === null) return state;
    notes.push(stoppedBy);
  }
  let weights: HostWeights;
  let metrics = null;
  try {
    weights = await readHostWeights(t.run);
  } catch (err) {
    emit({ type: 'state', state: 'error', message: `The trained weights could not be read back: ${message(err)}` });
    return 'error';
  }
  try {
    metrics = (await scoreAndShow(t, session.dataset, session.train.batchSize)).metrics;
  } catch (err) {
    const why = describeTrainingFailure(`scoring failed: ${message(err)}`, { backend: tf.getBackend(), batchSize: session.train.batchSize, size: session.dataset.size });
    emit({ type: 'state', state: 'error', message: `${why} The run is saved without metrics; open it later to score it.` });
    notes.push(why);
  }
  await saveTrainedRun(session, t, weights, metrics, notes);
  // A rolled-back run ends in the error state, with its message, after its results are shown.
  if (stoppedBy) emit({ type: 'state', state: 'error', message: stoppedBy });
  return state;
}

export const trainApi: TrainApi = {
  async train(req: TrainRequest): Promise<RunState> {
    const dataset = requireDataset();
    if (isTraining()) throw new Error('a run is already training');
    const spec = getMethod(req.method);
    const config = resolveConfig(spec, req.config);
    return runSession({ spec, config, train: req.train, dataset, source: req.source ?? { kind: 'none' } });
  },
  pause: () => trainer?.pause(),
  resume: () => trainer?.resume(),
  stop: () => trainer?.stop(),
  async samples(indices) {
    const d = requireDataset();
    const ev = evaluation;
    if (!ev) throw new Error('train a model first');
    const hw = d.size * d.size;
    const views: SampleView[] = indices
      .filter((i) => i >= 0 && i < d.test.length)
      .map((index) => {
        const r = d.test[index]!;
        return {
          index,
          id: r.id,
          name: r.name,
          label: r.label,
          rgba: toRgba(r.pixels, d.channels),
          mask: r.mask ?? null,
          score: ev.scores[index]!,
          recon: toRgba(ev.recons.subarray(index * hw * d.channels, (index + 1) * hw * d.channels), d.channels),
          map: ev.maps.slice(index * hw, (index + 1) * hw),
        };
      });
    return Comlink.transfer(
      views,
      views.flatMap((v) => [v.rgba.buffer as ArrayBuffer, v.recon.buffer as ArrayBuffer, v.map.buffer as ArrayBuffer]),
    );
  },
};
