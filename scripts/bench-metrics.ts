/**
 * Times the pixel metrics on a realistic load: 500 anomaly maps of 128 x 128 (8.2M pixels),
 * ~30% of the images anomalous with blob-shaped masks.  Run: npx tsx scripts/bench-metrics.ts
 * (optionally N H W as arguments). scripts/bench-metrics-browser.ts times the same in a browser worker.
 */
import { aupro, evaluate, f1Max, pixelAUROC, testSetMetrics } from '../src/core/metrics';
import { makeMetricsFixture } from './metrics-fixture';

const [n = 500, h = 128, w = 128] = process.argv.slice(2, 5).map(Number);
const pixels = n * h * w;
const MiB = 1024 * 1024;

/** Peak resident memory of the process: transient sort buffers show here, not in memoryUsage(). */
function peakRss(): string {
  return `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;
}

function mem(): string {
  const m = process.memoryUsage();
  return `rss ${(m.rss / MiB).toFixed(0)} MiB, heap ${(m.heapUsed / MiB).toFixed(0)} MiB, arrayBuffers ${(m.arrayBuffers / MiB).toFixed(0)} MiB`;
}

/** First (cold) call and best of REPEATS calls: the first includes JIT warm-up. */
const REPEATS = 3;
function time<T>(label: string, run: () => T): T {
  const gc = (globalThis as { gc?: () => void }).gc;
  const ms: number[] = [];
  let result!: T;
  for (let r = 0; r < REPEATS; r++) {
    gc?.();
    const t0 = performance.now();
    result = run();
    ms.push(performance.now() - t0);
  }
  console.log(
    `${label.padEnd(12)} first ${ms[0].toFixed(0).padStart(5)} ms, best ${Math.min(...ms).toFixed(0).padStart(5)} ms, ` +
      `peak rss so far ${peakRss()}   ${JSON.stringify(result)}`,
  );
  return result;
}

const t0 = performance.now();
const data = makeMetricsFixture(n, h, w, 1);
let anomalousPixels = 0;
for (let i = 0; i < pixels; i++) anomalousPixels += data.masks[i];
console.log(
  `fixture: ${n} x ${h} x ${w} = ${(pixels / 1e6).toFixed(2)}M pixels, ` +
    `${data.labels.filter((l) => l !== 'good').length} anomalous images, ` +
    `${((100 * anomalousPixels) / pixels).toFixed(2)}% anomalous pixels (built in ${(performance.now() - t0).toFixed(0)} ms)`,
);
console.log(`after fixture: ${mem()}, peak rss ${peakRss()}`);

// In order of transient memory: ~10 bytes per pixel for the first two, ~16 for AUPRO.
time('pixelAUROC', () => pixelAUROC(data.maps, data.masks));
time('pixel f1Max', () => f1Max(data.maps, data.masks).f1);
time('aupro', () => aupro(data.maps, data.masks, n, h, w));
time('evaluate', () => {
  const r = evaluate({ ...data, n, h, w });
  return { image: r.imageAUROC, pixel: r.pixelAUROC, aupro: r.aupro, pixelF1: r.pixelF1?.f1 };
});
// What the worker runs after every evaluation (evaluateRun): all metrics plus 500-point curves.
time('worker path', () => {
  const { metrics, curves } = testSetMetrics({ ...data, n, h, w });
  return { aupro: metrics.aupro, points: curves.pixel?.roc.fpr.length };
});
console.log(`after metrics: ${mem()}`);
console.log('The same in a browser worker: npx tsx scripts/bench-metrics-browser.ts');
