import { thresholdCentred } from '../../core/metrics/threshold';

/** Viridis (perceptually uniform, colour-blind safe), sampled at 9 anchors and interpolated. */
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export function viridisCss(t: number): string {
  const [r, g, b] = viridis(t);
  return `rgb(${r | 0}, ${g | 0}, ${b | 0})`;
}

/** Jet (blue, cyan, yellow, red): the field's habit, offered as an option; not colour-blind safe. */
export function jet(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const channel = (centre: number) => 255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * x - centre)));
  return [channel(3), channel(2), channel(1)];
}

export type PaletteName = 'viridis' | 'jet';
let activePalette: PaletteName = 'viridis';

/** The colour map heatmaps and legends use (the reader's choice; viridis unless changed). */
export function setPalette(name: PaletteName): void {
  activePalette = name;
}

export function paletteRgb(t: number): [number, number, number] {
  return activePalette === 'jet' ? jet(t) : viridis(t);
}

export function paletteCss(t: number): string {
  const [r, g, b] = paletteRgb(t);
  return `rgb(${r | 0}, ${g | 0}, ${b | 0})`;
}

/** Map values to RGBA with a shared [min, max] scale; optionally blended over an image. */
export function heatmapRgba(
  map: Float32Array,
  min: number,
  max: number,
  under?: Uint8ClampedArray,
  alpha = 0.55,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(map.length * 4);
  const span = max - min || 1;
  for (let i = 0; i < map.length; i++) {
    const [r, g, b] = paletteRgb((map[i]! - min) / span);
    const o = i * 4;
    if (under) {
      out[o] = under[o]! * (1 - alpha) + r * alpha;
      out[o + 1] = under[o + 1]! * (1 - alpha) + g * alpha;
      out[o + 2] = under[o + 2]! * (1 - alpha) + b * alpha;
    } else {
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
    out[o + 3] = 255;
  }
  return out;
}

/** How a heatmap maps values to colours. */
export type HeatScale =
  | { kind: 'raw'; min: number; max: number }
  /** (v - threshold) / (max - min) + 0.5: the threshold sits mid-scale. */
  | { kind: 'centred'; threshold: number; min: number; max: number };

/** The colour-scale position (0..1) of a map value. */
export function scalePosition(value: number, scale: HeatScale): number {
  if (scale.kind === 'centred') return thresholdCentred(value, scale.threshold, scale.min, scale.max);
  return (value - scale.min) / (scale.max - scale.min || 1);
}

/** The value at each end of the colour bar, for its labels. */
export function scaleEnds(scale: HeatScale): [number, number] {
  if (scale.kind === 'raw') return [scale.min, scale.max];
  const half = (scale.max - scale.min || 1) / 2;
  return [scale.threshold - half, scale.threshold + half];
}

/** A map through a scale to RGBA, optionally blended over an image. */
export function scaledHeatmapRgba(map: Float32Array, scale: HeatScale, under?: Uint8ClampedArray, alpha = 0.55): Uint8ClampedArray {
  if (scale.kind === 'raw') return heatmapRgba(map, scale.min, scale.max, under, alpha);
  const positions = new Float32Array(map.length);
  for (let i = 0; i < map.length; i++) positions[i] = scalePosition(map[i]!, scale);
  return heatmapRgba(positions, 0, 1, under, alpha);
}

export const TRUTH_RGB: [number, number, number] = [255, 64, 160];
export const PREDICTED_RGB: [number, number, number] = [0, 229, 255];

/** The image with the outline of each mask drawn in its colour (later outlines on top). */
export function contoursRgba(rgba: Uint8ClampedArray, size: number, outlines: { mask: Uint8Array; rgb: [number, number, number] }[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba);
  for (const { mask, rgb } of outlines) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = y * size + x;
        if (!mask[i]) continue;
        const edge =
          x === 0 || y === 0 || x === size - 1 || y === size - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - size] || !mask[i + size];
        if (!edge) continue;
        out[i * 4] = rgb[0];
        out[i * 4 + 1] = rgb[1];
        out[i * 4 + 2] = rgb[2];
      }
    }
  }
  return out;
}

/** A binary mask as white-on-black RGBA. */
export function maskRgba(mask: Uint8Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(mask.length * 4);
  for (let i = 0; i < mask.length; i++) {
    const v = mask[i] ? 255 : 0;
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The image with the mask's outline drawn in a signal colour. */
export function maskOutlineRgba(rgba: Uint8ClampedArray, mask: Uint8Array, size: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      if (!mask[i]) continue;
      const edge =
        x === 0 || y === 0 || x === size - 1 || y === size - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - size] || !mask[i + size];
      if (edge) {
        out[i * 4] = 255;
        out[i * 4 + 1] = 64;
        out[i * 4 + 2] = 160;
      }
    }
  }
  return out;
}
