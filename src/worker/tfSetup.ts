/// <reference lib="webworker" />
/**
 * The tfjs set-up every browser worker shares (the lab's and the benchmark's): the WebGPU and
 * wasm backends, wasm binaries served by Vite, and wasm's training kernels. Import for effect.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import wasmThreadedScript from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
import { registerWasmTrainingKernels } from '../core/backend/wasmTraining';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
registerWasmTrainingKernels();
// The pthread workers of the threaded build load Emscripten's own factory script, served as it is
// (see wasmThreadsScript in vite.config.ts). Threads need cross-origin isolation (COOP + COEP).
(self as unknown as { __reconlabWasmThreadedScript?: string }).__reconlabWasmThreadedScript = new URL(wasmThreadedScript, self.location.href).href;
if (!self.crossOriginIsolated) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
