import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, explainChoice, isSoftwareAdapter, type BackendInfo, type BackendName } from '../core/backend/names';
import { probeBackends } from '../core/backend/probe';
import { chooseBackend, orderStartingWith } from '../core/backend/select';
import { describeAdapter } from './adapters';

/**
 * Starts the backend the user asked for. On 'auto', when WebGPU runs on a software adapter
 * (SwiftShader: a CPU in disguise) or did not start at all, a short probe is timed on every
 * backend that can run here (cpu aside, always the slowest) and the fastest is kept; the
 * returned info says which and why. A forced backend (the select, `?backend=`) is never probed.
 */
export async function startBackend(choice: BackendName | 'auto'): Promise<BackendInfo> {
  const first = await chooseBackend(orderStartingWith(choice), describeAdapter);
  if (choice !== 'auto' || (first.name === 'webgpu' && !first.software)) return first;
  const after = BACKEND_ORDER.indexOf(first.name);
  const candidates = (['wasm', 'webgl', 'webgpu'] as const).filter(
    (b) => b === first.name || (BACKEND_ORDER.indexOf(b) > after && tf.findBackendFactory(b) !== null),
  );
  if (candidates.length < 2) return first;
  // The cheap probe first, so that a slow software backend's probe is the last thing waited for.
  const probes = await probeBackends(candidates);
  const best = probes[0]!;
  const winner: BackendName = best.msPerStep === null ? first.name : best.name;
  if (!(await tf.setBackend(winner))) throw new Error(`${winner} failed to start again after the speed probe`);
  const adapter = winner === first.name ? first.adapter : await describeAdapter(winner).catch(() => null);
  const software = first.name === 'webgpu';
  const context = software ? `on a software adapter (${first.adapter ?? 'unknown'})` : 'without WebGPU';
  return {
    name: winner,
    adapter,
    software: isSoftwareAdapter(adapter),
    skipped: first.skipped,
    choice: { reason: explainChoice(probes, context), probes, context: software ? 'software' : 'missing', adapter: software ? first.adapter : null },
  };
}
