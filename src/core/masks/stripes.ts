import { assertPositiveInt } from './grid';

/**
 * SCADN stripe masks for one stripe width, in this order: vertical stripes (columns whose
 * floor(x / width) is even are hidden), their complement, horizontal stripes (rows), their
 * complement. Each hides exactly half the image when 2 * width divides `size`.
 */
export function stripeMasks(size: number, width: number): Uint8Array[] {
  assertPositiveInt('size', size);
  assertPositiveInt('width', width);
  const vertical = new Uint8Array(size * size);
  const horizontal = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    const rowHidden = Math.floor(y / width) % 2 === 0 ? 1 : 0;
    for (let x = 0; x < size; x++) {
      vertical[y * size + x] = Math.floor(x / width) % 2 === 0 ? 1 : 0;
      horizontal[y * size + x] = rowHidden;
    }
  }
  return [vertical, complement(vertical), horizontal, complement(horizontal)];
}

/**
 * The reference SCADN widths, 1/4, 1/8 and 1/16 of the image side, rounded, at least 1 px. Always
 * three widths (coarse to fine) even when tiny images make two of them equal, so every consumer
 * can count on 3 scales x 4 masks.
 */
export function scadnStripeWidths(size: number): number[] {
  assertPositiveInt('size', size);
  return [4, 8, 16].map((d) => Math.max(1, Math.round(size / d)));
}

export interface StripeScale {
  width: number;
  /** [vertical, vertical complement, horizontal, horizontal complement]. */
  masks: Uint8Array[];
}

/** The 12 SCADN masks grouped by scale: the test-time score takes a max within each scale. */
export function scadnMaskScales(size: number): StripeScale[] {
  return scadnStripeWidths(size).map((width) => ({ width, masks: stripeMasks(size, width) }));
}

/** The 12 SCADN masks, flat: scale-major, 4 per scale in the order of `stripeMasks`. */
export function scadnMasks(size: number): Uint8Array[] {
  return scadnMaskScales(size).flatMap((scale) => scale.masks);
}

function complement(mask: Uint8Array): Uint8Array {
  return mask.map((v) => 1 - v);
}
