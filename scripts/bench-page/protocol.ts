import type { BackendName } from '../../src/core/backend/names';
import type { BenchCase, BenchRow } from '../../src/core/bench/measure';

export interface BenchRequest {
  backend: BackendName;
  cases: BenchCase[];
}

export type BenchReply = { type: 'row'; row: BenchRow } | { type: 'done' } | { type: 'error'; message: string };
