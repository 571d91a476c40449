import { DataError, reasonOf } from '../errors';
import { flattenAlpha, type DecodedImage } from './image';

/**
 * WebP through @jsquash/webp (libwebp compiled to wasm), loaded on first use so that a set without
 * WebP files never fetches the wasm. In a bundled worker the codec finds its .wasm next to its
 * script; Node has no fetch for file URLs, so a Node caller hands the compiled module over first
 * with `provideWebpWasm` (src/cli/loadFolder.ts does).
 */
type WebpDecode = (buffer: ArrayBuffer) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;

let wasmModule: WebAssembly.Module | undefined;
let decoder: Promise<WebpDecode> | undefined;

export function provideWebpWasm(module: WebAssembly.Module): void {
  wasmModule = module;
  decoder = undefined;
}

async function loadDecoder(): Promise<WebpDecode> {
  const codec = await import('@jsquash/webp/decode.js');
  // The package's init accepts a compiled module as its first argument (its .d.ts only lists options).
  const init = codec.init as (module?: WebAssembly.Module) => Promise<void>;
  if (wasmModule) await init(wasmModule);
  return codec.default as WebpDecode;
}

export async function decodeWebp(bytes: Uint8Array): Promise<DecodedImage> {
  decoder ??= loadDecoder();
  let decode: WebpDecode;
  try {
    decode = await decoder;
  } catch (error) {
    decoder = undefined;
    throw new DataError(`WebP decoder unavailable here (${reasonOf(error)})`);
  }
  let image: Awaited<ReturnType<WebpDecode>>;
  try {
    // The codec copies the input into wasm memory; hand it an exact ArrayBuffer.
    image = await decode(bytes.slice().buffer);
  } catch (error) {
    const reason = reasonOf(error);
    if (/fetch|wasm|WebAssembly|instantiate/i.test(reason)) throw new DataError(`WebP decoder unavailable here (${reason})`);
    throw new DataError('invalid or truncated WebP');
  }
  const { width, height, data } = image;
  // libwebp always hands back RGBA; opaque files have alpha 255 everywhere.
  let opaque = true;
  for (let i = 3; i < data.length && opaque; i += 4) opaque = data[i] === 255;
  return {
    width,
    height,
    channels: 3,
    data: flattenAlpha(data, width * height, 3),
    format: 'webp',
    source: opaque ? 'rgb' : 'rgba',
    bitDepth: 8,
  };
}
