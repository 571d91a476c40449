import '@tensorflow/tfjs-backend-wasm';
import { chooseBackend, isBackendName, type BackendName } from '../core/backend/select';
import { registerWasmTrainingKernels } from '../core/backend/wasmTraining';
import { CliError } from './args';

/**
 * Node has no WebGPU or WebGL: the trainable wasm backend is the fast path (about 100x the cpu
 * backend on the reference autoencoder, see docs/benchmarks.md), so it is the explicit default,
 * and cpu only the fallback when wasm cannot start. No probe is needed: the order is measured.
 */
export async function startNodeBackend(requested?: string): Promise<BackendName> {
  registerWasmTrainingKernels();
  const order: BackendName[] = ['wasm', 'cpu'];
  if (requested !== undefined) {
    if (!isBackendName(requested) || !order.includes(requested)) throw new CliError(`--backend must be wasm or cpu in Node, got "${requested}"`);
    order.splice(order.indexOf(requested), 1);
    order.unshift(requested);
  }
  // tfjs prints a hint about tfjs-node on first use in Node; it cannot be installed here.
  const warn = console.warn;
  const logFn = console.log;
  console.log = () => {};
  console.warn = () => {};
  try {
    return (await chooseBackend(order)).name;
  } finally {
    console.warn = warn;
    console.log = logFn;
  }
}
