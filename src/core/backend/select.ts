import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, isSoftwareAdapter, type BackendInfo, type BackendName } from './names';

export { BACKEND_ORDER, isBackendName, isSoftwareAdapter, type BackendInfo, type BackendName } from './names';

/**
 * Tries backends in order and keeps the first that initialises. `tf.setBackend` fails in two ways:
 * it throws (e.g. no `navigator.gpu`) or resolves false (e.g. no adapter); both move on.
 * `describe` names the adapter behind a backend (the worker asks WebGPU/WebGL; Node has none).
 */
export async function chooseBackend(
  order: readonly BackendName[],
  describe: (name: BackendName) => Promise<string | null> = async () => null,
): Promise<BackendInfo> {
  const skipped: BackendInfo['skipped'] = [];
  for (const name of order) {
    if (!tf.findBackendFactory(name)) {
      skipped.push({ name, reason: 'not registered in this build' });
      continue;
    }
    let reason: string;
    try {
      const ok = await withTimeout(tf.setBackend(name), INIT_TIMEOUT_MS, `did not start within ${INIT_TIMEOUT_MS / 1000} s`);
      if (ok) {
        await tf.ready();
        const adapter = await describe(name).catch(() => null);
        return { name, adapter, software: isSoftwareAdapter(adapter), skipped };
      }
      reason = 'failed to initialise (no adapter or context)';
    } catch (err) {
      reason = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    }
    skipped.push({ name, reason });
  }
  throw new Error(`no tfjs backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** The order to try when the user forces a backend: theirs first, then the usual fallbacks. */
export function orderStartingWith(name: BackendName | 'auto'): BackendName[] {
  if (name === 'auto') return [...BACKEND_ORDER];
  return [name, ...BACKEND_ORDER.filter((b) => b !== name)];
}

const INIT_TIMEOUT_MS = 60_000;

/** A backend that never finishes initialising (a stuck driver, a failing wasm worker) is skipped. */
function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
