/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../core/backend/names';

/** Names the hardware (or software) behind a backend, as the browser reports it. */
export async function describeAdapter(name: BackendName): Promise<string | null> {
  if (name === 'webgpu') {
    const adapter = await navigator.gpu?.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info;
    const parts = [info.vendor, info.architecture].filter(Boolean);
    return parts.length ? parts.join(' / ') : info.description || 'unknown adapter';
  }
  if (name === 'webgl') {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  }
  if (name === 'wasm') {
    const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') && crossOriginIsolated;
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    return `${threads ? 'threads' : 'single thread'}${simd ? ' + SIMD' : ''}`;
  }
  return 'JavaScript';
}
