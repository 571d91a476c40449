import { decodeBmp } from './bmp';
import { decodeGif } from './gif';
import { DEFAULT_LIMITS, type DecodeLimits, type DecodedImage } from './image';
import { decodeJpeg } from './jpeg';
import { decodePng } from './png';
import { checkLimits, probeImage } from './probe';
import { decodeWebp } from './webp';

export { ALPHA_BACKGROUND, DEFAULT_LIMITS } from './image';
export type { DecodeLimits, DecodedImage, ImageFormat, SourceColour } from './image';
export { checkLimits, describeUnsupported, probeImage, sniffFormat, type ImageProbe } from './probe';
export { provideWebpWasm } from './webp';

/**
 * Bytes to 8-bit gray or RGB pixels, in a worker or in Node. The format comes from the magic
 * bytes; the size is read from the header and checked against `limits` before decoding. Every
 * failure is a DataError with a one-line reason.
 */
export async function decodeImage(bytes: Uint8Array, limits: DecodeLimits = DEFAULT_LIMITS): Promise<DecodedImage> {
  const probe = probeImage(bytes);
  checkLimits(probe, limits);
  switch (probe.format) {
    case 'png':
      return decodePng(bytes);
    case 'jpeg':
      return decodeJpeg(bytes, probe, limits);
    case 'bmp':
      return decodeBmp(bytes);
    case 'gif':
      return decodeGif(bytes);
    case 'webp':
      return decodeWebp(bytes);
  }
}
