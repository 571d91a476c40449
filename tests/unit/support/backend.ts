import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../../src/core/backend/wasmTraining';

/** Unit tests that train run on the trainable wasm backend: the lab's fast CPU path, and 100x the cpu backend. */
export async function useWasmBackend(): Promise<void> {
  registerWasmTrainingKernels();
  const ok = await tf.setBackend('wasm');
  if (!ok) throw new Error('the wasm backend did not start');
}
