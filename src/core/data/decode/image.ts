/** What every decoder returns: 8-bit pixels, row-major, channels last, alpha already flattened. */
export interface DecodedImage {
  width: number;
  height: number;
  /** 1 (gray) or 3 (RGB). */
  channels: 1 | 3;
  /** width * height * channels bytes. */
  data: Uint8Array;
  /** The detected container format. */
  format: ImageFormat;
  /** The colour model stored in the file, for statistics: 'gray', 'rgba', 'palette', 'cmyk'... */
  source: SourceColour;
  /** Bits per sample in the file (16-bit PNGs are scaled down to 8). */
  bitDepth: number;
}

export type ImageFormat = 'png' | 'jpeg' | 'bmp' | 'gif' | 'webp';
export type SourceColour = 'gray' | 'gray+alpha' | 'rgb' | 'rgba' | 'palette' | 'cmyk';

/** Transparent pixels are composited onto this background (white), as an image viewer shows them. */
export const ALPHA_BACKGROUND = 255;

/** Size limits checked from the header, before any pixel is decoded. */
export interface DecodeLimits {
  /** Largest width * height accepted. */
  maxPixels: number;
  /** Largest width or height accepted. */
  maxSide: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxPixels: 50_000_000, maxSide: 16_384 };

/** value * alpha + background * (1 - alpha), on 0..255 bytes. */
export function over(value: number, alpha: number): number {
  return Math.round((value * alpha + ALPHA_BACKGROUND * (255 - alpha)) / 255);
}

/**
 * Interleaved samples with an alpha channel (RGBA or gray+alpha, 8-bit) to flattened bytes:
 * `colour` channels out of `colour + 1` in.
 */
export function flattenAlpha(src: ArrayLike<number>, pixels: number, colour: 1 | 3): Uint8Array {
  const out = new Uint8Array(pixels * colour);
  const stride = colour + 1;
  for (let p = 0; p < pixels; p++) {
    const alpha = src[p * stride + colour]!;
    for (let c = 0; c < colour; c++) out[p * colour + c] = over(src[p * stride + c]!, alpha);
  }
  return out;
}
