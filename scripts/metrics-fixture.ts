import { createRng, randNormal, randRange } from '../src/core/rng';

export interface MetricsFixture {
  maps: Float32Array;
  masks: Uint8Array;
  labels: string[];
  scores: Float64Array;
}

/**
 * n anomaly maps of h x w with ~30% of the images anomalous, one to three blob-shaped regions
 * each; the maps are noise plus a bump inside the regions, the image score is the map's max.
 */
export function makeMetricsFixture(n: number, h: number, w: number, seed: number): MetricsFixture {
  const pixels = n * h * w;
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
