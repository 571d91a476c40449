/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { chooseBackend, orderStartingWith, type BackendInfo, type BackendName } from '../core/backend/select';
import { registerWasmTrainingKernels } from '../core/backend/wasmTraining';
import { listMethods } from '../core/methods/registry';
import { describeAdapter } from './adapters';
import { compareApi, isComparing } from './compareApi';
import { dataApi } from './dataApi';
import { debugApi } from './debugApi';
import { emit, setEventSink } from './events';
import { watchBackend } from './gpuFaults';
import type { LabApi } from './protocol';
import { runsApi } from './runsApi';
import { isTraining, trainApi } from './trainApi';
import { viewsApi } from './viewsApi';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
registerWasmTrainingKernels();
// The threaded wasm build starts its pthread workers from a classic-script blob that fails inside
// a bundled module worker ("e is not defined"); until that is solved, wasm runs single-threaded + SIMD.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

async function switchTo(name: BackendName | 'auto'): Promise<BackendInfo> {
  if (isTraining() || isComparing()) throw new Error('stop training before switching backend');
  const info = await chooseBackend(orderStartingWith(name), describeAdapter);
  watchBackend();
  emit({ type: 'backend', info });
  return info;
}

/** The worker's whole API: a few modules composed, exposed once through Comlink. */
const api: LabApi = {
  async init(onEvent, backend) {
    setEventSink(onEvent);
    return switchTo(backend);
  },
  setBackend: switchTo,
  methods: () => listMethods(),
  ...dataApi,
  ...trainApi,
  ...viewsApi,
  ...compareApi,
  ...runsApi,
  ...debugApi,
};

Comlink.expose(api);
