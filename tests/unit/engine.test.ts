import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from './support/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { aeSpec } from '../../src/core/methods/ae';
import { resolveConfig } from '../../src/core/methods/types';
import { Trainer, type TrainEvent } from '../../src/core/train/engine';
import { evaluateRun } from '../../src/core/train/evaluate';

beforeAll(useWasmBackend);

const data = syntheticDataset({ size: 32, channels: 1, trainCount: 16, testGoodCount: 4, testDefectCount: 2 });
const cfg = resolveConfig(aeSpec, { width: 4, latent: 8 });

describe('Trainer', () => {
  it('runs the step budget, reads losses back in batches, and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const events: TrainEvent[] = [];
    const t = new Trainer(aeSpec, cfg, data, { epochs: 3, batchSize: 4, seed: 1, lossEvery: 4 }, (e) => events.push(e));
    expect(t.totalSteps).toBe(12);
    expect(await t.fit()).toBe('done');
    const lossEvents = events.filter((e) => e.type === 'losses');
    expect(lossEvents).toHaveLength(3); // 12 steps, one readback per 4
    expect(t.lossHistory.steps).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ step: 12, totalSteps: 12, epoch: 3, epochs: 3 });
    const ev = await evaluateRun(t.run, data, 4);
    expect(ev.scores).toHaveLength(data.test.length);
    expect(ev.metrics.imageAUROC).not.toBeNull();
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pauses, resumes and stops between steps', async () => {
    const states: string[] = [];
    const t = new Trainer(aeSpec, cfg, data, { epochs: 50, batchSize: 4, seed: 1, lossEvery: 2 }, (e) => {
      if (e.type === 'state') states.push(e.state);
      if (e.type === 'progress' && e.step === 3) t.pause();
    });
    const done = t.fit();
    await waitFor(() => t.currentState === 'paused');
    expect(t.step).toBe(3);
    const stepWhilePaused = t.step;
    await new Promise((r) => setTimeout(r, 50));
    expect(t.step).toBe(stepWhilePaused);
    t.resume();
    await waitFor(() => t.step > stepWhilePaused);
    t.stop();
    expect(await done).toBe('stopped');
    expect(t.step).toBeGreaterThan(stepWhilePaused);
    expect(t.step).toBeLessThan(t.totalSteps);
    expect(states).toEqual(['training', 'paused', 'training', 'stopped']);
    t.dispose();
  });

  it('stops with a clear message when the loss becomes non-finite', async () => {
    const messages: string[] = [];
    const t = new Trainer(aeSpec, resolveConfig(aeSpec, { width: 4, latent: 8, lr: 1e-2 }), data, { epochs: 1, batchSize: 4, seed: 1, lossEvery: 1 }, (e) => {
      if (e.type === 'state' && e.message) messages.push(e.message);
    });
    // Poison the weights: every output becomes NaN.
    const poisoned = Object.fromEntries(Object.entries(t.run.weights()).map(([k, w]) => [k, tf.fill(w.shape, NaN)]));
    t.run.load(poisoned);
    expect(await t.fit()).toBe('error');
    expect(messages[0]).toMatch(/non-finite at step 1.*lower the learning rate/);
    t.dispose();
  });

  it('refuses a data set without training images', () => {
    expect(() => new Trainer(aeSpec, cfg, { ...data, train: [] }, { epochs: 1, batchSize: 4, seed: 1, lossEvery: 1 })).toThrow(/no training images/);
  });
});

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
