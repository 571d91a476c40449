import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { encode as encodePng } from 'fast-png';
import { zlibSync } from 'fflate';
import jpeg from 'jpeg-js';
import { GifWriter } from 'omggif';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, probeImage, provideWebpWasm } from '../../src/core/data/decode';

// Fixtures are made here with the pure-JS encoders. Two cannot be: jpeg-js writes YCbCr only, so
// the CMYK JPEG (16x8, left half pure cyan, right half K=128) was written once by Pillow; the WebP
// files were written once by @jsquash/webp's encoder (its encoder needs SIMD detection and a second
// wasm, not worth loading in a unit test).
const CMYK_JPEG =
  '/9j/7gAOQWRvYmUAZAAAAAAA/9sAQwACAQEBAQECAQEBAgICAgIEAwICAgIFBAQDBAYFBgYGBQYGBgcJCAYHCQcGBggLCAkKCgoKCgYICwwLCgwJCgoK/8AAFAgACAAQBEMRAE0RAFkRAEsRAP/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgMEBQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/aAA4EQwBNAFkASwAAPwD+f+v38r9/K/fyv7/KKK/n/r//2Q==';
/** 4x2 lossless: red, green, blue, black at alpha 128 / black, 85, 170, white. */
const WEBP_LOSSLESS =
  'UklGRkQAAABXRUJQVlA4TDcAAAAvA0AAED8gECCI9J9igyDbpoecP8oFAgSR/lMQSNrYfDz5AxybPDbnqioQCqAxmGDaGRTR/6AFAA==';
/** 16x16 lossy, solid (40, 120, 200). */
const WEBP_LOSSY = 'UklGRj4AAABXRUJQVlA4IDIAAADQAQCdASoQABAAAMASJaACdLoB+AADsAD+8JtD/4yp8SF+JC/8ZU/998Pe+HvfD/JQAA==';

const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const reason = async (bytes: Uint8Array): Promise<string> => {
  try {
    await decodeImage(bytes);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('decoded, but should have been refused');
};

function noiseRgb(w: number, h: number): Uint8Array {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + 13) % 251;
  return data;
}

function rgbToRgba(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array((rgb.length / 3) * 4);
  for (let p = 0; p < rgb.length / 3; p++) out.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, 255], p * 4);
  return out;
}

/** A BMP writer for fixtures: 24-bit, 8-bit palette, or 32-bit with V4 bit-field masks (alpha). */
function bmp(w: number, h: number, bpp: 8 | 24 | 32, pixels: number[][], opts: { topDown?: boolean; palette?: number[][] } = {}): Uint8Array {
  const headerSize = bpp === 32 ? 108 : 40;
  const paletteBytes = bpp === 8 ? 256 * 4 : 0;
  const stride = Math.floor((bpp * w + 31) / 32) * 4;
  const offset = 14 + headerSize + paletteBytes;
  const out = new Uint8Array(offset + stride * h);
  const v = new DataView(out.buffer);
  out.set([0x42, 0x4d]);
  v.setUint32(2, out.length, true);
  v.setUint32(10, offset, true);
  v.setUint32(14, headerSize, true);
  v.setInt32(18, w, true);
  v.setInt32(22, opts.topDown ? -h : h, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, bpp, true);
  v.setUint32(30, bpp === 32 ? 3 : 0, true);
  if (bpp === 32) [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000].forEach((m, i) => v.setUint32(54 + i * 4, m, true));
  if (bpp === 8) opts.palette!.forEach(([r, g, b], i) => out.set([b!, g!, r!, 0], 14 + headerSize + i * 4));
  for (let y = 0; y < h; y++) {
    const fileRow = opts.topDown ? y : h - 1 - y;
    for (let x = 0; x < w; x++) {
      const px = pixels[y * w + x]!;
      const at = offset + fileRow * stride + x * (bpp / 8);
      if (bpp === 8) out[at] = px[0]!;
      else if (bpp === 24) out.set([px[2]!, px[1]!, px[0]!], at);
      else out.set([px[2]!, px[1]!, px[0]!, px[3]!], at);
    }
  }
  return out;
}

