import { type Rng, shuffleInPlace } from '../rng';

/**
 * RIAD grid masks. The image is cut into cell x cell squares (the last row and column of cells are
 * partial when `cell` does not divide `size`), the cells are shuffled and dealt round-robin into
 * `sets` disjoint sets, so set sizes differ by at most one cell. Mask i hides set i: together the
 * masks hide every pixel exactly once, which is what lets RIAD assemble a full reconstruction from
 * the inpainted parts of `sets` passes.
 */
export function gridMasks(size: number, cell: number, sets: number, rng: Rng): Uint8Array[] {
  assertPositiveInt('size', size);
  assertPositiveInt('cell', cell);
  assertPositiveInt('sets', sets);
  const perSide = Math.ceil(size / cell);
  const order = shuffleInPlace(
    Array.from({ length: perSide * perSide }, (_, i) => i),
    rng,
  );
  const setOfCell = new Int32Array(perSide * perSide);
  order.forEach((cellIndex, position) => {
    setOfCell[cellIndex] = position % sets;
  });
  const masks = Array.from({ length: sets }, () => new Uint8Array(size * size));
  for (let y = 0; y < size; y++) {
    const cellRow = Math.floor(y / cell) * perSide;
    for (let x = 0; x < size; x++) {
      masks[setOfCell[cellRow + Math.floor(x / cell)]!]![y * size + x] = 1;
    }
  }
  return masks;
}

/** RIAD's cell sides in pixels, as published for 256 px images. */
export const RIAD_CELLS_AT_256 = [2, 4, 8, 16] as const;

/**
 * RIAD's cell sides scaled from 256 px to `size`, so a cell covers the same fraction of the image
 * as in the paper: round(k * size / 256), at least 1 px, duplicates dropped, ascending.
 * Small images therefore get fewer scales (64 px: 1, 2, 4; 32 px: 1, 2) rather than cells that
 * are relatively larger than the paper's; the paper's pixel values stay one click away in the UI.
 */
export function riadCellSizes(size: number): number[] {
  assertPositiveInt('size', size);
  const cells = RIAD_CELLS_AT_256.map((k) => Math.max(1, Math.round((k * size) / 256)));
  return [...new Set(cells)].sort((a, b) => a - b);
}

export function assertPositiveInt(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}
