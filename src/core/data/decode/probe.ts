import { DataError } from '../errors';
import { DEFAULT_LIMITS, type DecodeLimits, type ImageFormat } from './image';

/**
 * Format detection from magic bytes (never from the file name) and header-only size reading, so
 * that an image too large to decode is refused before a single pixel is allocated.
 */
export interface ImageProbe {
  format: ImageFormat;
  width: number;
  height: number;
  /** Colour components declared by the header where it says (JPEG: 1, 3 or 4). */
  components?: number;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, n: number): string =>
  String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32be = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const i32le = (b: Uint8Array, at: number): number =>
  b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BMP_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

/** The image format of these bytes, or null when they are not one of the supported formats. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a'))
    return 'gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return 'webp';
  if (bytes.length >= 18 && ascii(bytes, 0, 2) === 'BM' && BMP_HEADER_SIZES.has(i32le(bytes, 14)))
    return 'bmp';
  return null;
}

/** Why bytes that are not a supported image were refused, in a few words. */
export function describeUnsupported(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty file (0 bytes)';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a zip archive where an image was expected (archives inside archives are not unpacked)';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'TIFF is not supported: convert it to PNG';
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp')
    return /^(hei|hev|mif|msf|avi)/.test(ascii(bytes, 8, 4))
      ? 'HEIC/AVIF is not supported: convert it to PNG or JPEG'
      : 'a video or other ISO media file, not an image';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document, not an image';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'ICO is not supported: convert it to PNG';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.includes('<svg '))
    return 'SVG is a vector format and is not supported: export it as PNG';
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'an HTML page, not an image';
  if (looksLikeText(bytes.subarray(0, 512))) return 'a text file, not an image';
  if (ascii(bytes, 0, 2) === 'BM') return 'invalid BMP: unknown header size';
  const hex = Array.from(bytes.subarray(0, 4), (v) => v.toString(16).padStart(2, '0')).join(' ');
  return `unknown format (first bytes ${hex}): not PNG, JPEG, BMP, GIF or WebP`;
}

function looksLikeText(b: Uint8Array): boolean {
  for (const v of b) {
    if (v === 0) return false;
    if (v < 0x20 && v !== 0x09 && v !== 0x0a && v !== 0x0d) return false;
  }
  return true;
}

/** Reads the format and size from the header; throws a DataError when the bytes cannot be an image. */
export function probeImage(bytes: Uint8Array): ImageProbe {
  const format = sniffFormat(bytes);
  if (format === null) throw new DataError(describeUnsupported(bytes));
  const probe = HEADER_READERS[format](bytes);
  if (!(probe.width > 0 && probe.height > 0))
    throw new DataError(`invalid ${format.toUpperCase()} header: size ${probe.width}x${probe.height}`);
  return probe;
}

/** Throws when the declared size is over the limits: the decompression-bomb guard. */
export function checkLimits(probe: ImageProbe, limits: DecodeLimits = DEFAULT_LIMITS): void {
  const { width, height } = probe;
  const pixels = width * height;
  if (width > limits.maxSide || height > limits.maxSide || pixels > limits.maxPixels) {
    const mp = (pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0);
    throw new DataError(
      `${probe.format.toUpperCase()} header declares ${width}x${height} (${mp} megapixels), over the limit of ` +
        `${limits.maxSide} px a side and ${limits.maxPixels / 1e6} megapixels: refused before decoding`,
    );
  }
}

const truncated = (format: string): DataError => new DataError(`truncated ${format} (header incomplete)`);

const HEADER_READERS: Record<ImageFormat, (b: Uint8Array) => ImageProbe> = {
  png(b) {
    if (b.length < 24) throw truncated('PNG');
    if (ascii(b, 12, 4) !== 'IHDR') throw new DataError('invalid PNG: the first chunk is not IHDR');
    return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
  },
  gif(b) {
    if (b.length < 10) throw truncated('GIF');
    return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  },
  bmp(b) {
    const headerSize = i32le(b, 14);
    if (headerSize === 12) {
      if (b.length < 22) throw truncated('BMP');
      return { format: 'bmp', width: u16le(b, 18), height: u16le(b, 20) };
    }
    if (b.length < 26) throw truncated('BMP');
    return { format: 'bmp', width: i32le(b, 18), height: Math.abs(i32le(b, 22)) };
  },
  webp(b) {
    if (b.length < 30) throw truncated('WebP');
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8 ') {
      if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) throw new DataError('invalid WebP: bad VP8 frame header');
      return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    }
    if (chunk === 'VP8L') {
      if (b[20] !== 0x2f) throw new DataError('invalid WebP: bad VP8L signature');
      const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') {
      const w = (b[24]! | (b[25]! << 8) | (b[26]! << 16)) + 1;
      const h = (b[27]! | (b[28]! << 8) | (b[29]! << 16)) + 1;
      return { format: 'webp', width: w, height: h };
    }
    throw new DataError(`invalid WebP: unknown chunk "${chunk.replace(/[^\x20-\x7e]/g, '?')}"`);
  },
  jpeg(b) {
    // Walk the marker segments up to the first start-of-frame (SOF0..SOF15 except DHT, JPG, DAC).
    let at = 2;
    while (at + 4 <= b.length) {
      if (b[at] !== 0xff) throw new DataError(`invalid JPEG: no marker at byte ${at}`);
      const marker = b[at + 1]!;
      if (marker === 0xff) {
        at += 1; // fill byte
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
        at += 2;
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) throw new DataError('invalid JPEG: image data before the frame header');
      const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame) {
        if (at + 10 > b.length) break;
        const height = u16be(b, at + 5);
        if (height === 0) throw new DataError('JPEG with its height defined later (DNL marker) is not supported');
        return { format: 'jpeg', height, width: u16be(b, at + 7), components: b[at + 9]! };
      }
      at += 2 + u16be(b, at + 2);
    }
    throw truncated('JPEG');
  },
};
