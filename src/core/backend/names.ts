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
}

export function isBackendName(v: string): v is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(v);
}

const SOFTWARE_ADAPTERS = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

export function isSoftwareAdapter(description: string | null): boolean {
  return description !== null && SOFTWARE_ADAPTERS.test(description);
}
