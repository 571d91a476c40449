import { decode as decodePngData, type DecodedPng } from 'fast-png';
import { DataError, reasonOf } from '../errors';
import { flattenAlpha, over, type DecodedImage, type SourceColour } from './image';

/**
 * PNG through fast-png: every colour type (gray, RGB, palette, gray+alpha, RGBA), bit depths 1 to
 * 16, tRNS transparency. 16-bit samples are scaled to 8 bits by round(v / 257) (65535 -> 255).
 */
export function decodePng(bytes: Uint8Array): DecodedImage {
  let png: DecodedPng;
  try {
    png = decodePngData(bytes, { checkCrc: false });
  } catch (error) {
    throw new DataError(describePngFailure(error));
  }
  const { width, height, depth } = png;
  const pixels = width * height;
  const samplesPerPixel = png.palette ? 1 : png.channels;
  const expected = depth < 8 ? Math.ceil((width * depth * samplesPerPixel) / 8) * height : pixels * samplesPerPixel;
  if (png.data.length !== expected) throw new DataError('truncated PNG (pixel data incomplete)');

  const base = { width, height, format: 'png' as const, bitDepth: depth };
  if (png.palette) return { ...base, ...fromPalette(png, pixels) };

  const samples = toBytes(png, samplesPerPixel);
  const colourType = png.channels;
  if (colourType === 1 || colourType === 3) {
    const data = png.transparency ? applyColourKey(samples, png, pixels) : samples;
    const source: SourceColour = colourType === 1 ? 'gray' : 'rgb';
    return { ...base, channels: colourType, data, source };
  }
  if (colourType === 2) return { ...base, channels: 1, data: flattenAlpha(samples, pixels, 1), source: 'gray+alpha' };
  if (colourType === 4) return { ...base, channels: 3, data: flattenAlpha(samples, pixels, 3), source: 'rgba' };
  throw new DataError(`unsupported PNG with ${colourType} channels`);
}

function describePngFailure(error: unknown): string {
  const reason = reasonOf(error);
  // fast-png reads past the end of the buffer (RangeError from iobuffer) or finds a short zlib stream.
  if (/out of range|outside the bounds|offset|unexpected EOF|end of|decompress|filter: undefined/i.test(reason))
    return 'truncated PNG (data ends early)';
  return `invalid PNG: ${reason}`;
}

/** Unpacked 8-bit samples: 16-bit values scaled by 255/65535, 1/2/4-bit values stretched to 0..255. */
function toBytes(png: DecodedPng, samplesPerPixel: number): Uint8Array {
  const { data, depth, width, height } = png;
  if (depth === 8) return data instanceof Uint8Array ? data : Uint8Array.from(data);
  if (depth === 16) {
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = Math.round(data[i]! / 257);
    return out;
  }
  // Low bit depths are gray only (palette is handled apart): rows are packed and byte-aligned.
  const unpacked = unpackRows(data, width * samplesPerPixel, height, depth);
  const scale = 255 / ((1 << depth) - 1);
  for (let i = 0; i < unpacked.length; i++) unpacked[i] = Math.round(unpacked[i]! * scale);
  return unpacked;
}

function unpackRows(data: ArrayLike<number>, samplesPerRow: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(samplesPerRow * height);
  const rowBytes = Math.ceil((samplesPerRow * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < samplesPerRow; x++) {
      const bit = x * depth;
      const byte = data[y * rowBytes + (bit >> 3)]!;
      out[y * samplesPerRow + x] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

/** tRNS on gray or RGB images names one colour that is fully transparent. */
function applyColourKey(samples: Uint8Array, png: DecodedPng, pixels: number): Uint8Array {
  const key = png.transparency!;
  const channels = png.channels;
  // The key is stored at the image's bit depth; compare at that depth.
  const raw = png.data;
  const out = samples.slice();
  const lowDepth = png.depth < 8;
  const levels = lowDepth ? unpackRows(raw, png.width * channels, png.height, png.depth) : raw;
  for (let p = 0; p < pixels; p++) {
    let match = true;
    for (let c = 0; c < channels && match; c++) match = levels[p * channels + c] === key[c];
    if (match) for (let c = 0; c < channels; c++) out[p * channels + c] = over(out[p * channels + c]!, 0);
  }
  return out;
}

function fromPalette(png: DecodedPng, pixels: number): Pick<DecodedImage, 'channels' | 'data' | 'source'> {
  const palette = png.palette!;
  const indices = png.depth === 8 ? png.data : unpackRows(png.data, png.width, png.height, png.depth);
  const data = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    const entry = palette[indices[p]!];
    if (!entry) throw new DataError(`invalid PNG: palette index ${indices[p]} out of range`);
    const alpha = entry.length > 3 ? entry[3]! : 255;
    for (let c = 0; c < 3; c++) data[p * 3 + c] = over(entry[c]!, alpha);
  }
  return { channels: 3, data, source: 'palette' };
}
