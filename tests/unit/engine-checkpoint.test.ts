import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { aeSpec } from '../../src/core/methods/ae';
import { resolveConfig } from '../../src/core/methods/types';
import { readHostWeights } from '../../src/core/runs/weights';
import { Trainer, type Checkpoint, type TrainConfig } from '../../src/core/train/engine';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

const data = syntheticDataset({ size: 32, channels: 1, trainCount: 12, testGoodCount: 2, testDefectCount: 1 });
const cfg = resolveConfig(aeSpec, { width: 4, latent: 8 });
const train: TrainConfig = { epochs: 3, batchSize: 4, seed: 5, lossEvery: 2 };

/** Records the ids of every batch the trainer feeds its run. */
function recordBatches(t: Trainer): string[][] {
  const seen: string[][] = [];
  const step = t.run.trainStep.bind(t.run);
  t.run.trainStep = (batch, records) => {
    seen.push((records ?? []).map((r) => r.id));
    return step(batch, records);
  };
  return seen;
}

describe('Trainer checkpoints', () => {
  it('hands a finite checkpoint to the hook at each epoch end (not after the last step)', async () => {
    const checkpoints: Checkpoint[] = [];
    const t = new Trainer(aeSpec, cfg, data, train, () => {}, { onCheckpoint: (cp) => void checkpoints.push(cp) });
    expect(await t.fit()).toBe('done');
    expect(checkpoints.map((c) => [c.step, c.reason])).toEqual([
      [3, 'epoch'],
      [6, 'epoch'],
    ]);
    const cp = checkpoints[1]!;
    expect(cp.lossHistory.steps).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cp.weights.map((w) => w.name)).toEqual(Object.keys(t.run.weights()).sort());
    expect(cp.weights.every((w) => w.values.every(Number.isFinite))).toBe(true);
    // The hook's copy is the host's: later steps do not change it.
    expect(Array.from(cp.weights[0]!.values)).not.toEqual(Array.from((await readHostWeights(t.run))[0]!.values));
    t.dispose();
  });

  it('checkpoints on pause', async () => {
    const reasons: string[] = [];
    const t = new Trainer(aeSpec, cfg, data, { ...train, epochs: 20 }, (e) => e.type === 'progress' && e.step === 4 && t.pause(), {
      onCheckpoint: (cp) => void reasons.push(`${cp.reason}@${cp.step}`),
    });
    const done = t.fit();
    while (t.currentState !== 'paused' || reasons.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(reasons).toEqual(['epoch@3', 'pause@4']);
    t.stop();
    expect(await done).toBe('stopped');
    t.dispose();
  });

  it('resumes from a checkpoint with the same step, history and batch order as an unbroken run', async () => {
    const whole = new Trainer(aeSpec, cfg, data, train);
    const wholeBatches = recordBatches(whole);
    let saved: Checkpoint | null = null;
    const first = new Trainer(aeSpec, cfg, data, train, (e) => e.type === 'progress' && e.step === 4 && first.stop(), {
      onCheckpoint: (cp) => void (saved ??= cp),
    });
    await Promise.all([whole.fit(), first.fit()]);
    expect(saved!.step).toBe(3);

    const second = new Trainer(aeSpec, cfg, data, train);
    const resumedBatches = recordBatches(second);
    second.restore(saved!);
    expect(second.step).toBe(3);
    expect(await second.fit()).toBe('done');
    expect(second.step).toBe(9);
    expect(second.lossHistory.steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(second.lossHistory.terms.total!.slice(0, 3)).toEqual(saved!.lossHistory.terms.total);
    expect(resumedBatches).toEqual(wholeBatches.slice(3));
    [whole, first, second].forEach((t) => t.dispose());
  });

  it('rolls back to the last finite checkpoint when the loss becomes non-finite', async () => {
    let good: Checkpoint | null = null;
    const t = new Trainer(aeSpec, cfg, data, { ...train, lossEvery: 1 }, () => {}, { onCheckpoint: (cp) => void (good ??= cp) });
    const step = t.run.trainStep.bind(t.run);
    t.run.trainStep = (batch, records) => {
      // From step 5 on the weights are poisoned: every output, and so the loss, becomes NaN.
      if (t.step === 4) t.run.load(Object.fromEntries(Object.entries(t.run.weights()).map(([k, w]) => [k, tf.fill(w.shape, NaN)])));
      return step(batch, records);
    };
    expect(await t.fit()).toBe('error');
    expect(t.rolledBackTo).toBe(3);
    const now = await readHostWeights(t.run);
    now.forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(good!.weights[i]!.values)));
    expect(t.lossHistory.steps).toEqual([1, 2, 3]);
    t.dispose();
  });

  it('says why it stopped and where it rolled back to', async () => {
    const messages: string[] = [];
    const t = new Trainer(aeSpec, cfg, data, { ...train, lossEvery: 1 }, (e) => e.type === 'state' && e.message && messages.push(e.message));
    const step = t.run.trainStep.bind(t.run);
    t.run.trainStep = (batch, records) => {
      if (t.step === 1) t.run.load(Object.fromEntries(Object.entries(t.run.weights()).map(([k, w]) => [k, tf.fill(w.shape, NaN)])));
      return step(batch, records);
    };
    expect(await t.fit()).toBe('error');
    expect(messages[0]).toMatch(/non-finite at step 2: lower the learning rate.*Rolled back to the last finite checkpoint \(step 0\)/);
    expect(t.rolledBackTo).toBe(0);
    t.dispose();
  });

  it('ends with the abort reason', async () => {
    const t = new Trainer(aeSpec, cfg, data, { ...train, epochs: 50 }, (e) => e.type === 'progress' && e.step === 2 && t.abort(new Error('the GPU device was lost (destroyed)')));
    expect(await t.fit()).toBe('error');
    expect(t.step).toBe(2);
    t.dispose();
  });
});
