import { createRng, shuffleInPlace } from '../rng';
import { resizeImage, type FitMode } from './resize';
import type { Dataset, ImageRecord } from './types';

/**
 * One-class MNIST and Fashion-MNIST: one class is normal, the others are anomalies. The images
 * come as 28x28 gray bytes, one concatenated buffer per class (the assets that
 * scripts/build-classic-sets.mjs writes to public/data/<set>/<class>.u8).
 */
export const CLASSIC_SIDE = 28;

/** Class names, in class-index order; scripts/build-classic-sets.mjs writes the same into index.json. */
export const CLASSIC_SETS = {
  mnist: { title: 'MNIST', classes: Array.from({ length: 10 }, (_, i) => `digit-${i}`) },
  'fashion-mnist': {
    title: 'Fashion-MNIST',
    classes: ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle-boot'],
  },
} as const;
export type ClassicSetId = keyof typeof CLASSIC_SETS;

/** The `index.json` next to the class files. */
export interface ClassicIndex {
  set: ClassicSetId;
  side: number;
  classes: { name: string; file: string; count: number }[];
}

export interface ClassImages {
  name: string;
  /** count * side * side bytes. */
  data: Uint8Array;
}

export interface OneClassOptions {
  /** Share of anomalies in the test set (MemAE's protocol: 0.3). */
  anomalyRatio?: number;
  /** Share of the normal class used for training; the rest is test/good. */
  trainFraction?: number;
  seed: number;
  /** Working size (the 28x28 images are resized, stretch, bilinear); 28 keeps them as they are. */
  size?: number;
  channels?: 1 | 3;
  /** Shown in the dataset's name and id, e.g. 'mnist'. */
  setName?: string;
  side?: number;
}

/**
 * Train: `trainFraction` of the normal class. Test: the rest of the normal class ('good') plus
 * images drawn at random from all other classes (labelled with their class name) so that
 * anomalies are `anomalyRatio` of the test set. Deterministic for a given seed.
 */
export function oneClassSplit(imagesByClass: readonly ClassImages[], normalClass: number, options: OneClassOptions): Dataset {
  const { anomalyRatio = 0.3, trainFraction = 0.8, seed, size = 32, channels = 1, setName = 'classic', side = CLASSIC_SIDE } = options;
  if (!(anomalyRatio >= 0 && anomalyRatio < 1)) throw new RangeError(`anomalyRatio must be in [0, 1), got ${anomalyRatio}`);
  if (!(trainFraction > 0 && trainFraction < 1)) throw new RangeError(`trainFraction must be in (0, 1), got ${trainFraction}`);
  const normal = imagesByClass[normalClass];
  if (!normal) throw new RangeError(`no class ${normalClass} (there are ${imagesByClass.length})`);
  const pixels = side * side;
  const countOf = (c: ClassImages): number => Math.floor(c.data.length / pixels);

  const rng = createRng(seed);
  const normalOrder = shuffleInPlace(Array.from({ length: countOf(normal) }, (_, i) => i), rng);
  const trainCount = Math.round(normalOrder.length * trainFraction);
  const testGood = normalOrder.length - trainCount;
  const pool: [cls: number, index: number][] = [];
  imagesByClass.forEach((c, cls) => {
    if (cls !== normalClass) for (let i = 0; i < countOf(c); i++) pool.push([cls, i]);
  });
  const wanted = Math.round((testGood * anomalyRatio) / (1 - anomalyRatio));
  const anomalies = shuffleInPlace(pool, rng).slice(0, wanted);

  const record = (cls: number, index: number, split: 'train' | 'test'): ImageRecord => {
    const source = imagesByClass[cls]!;
    const label = cls === normalClass ? 'good' : source.name;
    const raw = source.data.subarray(index * pixels, (index + 1) * pixels);
    const image = { width: side, height: side, channels: 1, data: raw };
    const fit: FitMode = 'stretch';
    const data = size === side && channels === 1 ? raw.slice() : resizeImage(image, size, { fit, channels });
    return {
      id: `${split}/${source.name}/${index}`,
      name: `${source.name}-${index}`,
      split,
      label,
      pixels: data,
      originalWidth: side,
      originalHeight: side,
    };
  };
  const train = normalOrder.slice(0, trainCount).map((i) => record(normalClass, i, 'train'));
  const test = [
    ...normalOrder.slice(trainCount).map((i) => record(normalClass, i, 'test')),
    ...anomalies.map(([cls, i]) => record(cls, i, 'test')),
  ];
  return {
    id: `${setName}:${normal.name}:seed-${seed}`,
    name: `${setName} one-class: ${normal.name} normal`,
    size,
    channels,
    train,
    test,
  };
}
