/**
 * The benchmark page: `window.runBench(backend, cases)` runs the cases in a fresh module worker
 * (built like the lab's own, see src/worker/tfSetup.ts) and resolves with one row per case.
 * Each finished row is also logged, so the driving script can show progress.
 */
import type { BenchCase, BenchRow } from '../../src/core/bench/measure';
import type { BenchReply, BenchRequest } from './protocol';

function runBench(target: BenchRequest['backend'] | 'wasm-1t', cases: BenchCase[]): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
    const rows: BenchRow[] = [];
    worker.onmessage = (e: MessageEvent<BenchReply>) => {
      const m = e.data;
      if (m.type === 'row') {
        rows.push(m.row);
        console.log(`bench-row ${JSON.stringify(m.row)}`);
      } else {
        worker.terminate();
        if (m.type === 'done') resolve(rows);
        else reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the benchmark worker failed'));
    };
    const request: BenchRequest = target === 'wasm-1t' ? { backend: 'wasm', cases, singleThread: true } : { backend: target, cases };
    worker.postMessage(request);
  });
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
