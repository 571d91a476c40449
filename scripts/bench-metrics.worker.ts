/// <reference lib="webworker" />
/**
 * Times the lab's metrics inside a browser worker, where the page runs them after every
 * evaluation. Posted one message: { n, h, w } in, a line of timings per metric out.
 */
import { aupro, pixelAUROC, testSetMetrics } from '../src/core/metrics';
import { makeMetricsFixture } from './metrics-fixture';

const REPEATS = 3;

self.onmessage = (e: MessageEvent<{ n: number; h: number; w: number }>) => {
  const { n, h, w } = e.data;
  const t0 = performance.now();
  const data = makeMetricsFixture(n, h, w, 1);
  const lines = [`fixture built in ${(performance.now() - t0).toFixed(0)} ms`];
  const time = (label: string, run: () => unknown) => {
    const ms: number[] = [];
    let result: unknown;
    for (let r = 0; r < REPEATS; r++) {
      const start = performance.now();
      result = run();
      ms.push(performance.now() - start);
    }
    lines.push(`${label.padEnd(12)} first ${ms[0]!.toFixed(0).padStart(5)} ms, best ${Math.min(...ms).toFixed(0).padStart(5)} ms   ${JSON.stringify(result)}`);
  };
  time('pixelAUROC', () => pixelAUROC(data.maps, data.masks));
  time('aupro', () => aupro(data.maps, data.masks, n, h, w));
  time('worker path', () => {
    const { metrics, curves } = testSetMetrics({ ...data, n, h, w });
    return { image: metrics.imageAUROC, pixel: metrics.pixelAUROC, aupro: metrics.aupro, pixelF1: metrics.f1max.pixel?.f1, points: curves.pixel?.roc.fpr.length };
  });
  self.postMessage(lines);
};
