import { decode as decodeJpegData } from 'jpeg-js';
import { DataError, reasonOf } from '../errors';
import type { DecodeLimits, DecodedImage } from './image';
import type { ImageProbe } from './probe';

/**
 * JPEG through jpeg-js: baseline and progressive, gray, YCbCr and Adobe CMYK/YCCK (converted to
 * RGB by jpeg-js). Tolerant decoding is off, so a truncated file fails instead of coming back with
 * grey blocks.
 */
export function decodeJpeg(bytes: Uint8Array, probe: ImageProbe, limits: DecodeLimits): DecodedImage {
  let rgb: Uint8Array;
  let width: number;
  let height: number;
  try {
    const image = decodeJpegData(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: limits.maxPixels / 1e6,
      // Component planes plus the RGB output: a few bytes per pixel, with room to spare.
      maxMemoryUsageInMB: Math.ceil((limits.maxPixels * 12) / 2 ** 20),
    });
    ({ width, height } = image);
    rgb = image.data;
  } catch (error) {
    throw new DataError(describeJpegFailure(error, bytes));
  }
  const base = { width, height, format: 'jpeg' as const, bitDepth: 8 };
  if (probe.components === 1) {
    const gray = new Uint8Array(width * height);
    for (let p = 0; p < gray.length; p++) gray[p] = rgb[p * 3]!;
    return { ...base, channels: 1, data: gray, source: 'gray' };
  }
  return { ...base, channels: 3, data: rgb, source: probe.components === 4 ? 'cmyk' : 'rgb' };
}

function describeJpegFailure(error: unknown, bytes: Uint8Array): string {
  const reason = reasonOf(error);
  const endsWithEoi = bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
  if (!endsWithEoi || /marker was not found|undefined|reading '|end of|out of range|offset/i.test(reason))
    return 'truncated JPEG (data ends early)';
  if (/4 components/.test(reason)) return 'unsupported JPEG: 4 colour components without an Adobe marker';
  return `invalid JPEG: ${reason}`;
}
