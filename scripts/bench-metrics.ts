/**
 * Times the pixel metrics on a realistic load: 500 anomaly maps of 128 x 128 (8.2M pixels),
 * ~30% of the images anomalous with blob-shaped masks.  Run: npx tsx scripts/bench-metrics.ts
 * (optionally N H W as arguments).
 */
import { aupro, evaluate, f1Max, pixelAUROC } from '../src/core/metrics';
import { createRng, randRange, randNormal } from '../src/core/rng';

const [n = 500, h = 128, w = 128] = process.argv.slice(2, 5).map(Number);
const pixels = n * h * w;
const MiB = 1024 * 1024;

function makeFixture(seed: number): { maps: Float32Array; masks: Uint8Array; labels: string[]; scores: Float64Array } {
  const rng = createRng(seed);
  const maps = new Float32Array(pixels);
  const masks = new Uint8Array(pixels);
  const labels: string[] = [];
  const scores = new Float64Array(n);
  for (let img = 0; img < n; img++) {
    const base = img * h * w;
    const anomalous = rng() < 0.3;
    labels.push(anomalous ? 'blob' : 'good');
    if (anomalous) {
      // One to three ellipses with a wobbly edge: blob-like regions of very different sizes.
      const blobs = 1 + Math.floor(rng() * 3);
      for (let b = 0; b < blobs; b++) {
        const cy = randRange(rng, 0, h);
        const cx = randRange(rng, 0, w);
        const ry = randRange(rng, 2, h / 6);
        const rx = randRange(rng, 2, w / 6);
        const phase = randRange(rng, 0, 2 * Math.PI);
        for (let y = Math.max(0, Math.floor(cy - ry * 1.3)); y < Math.min(h, cy + ry * 1.3); y++) {
          for (let x = Math.max(0, Math.floor(cx - rx * 1.3)); x < Math.min(w, cx + rx * 1.3); x++) {
            const dy = (y - cy) / ry;
            const dx = (x - cx) / rx;
            const edge = 1 + 0.25 * Math.sin(3 * Math.atan2(dy, dx) + phase);
            if (dy * dy + dx * dx < edge * edge) masks[base + y * w + x] = 1;
          }
        }
      }
    }
    let max = -Infinity;
    for (let i = base; i < base + h * w; i++) {
      const v = 0.1 * randNormal(rng) + (masks[i] ? 0.25 : 0);
      maps[i] = v;
      if (v > max) max = v;
    }
    scores[img] = max;
  }
  return { maps, masks, labels, scores };
}

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
const data = makeFixture(1);
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
console.log(`after metrics: ${mem()}`);
