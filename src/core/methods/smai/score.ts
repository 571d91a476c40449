import * as tf from '@tensorflow/tfjs';
import { slic, superpixelGroups, type Superpixels } from '../../masks';
import { msgmsMap } from '../../ops/msgms';
import { smoothMap } from '../../ops/scoring';
import { createRng, deriveSeed } from '../../rng';
import { repeatBatch } from '../riad/score';

/** Superpixel count for a working size: `per64` at 64 x 64, scaled with the image area. */
export function smaiSegments(size: number, per64: number): number {
  return Math.max(2, Math.round(per64 * (size / 64) ** 2));
}

/**
 * SLIC superpixels per image, computed once: keyed by the image's pixel buffer, so a data set's
 * records (train and test) are segmented once per run and freed with them.
 */
export class SuperpixelCache {
  private readonly cache = new WeakMap<Uint8Array, Superpixels>();

  constructor(
    private readonly h: number,
    private readonly w: number,
    private readonly channels: 1 | 3,
    private readonly segments: number,
    private readonly compactness: number,
  ) {}

  of(pixels: Uint8Array): Superpixels {
    let sp = this.cache.get(pixels);
    if (!sp) {
      sp = slic(pixels, this.h, this.w, this.channels, { segments: this.segments, compactness: this.compactness });
      this.cache.set(pixels, sp);
    }
    return sp;
  }
}

/**
 * The test-time groups of one image: its superpixels dealt into `groups` disjoint masks that cover
 * it once. Seeded by the run seed and the image's id, so an image always gets the same groups
 * whatever batch it is scored in, and the mask panel shows exactly these.
 */
export function smaiTestGroups(sp: Superpixels, groups: number, seed: number, imageKey: string): Uint8Array[] {
  return superpixelGroups(sp.labels, sp.count, groups, createRng(deriveSeed(seed, `smai/groups:${imageKey}`)));
}

/** Each row's mean over its visible pixels, [R, 1, 1, C]: the 'mean' fill of hidden pixels. */
export function visibleMean(x: tf.Tensor4D, hidden: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const rows = hidden.shape[0];
    const visible = tf.scalar(1).sub(hidden);
    const xr = repeatBatch(x, rows / x.shape[0]);
    const sum = xr.mul(visible).sum([1, 2], true);
    return sum.div(visible.sum([1, 2], true).add(1e-6)) as tf.Tensor4D;
  });
}

export type SmaiMapKind = 'l2' | 'msgms';

/**
 * SMAI's anomaly map between the image and its assembled inpainting, both in [0, 1]: the squared
 * residual averaged over channels (the error the L2 loss trains down) or 1 - MSGMS; then the lab's
 * Gaussian smoothing (sigma scaled with the size, see ops/scoring).
 */
export function smaiMap(kind: SmaiMapKind, x: tf.Tensor4D, recon: tf.Tensor4D, sigma: number): tf.Tensor3D {
  return tf.tidy(() => {
    const raw = kind === 'l2' ? (x.sub(recon).square().mean(3) as tf.Tensor3D) : (tf.scalar(1).sub(msgmsMap(x, recon)) as tf.Tensor3D);
    return smoothMap(raw, sigma);
  });
}

/** 1 on pixels whose right or lower neighbour is another superpixel: the borders, for display. */
export function superpixelBorders(sp: Superpixels, h: number, w: number): Uint8Array {
  const out = new Uint8Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = sp.labels[y * w + x];
      if ((x < w - 1 && sp.labels[y * w + x + 1] !== l) || (y < h - 1 && sp.labels[(y + 1) * w + x] !== l)) out[y * w + x] = 1;
    }
  }
  return out;
}

/** Images [B, H, W, C] in [0, 1] back to bytes, one array per image (fallback when no records). */
export function batchBytes(batch: tf.Tensor4D): Uint8Array[] {
  const [b, h, w, c] = batch.shape;
  const bytes = tf.tidy(() => batch.clipByValue(0, 1).mul(255).round());
  const values = bytes.dataSync();
  bytes.dispose();
  const per = h * w * c;
  return Array.from({ length: b }, (_, i) => Uint8Array.from(values.subarray(i * per, (i + 1) * per)));
}
