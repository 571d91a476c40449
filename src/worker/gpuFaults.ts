/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BACKEND_ORDER, chooseBackend, type BackendInfo, type BackendName } from '../core/backend/select';
import { describeAdapter } from './adapters';

/**
 * Faults of the GPU under tfjs: a lost WebGPU device (driver reset, GPU removed, or destroyed on
 * purpose by the debug API) and WebGPU out-of-memory errors, which WebGPU reports as events, not
 * exceptions. Training subscribes while it runs; after a loss the backend is rebuilt from its
 * factory (so a fresh device can be asked for later) and training moves to the next backend.
 */
export type GpuFault = { kind: 'device-lost' | 'out-of-memory'; detail: string };

const listeners = new Set<(fault: GpuFault) => void>();
let watched: GPUDevice | null = null;
let lost: string | null = null;
let lostSignal: Promise<unknown> | null = null;

export function onGpuFault(f: (fault: GpuFault) => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** Why the current WebGPU device was lost, or null while it is fine (or another backend runs). */
export function deviceLoss(): string | null {
  return lost;
}

function report(fault: GpuFault): void {
  for (const f of [...listeners]) f(fault);
}

/** The WebGPU device of the current backend, or null when another backend runs. */
export function currentDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as WebGPUBackend).device ?? null;
}

/**
 * Why the device was lost, waiting up to `ms` for the loss to be reported: a failed readback
 * ("buffer was unmapped before mapping was resolved") can reach training before device.lost settles.
 */
export async function settleDeviceLoss(ms: number): Promise<string | null> {
  if (lost !== null || !lostSignal || !watched) return lost;
  await Promise.race([lostSignal, new Promise((resolve) => setTimeout(resolve, ms))]);
  // the .then in watchBackend runs first: it was attached earlier
  await Promise.resolve();
  return lost;
}

/** Starts watching the current backend's device (call after every backend switch). */
export function watchBackend(): void {
  const device = currentDevice();
  if (!device || device === watched) return;
  watched = device;
  lost = null;
  lostSignal = device.lost;
  void device.lost.then((info) => {
    if (watched !== device) return;
    lost = info.message ? `${info.reason}: ${info.message.split('\n')[0]}` : String(info.reason ?? 'unknown');
    report({ kind: 'device-lost', detail: lost });
  });
  device.addEventListener('uncapturederror', (event) => {
    const error = (event as GPUUncapturedErrorEvent).error;
    if (error instanceof GPUOutOfMemoryError) report({ kind: 'out-of-memory', detail: error.message || 'GPUOutOfMemoryError' });
  });
}

/**
 * Leaves a backend whose device is gone: drops its instance (re-registering its factory, so that
 * choosing it again later asks for a new device) and starts the next backend in the usual order.
 */
export async function fallBackFrom(name: BackendName): Promise<BackendInfo> {
  const factory = tf.findBackendFactory(name);
  try {
    tf.removeBackend(name);
  } catch {
    // Disposing a backend on a lost device can throw; its instance is dropped all the same.
  }
  if (factory) tf.registerBackend(name, factory, name === 'webgpu' ? 3 : 1);
  watched = null;
  lost = null;
  lostSignal = null;
  const next = BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(name) + 1);
  const info = await chooseBackend(next, describeAdapter);
  watchBackend();
  return info;
}
