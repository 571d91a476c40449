/** Backend names and facts, free of tfjs so the page can import them without loading it. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export interface BackendInfo {
  name: BackendName;
  /** What runs it, e.g. "swiftshader" for WebGPU/WebGL on a software rasteriser. */
  adapter: string | null;
  /** True when the "GPU" is a CPU in disguise (SwiftShader, llvmpipe, ...). */
  software: boolean;
  /** Backends tried before this one and why each was passed over, one line each. */
  skipped: { name: BackendName; reason: string }[];
  /** Set when 'auto' timed a probe on several backends (software or missing WebGPU) and took the fastest. */
  choice?: BackendChoice;
}

/** Why 'auto' settled on its backend: the probes, fastest first, and what made it probe. */
export interface BackendChoice {
  /** The same in English, one line (logs, the CLI). */
  reason: string;
  probes: ProbeResult[];
  /** 'software': WebGPU ran on a software adapter; 'missing': WebGPU did not start. */
  context: 'software' | 'missing';
  /** The software adapter's description, when context is 'software'. */
  adapter: string | null;
}

/** One backend's time on the speed probe (core/backend/probe.ts). */
export interface ProbeResult {
  name: BackendName;
  /** Median ms per probe step, or null when the backend could not run the probe. */
  msPerStep: number | null;
  /** True when the probe stopped after the first (set-up) step: msPerStep is that step's time. */
  stopped?: boolean;
  error?: string;
}

/**
 * Says which probed backend won and why, e.g. "wasm chosen: 120 ms/step vs webgpu 900 ms/step on a
 * software adapter". `probes` fastest first; `context` ends the sentence.
 */
export function explainChoice(probes: readonly ProbeResult[], context: string): string {
  const ms = (p: ProbeResult) =>
    p.msPerStep === null
      ? `failed (${p.error ?? 'unknown error'})`
      : p.stopped
        ? `${Math.round(p.msPerStep)} ms on its first step (probe stopped)`
        : `${Math.round(p.msPerStep)} ms/step`;
  const [best, ...rest] = probes;
  if (!best) return '';
  const others = rest.map((p) => `${p.name} ${ms(p)}`).join(', ');
  return `${best.name} chosen: ${ms(best)}${others ? ` vs ${others}` : ''}${context ? ` ${context}` : ''}`;
}

export function isBackendName(v: string): v is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(v);
}

const SOFTWARE_ADAPTERS = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

export function isSoftwareAdapter(description: string | null): boolean {
  return description !== null && SOFTWARE_ADAPTERS.test(description);
}
