import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/types';
import type { MethodConfig, MethodSpec } from '../core/methods/types';
import type { RunRecord } from '../core/runs/format';
import { totalBytes, type HostWeights } from '../core/runs/weights';
import type { Checkpoint, TrainConfig, Trainer } from '../core/train/engine';
import type { TestMetrics } from '../core/metrics/summary';
import { emit } from './events';
import type { CheckpointInfo, DatasetSource, SavedRunInfo } from './runsProtocol';
import { clearCheckpoint, newRunId, saveCheckpoint, saveRun, type StoredCheckpoint } from './runStore';

/** What a training session is: the method and settings, its data set and how to make that set again. */
export interface TrainSession {
  spec: MethodSpec;
  config: MethodConfig;
  train: TrainConfig;
  dataset: Dataset;
  source: DatasetSource;
}

export function checkpointInfo(cp: Omit<StoredCheckpoint, 'specs' | 'data' | 'lossHistory' | 'elapsedMs'>): CheckpointInfo {
  const { method, config, train, dataset, source, step, totalSteps, backend, savedAt } = cp;
  return { method, config, train, dataset, source, step, totalSteps, backend, savedAt };
}

/** The Trainer's checkpoint hook: stores the checkpoint and tells the page. */
export async function storeCheckpoint(session: TrainSession, trainer: Trainer, cp: Checkpoint): Promise<void> {
  const { dataset: d } = session;
  const meta = {
    method: session.spec.id,
    config: session.config,
    train: session.train,
    dataset: { id: d.id, name: d.name, size: d.size, channels: d.channels },
    source: session.source,
    totalSteps: trainer.totalSteps,
    backend: tf.getBackend(),
  };
  try {
    await saveCheckpoint(meta, cp);
    emit({ type: 'checkpoint', info: checkpointInfo({ ...meta, step: cp.step, savedAt: Date.now() }) });
  } catch (err) {
    emit({ type: 'notice', level: 'warning', text: `The checkpoint of step ${cp.step} could not be stored (${err instanceof Error ? err.message : String(err)}): a reload now would lose this run's progress.` });
  }
}

/** Saves a finished (or stopped, or rolled-back) run with its weights; tells the page. */
export async function saveTrainedRun(
  session: TrainSession,
  trainer: Trainer,
  weights: HostWeights,
  metrics: TestMetrics | null,
  notes: string[],
): Promise<SavedRunInfo | null> {
  const { dataset: d, train } = session;
  const training: RunRecord['train'] = { epochs: train.epochs, batchSize: train.batchSize };
  if (train.maxSteps !== undefined) training.maxSteps = train.maxSteps;
  if (train.maxSeconds !== undefined) training.maxSeconds = train.maxSeconds;
  const info: SavedRunInfo = {
    id: newRunId(),
    origin: 'trained',
    method: session.spec.id,
    config: session.config,
    seed: train.seed,
    shape: [d.size, d.size, d.channels],
    train: training,
    dataset: { id: d.id, name: d.name },
    steps: trainer.rolledBackTo ?? trainer.step,
    trainSeconds: trainer.elapsedMs / 1000,
    backend: tf.getBackend(),
    createdAt: Date.now(),
    metrics,
    lossHistory: trainer.lossHistory,
    notes,
    paramCount: trainer.run.paramCount(),
    weightBytes: totalBytes(weights),
  };
  try {
    await saveRun(info, weights);
    await clearCheckpoint();
    emit({ type: 'checkpoint', info: null });
    emit({ type: 'run-saved', info });
    return info;
  } catch (err) {
    emit({ type: 'notice', level: 'warning', text: `This run could not be saved in the browser (${err instanceof Error ? err.message : String(err)}); its results stay until the next run.` });
    return null;
  }
}