/** A PNG file with chunks as given (correct CRCs), for headers that no encoder would write. */
function pngChunks(chunks: [type: string, data: Uint8Array][]): Uint8Array {
  const parts: number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  for (const [type, data] of chunks) {
    const body = new Uint8Array(4 + data.length);
    body.set(text(type));
    body.set(data, 4);
    const len = data.length;
    parts.push(len >>> 24, (len >>> 16) & 255, (len >>> 8) & 255, len & 255, ...body);
    const crc = crc32(body);
    parts.push(crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255);
  }
  return Uint8Array.from(parts);
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function ihdr(w: number, h: number, depth: number, colourType: number): Uint8Array {
  const d = new Uint8Array(13);
  const v = new DataView(d.buffer);
  v.setUint32(0, w);
  v.setUint32(4, h);
  d.set([depth, colourType, 0, 0, 0], 8);
  return d;
}

describe('PNG', () => {
  it('decodes 8-bit RGB exactly', async () => {
    const data = noiseRgb(5, 3);
    const image = await decodeImage(encodePng({ width: 5, height: 3, data, channels: 3, depth: 8 }));
    expect(image).toMatchObject({ width: 5, height: 3, channels: 3, format: 'png', source: 'rgb', bitDepth: 8 });
    expect(Array.from(image.data)).toEqual(Array.from(data));
    const interlaced = await decodeImage(encodePng({ width: 5, height: 3, data, channels: 3, depth: 8 }, { interlace: 'Adam7' }));
    expect(Array.from(interlaced.data)).toEqual(Array.from(data));
  });

  it('flattens RGBA onto white', async () => {
    const data = Uint8Array.from([255, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 128]);
    const image = await decodeImage(encodePng({ width: 3, height: 1, data, channels: 4, depth: 8 }));
    expect(image.channels).toBe(3);
    expect(image.source).toBe('rgba');
    // opaque red stays red, transparent red is white, black at alpha 128 is (255 * 127) / 255 = 127
    expect(Array.from(image.data)).toEqual([255, 0, 0, 255, 255, 255, 127, 127, 127]);
  });

  it('keeps gray as one channel, flattens gray+alpha', async () => {
    const gray = await decodeImage(encodePng({ width: 2, height: 2, data: Uint8Array.from([0, 50, 100, 255]), channels: 1, depth: 8 }));
    expect(gray).toMatchObject({ channels: 1, source: 'gray' });
    expect(Array.from(gray.data)).toEqual([0, 50, 100, 255]);
    const ga = await decodeImage(encodePng({ width: 2, height: 1, data: Uint8Array.from([0, 0, 0, 255]), channels: 2, depth: 8 }));
    expect(ga).toMatchObject({ channels: 1, source: 'gray+alpha' });
    expect(Array.from(ga.data)).toEqual([255, 0]);
  });

  it('scales 16-bit samples to 8 bits', async () => {
    const data = Uint16Array.from([0, 257, 32896, 65535]);
    const image = await decodeImage(encodePng({ width: 4, height: 1, data, channels: 1, depth: 16 }));
    expect(image).toMatchObject({ channels: 1, bitDepth: 16 });
    expect(Array.from(image.data)).toEqual([0, 1, 128, 255]);
    const rgb16 = await decodeImage(encodePng({ width: 1, height: 1, data: Uint16Array.from([65535, 0, 25700]), channels: 3, depth: 16 }));
    expect(Array.from(rgb16.data)).toEqual([255, 0, 100]);
  });

  it('expands a palette PNG, with tRNS transparency onto white', async () => {
    // Transparent entries first, as PNG writers order them (fast-png's encoder writes tRNS
    // values for the non-opaque entries only, so it is right only in that order).
    const palette = [
      [0, 0, 255, 0],
      [255, 0, 0, 255],
      [0, 128, 0, 255],
    ];
    const png = encodePng({ width: 3, height: 1, data: Uint8Array.from([1, 0, 2]), channels: 1, depth: 8, palette });
    const image = await decodeImage(png);
    expect(image).toMatchObject({ channels: 3, source: 'palette' });
    expect(Array.from(image.data)).toEqual([255, 0, 0, 255, 255, 255, 0, 128, 0]);
  });

  it('unpacks 1-bit gray', async () => {
    // One row of 10 pixels, 1 bit each: 1010000011 -> bytes 0b10100000, 0b11000000.
    const png = pngChunks([
      ['IHDR', ihdr(10, 1, 1, 0)],
      ['IDAT', zlibSync(Uint8Array.from([0, 0b10100000, 0b11000000]))],
      ['IEND', new Uint8Array(0)],
    ]);
    const image = await decodeImage(png);
    expect(Array.from(image.data)).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 255, 255]);
  });
});

