import { createRng, deriveSeed, randInt, randRange, type Rng } from '../rng';
import type { Dataset, ImageRecord } from './types';

/**
 * The built-in data set: seeded procedural textures with painted defects and their exact masks.
 * Each texture is a continuous function of (x, y) in [0, 1)^2, so any working size gives the same
 * picture; a defect is a binary region that is painted only inside its mask, so the mask is exact.
 */
export const TEXTURES = ['woven', 'grain', 'tiles'] as const;
export type TextureKind = (typeof TEXTURES)[number];
export const DEFECTS = ['scratch', 'hole', 'stain'] as const;
export type DefectKind = (typeof DEFECTS)[number];

export interface SyntheticOptions {
  texture: TextureKind;
  size: number;
  channels: 1 | 3;
  seed: number;
  trainCount: number;
  testGoodCount: number;
  /** Anomalous test images per defect kind. */
  testDefectCount: number;
}

export const SYNTHETIC_DEFAULTS: SyntheticOptions = {
  texture: 'woven',
  size: 64,
  channels: 3,
  seed: 1,
  trainCount: 240,
  testGoodCount: 60,
  testDefectCount: 20,
};

/** Per-image variation of a texture: a random shift and small changes of contrast and tint. */
interface Variation {
  dx: number;
  dy: number;
  gain: number;
  bias: number;
}

type Shade = (x: number, y: number, v: Variation) => number;

/** Over-under weave: square cells alternate horizontal and vertical threads with soft edges. */
const woven: Shade = (x, y, v) => {
  const cells = 8;
  const u = (x + v.dx) * cells;
  const w = (y + v.dy) * cells;
  const horizontal = ((Math.floor(u) + Math.floor(w)) & 1) === 0;
  const across = horizontal ? w - Math.floor(w) : u - Math.floor(u);
  const along = horizontal ? u : w;
  const thread = Math.sin(Math.PI * across); // bright in the thread's middle, dark at its edges
  const fibre = 0.06 * Math.sin(2 * Math.PI * along * 3);
  return 0.25 + 0.55 * thread + fibre;
};

/** Wood-like grain: wavy bands along x. */
const grain: Shade = (x, y, v) => {
  const yy = y + v.dy + 0.035 * Math.sin(2 * Math.PI * (x + v.dx) * 2);
  const band = 0.5 + 0.5 * Math.sin(2 * Math.PI * yy * 7);
  const fine = 0.08 * Math.sin(2 * Math.PI * yy * 29);
  return 0.3 + 0.45 * band + fine;
};

/** Square tiles with dark grout and a bevel. */
const tiles: Shade = (x, y, v) => {
  const n = 4;
  const u = (x + v.dx) * n;
  const w = (y + v.dy) * n;
  const fu = u - Math.floor(u);
  const fw = w - Math.floor(w);
  const edge = Math.min(fu, 1 - fu, fw, 1 - fw);
  if (edge < 0.06) return 0.18;
  const bevel = Math.min(1, (edge - 0.06) / 0.08);
  return 0.45 + 0.3 * bevel + 0.04 * Math.sin(2 * Math.PI * (fu + fw));
};

const SHADES: Record<TextureKind, Shade> = { woven, grain, tiles };
/** Dark and light colour of each texture, for RGB sets (gray sets use the shade itself). */
const PALETTES: Record<TextureKind, [number[], number[]]> = {
  woven: [
    [0.12, 0.16, 0.3],
    [0.75, 0.8, 0.95],
  ],
  grain: [
    [0.35, 0.2, 0.08],
    [0.95, 0.78, 0.52],
  ],
  tiles: [
    [0.15, 0.18, 0.17],
    [0.85, 0.9, 0.86],
  ],
};

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function renderTexture(opts: SyntheticOptions, rng: Rng): Float32Array {
  const { size, channels, texture } = opts;
  const shade = SHADES[texture];
  const [dark, light] = PALETTES[texture];
  const variation: Variation = {
    dx: rng(),
    dy: rng(),
    gain: randRange(rng, 0.9, 1.1),
    bias: randRange(rng, -0.04, 0.04),
  };
  const out = new Float32Array(size * size * channels);
  const noise = 0.02;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const s = clamp01(shade((px + 0.5) / size, (py + 0.5) / size, variation) * variation.gain + variation.bias);
      const o = (py * size + px) * channels;
      for (let c = 0; c < channels; c++) {
        const base = channels === 1 ? s : dark[c]! + (light[c]! - dark[c]!) * s;
        out[o + c] = base + noise * (rng() * 2 - 1);
      }
    }
  }
  return out;
}

/** A defect: its exact mask and how it changes a pixel inside it. */
interface Defect {
  mask: Uint8Array;
  paint: (value: number, channel: number, x: number, y: number) => number;
}

function scratch(size: number, channels: number, rng: Rng): Defect {
  const mask = new Uint8Array(size * size);
  const angle = rng() * Math.PI;
  const length = randRange(rng, 0.35, 0.65) * size;
  const cx = randRange(rng, 0.3, 0.7) * size;
  const cy = randRange(rng, 0.3, 0.7) * size;
  const half = Math.max(0.6, size / 64); // a line about 1-2 px wide at 64 px
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const rx = x + 0.5 - cx;
      const ry = y + 0.5 - cy;
      const along = rx * ux + ry * uy;
      const across = -rx * uy + ry * ux;
      if (Math.abs(along) <= length / 2 && Math.abs(across) <= half) mask[y * size + x] = 1;
    }
  }
  const bright = rng() < 0.5;
  void channels;
  // A shallow groove: shifts brightness by about a third of the range, so it is visible but not glaring.
  const shift = randRange(rng, 0.25, 0.4) * (bright ? 1 : -1);
  return { mask, paint: (v) => clamp01(v + shift) };
}

