import { DataError } from '../errors';
import { flattenAlpha, type DecodedImage, type SourceColour } from './image';

/**
 * A small BMP reader (no maintained pure-JS package handles every variant we want): OS/2 and
 * Windows headers up to V5, 1/4/8-bit palettes (with RLE4/RLE8), 16/24/32-bit with or without
 * bit-field masks, bottom-up and top-down rows. 32-bit alpha is used only when some pixel has a
 * non-zero alpha, as browsers do, since many writers leave that byte at 0.
 */
export function decodeBmp(b: Uint8Array): DecodedImage {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const need = (end: number): void => {
    if (end > b.length) throw new DataError('truncated BMP (data ends early)');
  };
  need(26);
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  const core = headerSize === 12;
  need(14 + headerSize);
  const width = core ? view.getUint16(18, true) : view.getInt32(18, true);
  const rawHeight = core ? view.getInt16(20, true) : view.getInt32(22, true);
  const bpp = view.getUint16(core ? 24 : 28, true);
  const compression = core ? 0 : view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height === 0) throw new DataError(`invalid BMP: size ${width}x${rawHeight}`);
  if (compression === 4 || compression === 5) throw new DataError('BMP with embedded JPEG/PNG data is not supported');
  if (![0, 1, 2, 3, 6].includes(compression)) throw new DataError(`unsupported BMP compression ${compression}`);
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) throw new DataError(`unsupported BMP bit depth ${bpp}`);

  // Bit-field masks live in the header (V2+) or right after a 40-byte header.
  let masks: number[] | undefined;
  let paletteStart = 14 + headerSize;
  if (compression === 3 || compression === 6) {
    const at = headerSize >= 52 ? 54 : paletteStart;
    const count = compression === 6 || headerSize >= 56 ? 4 : 3;
    need(at + count * 4);
    masks = Array.from({ length: count }, (_, i) => view.getUint32(at + i * 4, true));
    if (headerSize < 52) paletteStart += count * 4;
  } else if (bpp === 16) masks = [0x7c00, 0x03e0, 0x001f];
  else if (bpp === 32) masks = [0xff0000, 0xff00, 0xff, 0xff000000];

  const pixels = width * height;
  const rgba = new Uint8Array(pixels * 4);
  // Row y of the file is image row `rowOf(y)`.
  const rowOf = (y: number): number => (topDown ? y : height - 1 - y);
  let source: SourceColour = 'rgb';

  if (bpp <= 8) {
    const entrySize = core ? 3 : 4;
    const used = core ? 0 : view.getUint32(46, true);
    const count = used > 0 && used <= 256 ? used : 1 << bpp;
    need(paletteStart + count * entrySize);
    const palette = Array.from({ length: count }, (_, i) => {
      const at = paletteStart + i * entrySize;
      return [b[at + 2]!, b[at + 1]!, b[at]!];
    });
    const put = (x: number, row: number, index: number): void => {
      const colour = palette[index] ?? palette[0]!;
      const o = (row * width + x) * 4;
      rgba[o] = colour[0]!;
      rgba[o + 1] = colour[1]!;
      rgba[o + 2] = colour[2]!;
      rgba[o + 3] = 255;
    };
    if (compression === 1 || compression === 2) {
      rgba.fill(0);
      for (let p = 0; p < pixels; p++) put(p % width, Math.floor(p / width), 0);
      decodeRle(b, dataOffset, width, height, compression === 1 ? 8 : 4, (x, y, index) => put(x, rowOf(y), index));
    } else {
      const stride = Math.floor((bpp * width + 31) / 32) * 4;
      need(dataOffset + stride * (height - 1) + Math.ceil((bpp * width) / 8));
      const perByte = 8 / bpp;
      const mask = (1 << bpp) - 1;
      for (let y = 0; y < height; y++) {
        const rowStart = dataOffset + y * stride;
        for (let x = 0; x < width; x++) {
          const byte = b[rowStart + Math.floor(x / perByte)]!;
          const shift = 8 - bpp * ((x % perByte) + 1);
          put(x, rowOf(y), (byte >> shift) & mask);
        }
      }
    }
    source = palette.every(([r, g, bl]) => r === g && g === bl) ? 'gray' : 'palette';
  } else {
    const stride = Math.floor((bpp * width + 31) / 32) * 4;
    const bytesPerPixel = bpp / 8;
    need(dataOffset + stride * (height - 1) + width * bytesPerPixel);
    const fields = masks?.map(maskField);
    let anyAlpha = false;
    for (let y = 0; y < height; y++) {
      const rowStart = dataOffset + y * stride;
      for (let x = 0; x < width; x++) {
        const at = rowStart + x * bytesPerPixel;
        const o = (rowOf(y) * width + x) * 4;
        if (bpp === 24) {
          rgba[o] = b[at + 2]!;
          rgba[o + 1] = b[at + 1]!;
          rgba[o + 2] = b[at]!;
          rgba[o + 3] = 255;
          continue;
        }
        const value = bpp === 16 ? view.getUint16(at, true) : view.getUint32(at, true);
        for (let c = 0; c < 4; c++) {
          const field = fields![c];
          rgba[o + c] = field ? field(value) : 255;
        }
        if (fields![3] && rgba[o + 3] !== 0) anyAlpha = true;
      }
    }
    if (fields?.[3]) {
      if (anyAlpha) source = 'rgba';
      else for (let p = 0; p < pixels; p++) rgba[p * 4 + 3] = 255;
    }
  }
  const data = flattenAlpha(rgba, pixels, 3);
  if (source === 'gray') {
    const gray = new Uint8Array(pixels);
    for (let p = 0; p < pixels; p++) gray[p] = data[p * 3]!;
    return { width, height, channels: 1, data: gray, format: 'bmp', source, bitDepth: bpp };
  }
  return { width, height, channels: 3, data, format: 'bmp', source, bitDepth: bpp };
}

