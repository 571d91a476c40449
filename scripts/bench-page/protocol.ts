import type { BackendName } from '../../src/core/backend/names';
import type { BenchCase, BenchRow } from '../../src/core/bench/measure';

export interface BenchRequest {
  backend: BackendName;
  cases: BenchCase[];
  /** wasm only: hold it to one thread (the threaded build is used when the page is cross-origin isolated). */
  singleThread?: boolean;
}

export type BenchReply = { type: 'row'; row: BenchRow } | { type: 'done' } | { type: 'error'; message: string };
