/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import '../../src/worker/tfSetup';
import { benchCase } from '../../src/core/bench/measure';
import { describeAdapter } from '../../src/worker/adapters';
import type { BenchReply, BenchRequest } from './protocol';

const post = (m: BenchReply) => self.postMessage(m);

self.onmessage = async (e: MessageEvent<BenchRequest>) => {
  const { backend, cases, singleThread } = e.data;
  try {
    // Read when the wasm backend first starts, which is below.
    if (singleThread) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not start`);
    await tf.ready();
    const adapter = await describeAdapter(backend).catch(() => null);
    for (const c of cases) post({ type: 'row', row: await benchCase(c, 'chromium', adapter) });
    post({ type: 'done' });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
