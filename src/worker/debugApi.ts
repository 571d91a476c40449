import * as tf from '@tensorflow/tfjs';
import type { MethodRun } from '../core/methods/types';
import { currentDevice } from './gpuFaults';
import type { DebugApi } from './runsProtocol';

/**
 * Fault injection for the reliability tests: each hook causes a fault the lab must survive the
 * way a real one would reach it (a destroyed device, NaN weights, a blocked or crashed worker).
 * The page exposes them only when the URL has `?debug`.
 */
let poisonNext = false;

/** Lets debugPoisonNextStep reach a run: its next trainStep starts from NaN weights. */
export function instrumentForDebug(run: MethodRun): void {
  const step = run.trainStep.bind(run);
  run.trainStep = (batch, records) => {
    if (poisonNext) {
      poisonNext = false;
      const named = run.weights();
      const nan = Object.fromEntries(Object.entries(named).map(([k, w]) => [k, tf.fill(w.shape, NaN, w.dtype)]));
      run.load(nan);
      tf.dispose(Object.values(nan));
    }
    return step(batch, records);
  };
}

export const debugApi: DebugApi = {
  async debugLoseDevice() {
    const device = currentDevice();
    if (!device) return `not on WebGPU (backend: ${tf.getBackend()}): nothing to destroy`;
    device.destroy();
    return 'the WebGPU device was destroyed';
  },
  debugPoisonNextStep() {
    poisonNext = true;
  },
  debugHang(ms) {
    const end = Date.now() + Math.min(ms, 600_000);
    while (Date.now() < end) {
      // a busy loop on purpose: the worker answers nothing meanwhile
    }
  },
  debugCrash() {
    setTimeout(() => {
      throw new Error('debug crash: an uncaught error in the worker');
    });
  },
};
