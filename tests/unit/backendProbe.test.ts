import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { explainChoice, type ProbeResult } from '../../src/core/backend/names';
import { probeBackends, probeStepMs } from '../../src/core/backend/probe';
import { useWasmBackend } from './support/backend';

afterAll(useWasmBackend);

describe('backend speed probe', () => {
  it('times every candidate, ranks them fastest first and frees its tensors', async () => {
    await useWasmBackend();
    const before = tf.memory().numTensors;
    const results = await probeBackends(['wasm', 'cpu', 'webgpu'], 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(results.map((r) => r.name).sort()).toEqual(['cpu', 'wasm', 'webgpu']);
    // Node has no WebGPU: it is listed last, with why.
    expect(results[2]).toMatchObject({ name: 'webgpu', msPerStep: null });
    expect(results[2]!.error).toBeTruthy();
    const timed = results.slice(0, 2);
    for (const r of timed) expect(r.msPerStep).toBeGreaterThan(0);
    expect(timed[0]!.msPerStep!).toBeLessThanOrEqual(timed[1]!.msPerStep!);
  });

  it('stops after the first step when that step alone exceeds the limit', async () => {
    await useWasmBackend();
    const before = tf.memory().numTensors;
    const r = await probeStepMs(3, 0);
    expect(r.stopped).toBe(true);
    expect(r.ms).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('explains the choice in one line', () => {
    const probes: ProbeResult[] = [
      { name: 'wasm', msPerStep: 120.4 },
      { name: 'webgpu', msPerStep: 900 },
      { name: 'webgl', msPerStep: 4100, stopped: true },
      { name: 'cpu', msPerStep: null, error: 'no context' },
    ];
    expect(explainChoice(probes, 'on a software adapter (google / swiftshader)')).toBe(
      'wasm chosen: 120 ms/step vs webgpu 900 ms/step, webgl 4100 ms on its first step (probe stopped), cpu failed (no context) on a software adapter (google / swiftshader)',
    );
  });
});
