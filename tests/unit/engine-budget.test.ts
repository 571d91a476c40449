import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { aeSpec } from '../../src/core/methods/ae';
import { resolveConfig } from '../../src/core/methods/types';
import { Trainer } from '../../src/core/train/engine';
import { useWasmBackend } from './support/backend';

beforeAll(useWasmBackend);

describe('Trainer time budget', () => {
  it('stops once maxSeconds of training have passed, with its losses flushed', async () => {
    const data = syntheticDataset({ size: 32, channels: 1, trainCount: 16, testGoodCount: 2, testDefectCount: 1 });
    const cfg = resolveConfig(aeSpec, { width: 4, latent: 8 });
    const t = new Trainer(aeSpec, cfg, data, { epochs: 1_000_000, batchSize: 4, seed: 1, lossEvery: 1000, maxSeconds: 0.3 });
    const started = performance.now();
    expect(await t.fit()).toBe('done');
    expect(t.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(t.step).toBeGreaterThan(0);
    expect(t.lossHistory.steps).toHaveLength(t.step);
    t.dispose();
  });
});