function hole(size: number, channels: number, rng: Rng): Defect {
  const mask = new Uint8Array(size * size);
  const r = randRange(rng, 0.035, 0.08) * size;
  const cx = randRange(rng, 0.2, 0.8) * size;
  const cy = randRange(rng, 0.2, 0.8) * size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (d <= r) mask[y * size + x] = 1;
    }
  }
  void channels;
  // A dark pit with a faint lit rim on one side.
  return {
    mask,
    paint: (_v, _c, x, y) => {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / r;
      const rim = (x + 0.5 - cx) / r > 0.4 ? 0.2 * d : 0;
      return 0.12 + rim;
    },
  };
}

function stain(size: number, channels: number, rng: Rng): Defect {
  const mask = new Uint8Array(size * size);
  const blobs = 2 + randInt(rng, 3);
  const cx = randRange(rng, 0.25, 0.75) * size;
  const cy = randRange(rng, 0.25, 0.75) * size;
  const parts = Array.from({ length: blobs }, () => ({
    x: cx + randRange(rng, -0.08, 0.08) * size,
    y: cy + randRange(rng, -0.08, 0.08) * size,
    rx: randRange(rng, 0.05, 0.11) * size,
    ry: randRange(rng, 0.05, 0.11) * size,
  }));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (const p of parts) {
        if (((x + 0.5 - p.x) / p.rx) ** 2 + ((y + 0.5 - p.y) / p.ry) ** 2 <= 1) {
          mask[y * size + x] = 1;
          break;
        }
      }
    }
  }
  // A translucent tint: brownish in colour sets, a shift in brightness in gray sets.
  const tint = channels === 3 ? [0.55, 0.35, 0.1] : [rng() < 0.5 ? 0.15 : 0.85];
  const alpha = randRange(rng, 0.3, 0.5);
  return { mask, paint: (v, c) => v * (1 - alpha) + tint[c]! * alpha };
}

const DEFECT_MAKERS: Record<DefectKind, (size: number, channels: number, rng: Rng) => Defect> = {
  scratch,
  hole,
  stain,
};

function toBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(clamp01(values[i]!) * 255);
  return out;
}

function applyDefect(img: Float32Array, size: number, channels: number, defect: Defect): void {
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!defect.mask[y * size + x]) continue;
      const o = (y * size + x) * channels;
      for (let c = 0; c < channels; c++) img[o + c] = defect.paint(img[o + c]!, c, x, y);
    }
  }
}

/**
 * One image; the same (options, split, index) always gives the same pixels and mask. With
 * `paintDefect` false the defect's mask is drawn but not painted: the clean twin of the image.
 */
export function syntheticImage(
  opts: SyntheticOptions,
  split: 'train' | 'test',
  index: number,
  defectKind: DefectKind | null,
  paintDefect = true,
): ImageRecord {
  const rng = createRng(deriveSeed(opts.seed, `${opts.texture}/${split}/${defectKind ?? 'good'}/${index}`));
  const img = renderTexture(opts, rng);
  const label = defectKind ?? 'good';
  const record: ImageRecord = {
    id: `${split}/${label}/${String(index).padStart(4, '0')}`,
    name: `${split}/${label}/${String(index).padStart(3, '0')}.png`,
    split,
    label,
    pixels: new Uint8Array(0),
    originalWidth: opts.size,
    originalHeight: opts.size,
  };
  if (defectKind) {
    const defect = DEFECT_MAKERS[defectKind](opts.size, opts.channels, rng);
    if (paintDefect) applyDefect(img, opts.size, opts.channels, defect);
    record.mask = defect.mask;
  } else if (split === 'test') {
    record.mask = new Uint8Array(opts.size * opts.size);
  }
  record.pixels = toBytes(img);
  return record;
}

export function syntheticDataset(options: Partial<SyntheticOptions> = {}): Dataset {
  const opts: SyntheticOptions = { ...SYNTHETIC_DEFAULTS, ...options };
  if (!TEXTURES.includes(opts.texture)) throw new Error(`unknown texture "${opts.texture}" (use ${TEXTURES.join(', ')})`);
  const train = Array.from({ length: opts.trainCount }, (_, i) => syntheticImage(opts, 'train', i, null));
  const test: ImageRecord[] = [];
  for (let i = 0; i < opts.testGoodCount; i++) test.push(syntheticImage(opts, 'test', i, null));
  for (const kind of DEFECTS) {
    for (let i = 0; i < opts.testDefectCount; i++) test.push(syntheticImage(opts, 'test', i, kind));
  }
  return {
    id: `synthetic-${opts.texture}-${opts.size}-${opts.channels === 1 ? 'gray' : 'rgb'}-s${opts.seed}`,
    name: `Built-in: ${opts.texture} (${opts.size}px, ${opts.channels === 1 ? 'gray' : 'RGB'}, seed ${opts.seed})`,
    size: opts.size,
    channels: opts.channels,
    train,
    test,
  };
}
