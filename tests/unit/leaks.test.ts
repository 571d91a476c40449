import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { METHODS } from '../../src/core/methods/registry';
import { resolveConfig, type MethodConfig, type MethodId } from '../../src/core/methods/types';
import { Trainer } from '../../src/core/train/engine';
import { evaluateRun } from '../../src/core/train/evaluate';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

/**
 * No method leaks tensors: 3 epochs of training keep the tensor count flat from one epoch to the
 * next, scoring twice leaves the count where one scoring left it, and disposing the run returns
 * it to where it started. Tiny networks on a tiny set, so all eight take seconds on wasm.
 */
const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 2, testDefectCount: 1 });

const SMALL: Record<MethodId, MethodConfig> = {
  ae: { width: 4, latent: 8 },
  vae: { width: 4, latent: 4 },
  memae: { width: 4, items: 10 },
  smai: { base: 4, superpixels: 16 },
  scadn: { width: 4, blocks: 1 },
  riad: { base: 4 },
  mnad: { width: 4, dim: 16, items: 4 },
  intra: { dim: 16, blocks: 1, heads: 2, draws: 1 },
};

/**
 * Tensors a method keeps on purpose as it trains, between two steps: MNAD snapshots its memory
 * every 5 steps for the evolution view (at most 64 snapshots, see mnad/history.ts).
 */
const kept = (id: MethodId, fromStep: number, toStep: number) => (id === 'mnad' ? Math.floor(toStep / 5) - Math.floor(fromStep / 5) : 0);

describe('tensor leaks', () => {
  it('covers every method of the registry', () => {
    expect(Object.keys(SMALL).sort()).toEqual(METHODS.map((m) => m.id).sort());
  });

  for (const spec of METHODS) {
    it(`${spec.id}: 3 epochs are flat and dispose returns the tensor count to its start`, async () => {
      const start = tf.memory().numTensors;
      // One count per epoch end that continues (epochs 1 and 2; the third ends training).
      const atEpochEnd: { step: number; tensors: number }[] = [];
      const t = new Trainer(spec, resolveConfig(spec, SMALL[spec.id]), data, { epochs: 3, batchSize: 4, seed: 1, lossEvery: 1 }, () => {}, {
        onCheckpoint: (cp) => {
          atEpochEnd.push({ step: cp.step, tensors: tf.memory().numTensors });
        },
      });
      expect(t.totalSteps).toBe(6);
      expect(await t.fit()).toBe('done');
      const afterFit = tf.memory().numTensors;
      expect(atEpochEnd.map((e) => e.step)).toEqual([2, 4]);
      const [e1, e2] = atEpochEnd as [{ step: number; tensors: number }, { step: number; tensors: number }];
      expect(e2.tensors - e1.tensors).toBe(kept(spec.id, 2, 4));
      expect(afterFit - e2.tensors).toBe(kept(spec.id, 4, 6));
      // The run owns tensors (weights, optimiser state) until it is disposed.
      expect(afterFit).toBeGreaterThan(start);

      await evaluateRun(t.run, data, 4);
      const afterOneScoring = tf.memory().numTensors;
      await evaluateRun(t.run, data, 4);
      expect(tf.memory().numTensors).toBe(afterOneScoring);

      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
