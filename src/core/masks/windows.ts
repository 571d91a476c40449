import { type Rng, randInt } from '../rng';
import { assertPositiveInt } from './grid';

/** InTra patch layout: the image is cut into rows x cols square patches of `patch` px. */
export interface PatchGrid {
  rows: number;
  cols: number;
}

/**
 * Patch grid of a square image. `patch` must divide `size`: InTra tiles the inpainted patches back
 * into a full reconstruction, and a partial patch would leave pixels that no pass rebuilds.
 */
export function patchGrid(size: number, patch: number): PatchGrid {
  assertPositiveInt('size', size);
  assertPositiveInt('patch', patch);
  if (size % patch !== 0) {
    throw new RangeError(`patch (${patch}) must divide the image side (${size})`);
  }
  return { rows: size / patch, cols: size / patch };
}

/**
 * Top-left patch (r0, c0) of the L x L window that holds patch (row, col) as centrally as the
 * borders allow: centred (at index floor(L / 2) inside the window) when possible, shifted just
 * enough to stay inside the grid otherwise.
 */
export function centralWindow(
  row: number,
  col: number,
  rows: number,
  cols: number,
  L: number,
): { r0: number; c0: number } {
  assertPositiveInt('L', L);
  if (L > rows || L > cols) {
    throw new RangeError(`window side L=${L} exceeds the patch grid ${rows} x ${cols}`);
  }
  if (row < 0 || row >= rows || col < 0 || col >= cols) {
    throw new RangeError(`patch (${row}, ${col}) is outside the ${rows} x ${cols} grid`);
  }
  const half = Math.floor(L / 2);
  return { r0: clamp(row - half, 0, rows - L), c0: clamp(col - half, 0, cols - L) };
}

export interface PatchWindow {
  /** The patch to inpaint, in the image's patch grid. */
  row: number;
  col: number;
  /** Top-left patch of its window. */
  r0: number;
  c0: number;
  /** The patch's position inside the window (0..L-1). */
  wr: number;
  wc: number;
}

/** Every patch of the grid (row-major) with its central window: the test-time batch of InTra. */
export function allCentralWindows(rows: number, cols: number, L: number): PatchWindow[] {
  const out: PatchWindow[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const { r0, c0 } = centralWindow(row, col, rows, cols, L);
      out.push({ row, col, r0, c0, wr: row - r0, wc: col - c0 });
    }
  }
  return out;
}

/**
 * InTra training draw: a uniformly random L x L window inside the grid and a uniformly random patch
 * of it to inpaint.
 */
export function randomWindow(rows: number, cols: number, L: number, rng: Rng): PatchWindow {
  assertPositiveInt('L', L);
  if (L > rows || L > cols) {
    throw new RangeError(`window side L=${L} exceeds the patch grid ${rows} x ${cols}`);
  }
  const r0 = randInt(rng, rows - L + 1);
  const c0 = randInt(rng, cols - L + 1);
  const wr = randInt(rng, L);
  const wc = randInt(rng, L);
  return { row: r0 + wr, col: c0 + wc, r0, c0, wr, wc };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