describe('JPEG', () => {
  it('decodes a YCbCr JPEG close to its source', async () => {
    const w = 16;
    const rgba = new Uint8Array(w * w * 4);
    for (let p = 0; p < w * w; p++) rgba.set([200, 100, 50, 255], p * 4);
    const bytes = new Uint8Array(jpeg.encode({ width: w, height: w, data: rgba }, 95).data);
    const image = await decodeImage(bytes);
    expect(image).toMatchObject({ width: 16, height: 16, channels: 3, format: 'jpeg', source: 'rgb' });
    expect(Math.abs(image.data[0]! - 200)).toBeLessThan(4);
    expect(Math.abs(image.data[1]! - 100)).toBeLessThan(4);
    expect(Math.abs(image.data[2]! - 50)).toBeLessThan(4);
  });

  it('converts an Adobe CMYK JPEG to RGB', async () => {
    const image = await decodeImage(b64(CMYK_JPEG));
    expect(image).toMatchObject({ width: 16, height: 8, channels: 3, source: 'cmyk' });
    const at = (x: number, y: number): number[] => Array.from(image.data.subarray((y * 16 + x) * 3, (y * 16 + x) * 3 + 3));
    expect(at(2, 4)).toEqual([0, 255, 255]); // pure cyan
    for (const v of at(12, 4)) expect(Math.abs(v - 127)).toBeLessThan(3); // K = 128
  });
});

describe('BMP', () => {
  const px = [
    [255, 0, 0, 255],
    [0, 255, 0, 255],
    [0, 0, 255, 255],
    [10, 20, 30, 255],
    [40, 50, 60, 255],
    [70, 80, 90, 255],
  ];
  const rgbOf = (list: number[][]): number[] => list.flatMap((p) => p.slice(0, 3));

  it('reads 24-bit bottom-up and top-down with row padding', async () => {
    for (const topDown of [false, true]) {
      const image = await decodeImage(bmp(3, 2, 24, px, { topDown }));
      expect(image).toMatchObject({ width: 3, height: 2, channels: 3, format: 'bmp', source: 'rgb' });
      expect(Array.from(image.data)).toEqual(rgbOf(px));
    }
  });

  it('reads an 8-bit palette, as gray when the palette is gray', async () => {
    const palette = Array.from({ length: 256 }, (_, i) => [255 - i, i, 0]);
    const image = await decodeImage(bmp(2, 2, 8, [[0], [1], [2], [255]], { palette }));
    expect(image.source).toBe('palette');
    expect(Array.from(image.data)).toEqual([255, 0, 0, 254, 1, 0, 253, 2, 0, 0, 255, 0]);
    const grayPalette = Array.from({ length: 256 }, (_, i) => [i, i, i]);
    const gray = await decodeImage(bmp(2, 1, 8, [[7], [200]], { palette: grayPalette }));
    expect(gray).toMatchObject({ channels: 1, source: 'gray' });
    expect(Array.from(gray.data)).toEqual([7, 200]);
  });

  it('reads 32-bit bit fields with alpha, flattened onto white', async () => {
    const image = await decodeImage(bmp(2, 1, 32, [[255, 0, 0, 255], [0, 0, 0, 0]]));
    expect(image.source).toBe('rgba');
    expect(Array.from(image.data)).toEqual([255, 0, 0, 255, 255, 255]);
  });

  it('refuses a truncated BMP', async () => {
    const bytes = bmp(3, 2, 24, px);
    expect(await reason(bytes.slice(0, bytes.length - 10))).toMatch(/truncated BMP/);
  });
});

