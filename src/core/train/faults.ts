/**
 * What went wrong when training failed, from the error the backend raised, and what to tell the
 * user. Backends word these errors differently (WebGPU, WebGL, wasm, plain JS), so the match is on
 * the words they use.
 */
export type FaultKind = 'out-of-memory' | 'device-lost' | 'other';

const OUT_OF_MEMORY = /out of memory|GPUOutOfMemoryError|OOM\b|Array buffer allocation failed|allocation failed|Cannot allocate|exceeds the (?:max|maximum) (?:buffer|texture|storage)|Requested texture size/i;
const DEVICE_LOST = /device (?:is |was )?lost|GPUDevice.*(?:destroyed|lost)|context lost|CONTEXT_LOST|device.*destroyed/i;

export function classifyFault(error: unknown): FaultKind {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (DEVICE_LOST.test(message)) return 'device-lost';
  if (OUT_OF_MEMORY.test(message)) return 'out-of-memory';
  return 'other';
}

export class OutOfMemoryError extends Error {
  constructor(detail: string) {
    super(`out of memory: ${detail}`);
    this.name = 'OutOfMemoryError';
  }
}

export class DeviceLostError extends Error {
  constructor(reason: string) {
    super(`the GPU device was lost (${reason})`);
    this.name = 'DeviceLostError';
  }
}

/** A one-line message for a training failure; out-of-memory errors get a concrete way out. */
export function describeTrainingFailure(message: string, context: { backend: string; batchSize: number; size: number }): string {
  if (classifyFault(message) !== 'out-of-memory') return message;
  const smallerBatch = Math.max(1, Math.floor(context.batchSize / 2));
  const smallerSize = Math.max(16, Math.floor(context.size / 2));
  return (
    `The ${context.backend} backend ran out of memory (${firstLine(message)}). ` +
    `Try a smaller batch (${smallerBatch} instead of ${context.batchSize}) or a smaller image size (${smallerSize} px instead of ${context.size}), or a narrower network.`
  );
}

function firstLine(s: string): string {
  const line = s.split('\n')[0]!.trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