/** A function reading one 0..255 channel out of a pixel word through a bit mask, or undefined. */
function maskField(mask: number): ((value: number) => number) | undefined {
  if (mask === 0) return undefined;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1 && shift + bits < 32) bits++;
  const max = 2 ** bits - 1;
  return (value) => Math.round((((value & mask) >>> shift) * 255) / max);
}

/** Run-length encoded 4- or 8-bit indices; rows count from the bottom of the file as stored. */
function decodeRle(
  b: Uint8Array,
  start: number,
  width: number,
  height: number,
  bits: 4 | 8,
  put: (x: number, y: number, index: number) => void,
): void {
  let at = start;
  let x = 0;
  let y = 0;
  const read = (): number => {
    if (at >= b.length) throw new DataError('truncated BMP (RLE data ends early)');
    return b[at++]!;
  };
  const emit = (index: number): void => {
    if (x < width && y < height) put(x, y, index);
    x++;
  };
  while (y < height) {
    const count = read();
    const value = read();
    if (count > 0) {
      for (let i = 0; i < count; i++) emit(bits === 8 ? value : i % 2 === 0 ? value >> 4 : value & 15);
    } else if (value === 0) {
      x = 0;
      y++;
    } else if (value === 1) {
      return;
    } else if (value === 2) {
      x += read();
      y += read();
    } else {
      const bytes = bits === 8 ? value : Math.ceil(value / 2);
      for (let i = 0; i < value; i++) {
        if (bits === 8) emit(read());
        else {
          const byte = b[at + (i >> 1)];
          if (byte === undefined) throw new DataError('truncated BMP (RLE data ends early)');
          emit(i % 2 === 0 ? byte >> 4 : byte & 15);
        }
      }
      if (bits === 4) at += bytes;
      if (bytes % 2 === 1) at++;
    }
  }
}