describe('GIF and WebP', () => {
  it('decodes the first GIF frame, transparent pixels white', async () => {
    const buf = new Uint8Array(1024);
    const writer = new GifWriter(buf, 2, 2, { palette: [0x000000, 0xff0000, 0x00ff00, 0x0000ff] });
    writer.addFrame(0, 0, 2, 2, [1, 2, 3, 0], { transparent: 0 });
    writer.addFrame(0, 0, 2, 2, [0, 0, 0, 0]);
    const image = await decodeImage(buf.slice(0, writer.end()));
    expect(image).toMatchObject({ width: 2, height: 2, format: 'gif' });
    expect(Array.from(image.data)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
  });

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    provideWebpWasm(await WebAssembly.compile(readFileSync(require.resolve('@jsquash/webp/codec/dec/webp_dec.wasm'))));
  });

  it('decodes lossless WebP exactly, alpha onto white', async () => {
    const image = await decodeImage(b64(WEBP_LOSSLESS));
    expect(image).toMatchObject({ width: 4, height: 2, channels: 3, format: 'webp', source: 'rgba' });
    expect(Array.from(image.data)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 127, 127, 127, 0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255]);
  });

  it('decodes lossy WebP and reads its size from the header', async () => {
    const bytes = b64(WEBP_LOSSY);
    expect(probeImage(bytes)).toMatchObject({ format: 'webp', width: 16, height: 16 });
    const image = await decodeImage(bytes);
    expect(image.source).toBe('rgb');
    expect(Math.abs(image.data[0]! - 40)).toBeLessThan(4);
    expect(Math.abs(image.data[2]! - 200)).toBeLessThan(4);
    expect(await reason(bytes.slice(0, 40))).toMatch(/WebP/);
  });
});

describe('bad input', () => {
  it('refuses a zero-byte file', async () => {
    expect(await reason(new Uint8Array(0))).toBe('empty file (0 bytes)');
  });

  it('refuses a text file and an SVG whatever they are named', async () => {
    expect(await reason(text('hello, this is not an image\n'))).toBe('a text file, not an image');
    expect(await reason(text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'))).toMatch(/^SVG is a vector format/);
    expect(await reason(text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatch(/^SVG/);
    expect(await reason(Uint8Array.from([0, 1, 2, 3, 4, 255]))).toMatch(/^unknown format \(first bytes 00 01 02 03\)/);
  });

  it('refuses truncated PNG and JPEG files', async () => {
    const png = encodePng({ width: 32, height: 32, data: noiseRgb(32, 32), channels: 3, depth: 8 });
    for (const cut of [20, Math.floor(png.length / 2), png.length - 5])
      expect(await reason(png.slice(0, cut))).toMatch(/^truncated PNG/);
    const jpg = new Uint8Array(jpeg.encode({ width: 32, height: 32, data: rgbToRgba(noiseRgb(32, 32)) }, 90).data);
    for (const fraction of [0.05, 0.1, 0.5, 0.95])
      expect(await reason(jpg.slice(0, Math.floor(jpg.length * fraction)))).toMatch(/^truncated JPEG/);
  });

  it('refuses a 30000x30000 PNG bomb from its header, before decoding', async () => {
    // A real bomb's IDAT would inflate to 900 MB; here 4 MB of zeros compress to a few KB, and the
    // header alone must be enough to refuse it.
    const bomb = pngChunks([
      ['IHDR', ihdr(30000, 30000, 8, 0)],
      ['IDAT', zlibSync(new Uint8Array(4 * 2 ** 20))],
      ['IEND', new Uint8Array(0)],
    ]);
    expect(bomb.length).toBeLessThan(20_000);
    const started = performance.now();
    expect(await reason(bomb)).toMatch(/declares 30000x30000 \(900 megapixels\).*refused before decoding/);
    expect(performance.now() - started).toBeLessThan(50);
    // Long thin images are refused by side length.
    const thin = pngChunks([['IHDR', ihdr(20000, 1, 8, 0)], ['IEND', new Uint8Array(0)]]);
    expect(await reason(thin)).toMatch(/20000x1/);
  });

  it('refuses JPEG and GIF headers over the limit too', async () => {
    const jpg = new Uint8Array(jpeg.encode({ width: 8, height: 8, data: new Uint8Array(256) }, 90).data);
    const sof = jpg.findIndex((v, i) => v === 0xff && jpg[i + 1] === 0xc0);
    jpg.set([0x75, 0x30, 0x75, 0x30], sof + 5); // 30000 x 30000
    expect(await reason(jpg)).toMatch(/JPEG header declares 30000x30000/);
    const gif = Uint8Array.from([...text('GIF89a'), 0x30, 0x75, 0x30, 0x75, 0, 0, 0, 0x3b]);
    expect(await reason(gif)).toMatch(/GIF header declares 30000x30000/);
  });
});
