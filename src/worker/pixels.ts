/** Converts the lab's gray/RGB bytes into RGBA for canvases (the page owns pixels). */
export function toRgba(bytes: Uint8Array, channels: number): Uint8ClampedArray {
  const n = bytes.length / channels;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    if (channels === 1) {
      const v = bytes[i]!;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    } else {
      out[o] = bytes[i * 3]!;
      out[o + 1] = bytes[i * 3 + 1]!;
      out[o + 2] = bytes[i * 3 + 2]!;
    }
    out[o + 3] = 255;
  }
  return out;
}
