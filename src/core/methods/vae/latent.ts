/**
 * 2-D coordinates of latent codes for the VAE's latent view: the codes themselves when they are
 * 2-D, otherwise their projection on the two principal axes (power iteration on the covariance,
 * deterministic, so the same run draws the same plot).
 */
export function projectTo2d(codes: Float32Array, n: number, dim: number): { points: Float32Array; axes: [string, string] } {
  const points = new Float32Array(n * 2);
  if (dim <= 2) {
    for (let i = 0; i < n; i++) {
      points[2 * i] = codes[i * dim]!;
      points[2 * i + 1] = dim === 2 ? codes[i * dim + 1]! : 0;
    }
    return { points, axes: ['z1', dim === 2 ? 'z2' : '(none)'] };
  }
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) mean[d]! += codes[i * dim + d]! / n;
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dim; a++) {
      const va = codes[i * dim + a]! - mean[a]!;
      for (let b = a; b < dim; b++) cov[a * dim + b]! += (va * (codes[i * dim + b]! - mean[b]!)) / Math.max(1, n - 1);
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) cov[a * dim + b] = cov[b * dim + a]!;
  let total = 0;
  for (let d = 0; d < dim; d++) total += cov[d * dim + d]!;
  const first = principalAxis(cov, dim, []);
  const second = principalAxis(cov, dim, [first.vector]);
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    for (let d = 0; d < dim; d++) {
      const v = codes[i * dim + d]! - mean[d]!;
      x += v * first.vector[d]!;
      y += v * second.vector[d]!;
    }
    points[2 * i] = x;
    points[2 * i + 1] = y;
  }
  const pct = (value: number) => (total > 0 ? `${Math.round((100 * value) / total)}%` : '0%');
  return { points, axes: [`PC1 (${pct(first.value)} of variance)`, `PC2 (${pct(second.value)})`] };
}

/** Leading eigenvector of a symmetric matrix, orthogonal to `exclude` (deflation by projection). */
function principalAxis(cov: Float64Array, dim: number, exclude: Float64Array[]): { vector: Float64Array; value: number } {
  let v = new Float64Array(dim).map((_, d) => 1 + d / dim);
  let value = 0;
  for (let iter = 0; iter < 200; iter++) {
    for (const e of exclude) {
      const dot = v.reduce((s, x, d) => s + x * e[d]!, 0);
      for (let d = 0; d < dim; d++) v[d]! -= dot * e[d]!;
    }
    const next = new Float64Array(dim);
    for (let a = 0; a < dim; a++) {
      let s = 0;
      for (let b = 0; b < dim; b++) s += cov[a * dim + b]! * v[b]!;
      next[a] = s;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) break;
    value = norm;
    v = next.map((x) => x / norm);
  }
  return { vector: v, value };
}
