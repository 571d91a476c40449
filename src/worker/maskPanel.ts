import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/types';
import type { MaskView, MethodConfig, MethodRun, MethodSpec } from '../core/methods/types';
import { batchTensor } from '../core/train/batch';
import type { MaskPanelData } from './protocol';

/** A trained run to draw the views with, and how far it trained. */
export interface TrainedRun {
  run: MethodRun;
  steps: number;
}

export interface MaskPanelInput {
  spec: MethodSpec;
  config: MethodConfig;
  seed: number;
  dataset: Dataset;
  split: 'train' | 'test';
  index: number;
  /** When given, its masks, restorations and result are shown; otherwise an untrained run is made for the masks and disposed. */
  trained?: TrainedRun | null;
}

/** Own copies, so that transferring them to the page never detaches arrays a run keeps (SCADN's and RIAD's fixed masks). */
function detached(view: MaskView): MaskView {
  return {
    title: view.title,
    mask: view.mask.slice(),
    ...(view.input ? { input: view.input.slice() } : {}),
    ...(view.restored ? { restored: view.restored.slice() } : {}),
  };
}

/**
 * The masks the method draws for one image of the data set, by the run's own `maskViews` (the very
 * mask functions training and testing use). With a trained run, also its restoration per mask and
 * its `infer` result (reconstruction, map, score) on the image. Every tensor made here is disposed.
 */
export async function maskPanelData(input: MaskPanelInput): Promise<MaskPanelData> {
  const { spec, dataset, split, index } = input;
  const list = split === 'train' ? dataset.train : dataset.test;
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new RangeError(`no ${split} image ${index} (the ${split} split has ${list.length})`);
  }
  const record = list[index]!;
  const { size, channels } = dataset;
  const batch = batchTensor([record], size, channels);
  const image = batch.squeeze([0]) as tf.Tensor3D;
  let fresh: MethodRun | null = null;
  try {
    const run = input.trained?.run ?? (fresh = spec.create(input.config, [size, size, channels], input.seed));
    if (!run.maskViews) throw new Error(`${spec.title} draws no masks`);
    const masks = run.maskViews(image, record).map(detached);
    let trained: MaskPanelData['trained'] = null;
    if (input.trained) {
      const out = run.infer(batch, [record]);
      try {
        const [recon, map, score] = await Promise.all([out.recon.data(), out.map.data(), out.score.data()]);
        trained = { steps: input.trained.steps, recon: Float32Array.from(recon), map: Float32Array.from(map), score: score[0]! };
      } finally {
        for (const t of [out.recon, out.map, out.score, ...Object.values(out.parts ?? {})]) t.dispose();
      }
    }
    return {
      method: spec.id,
      split,
      index,
      count: list.length,
      name: record.name,
      label: record.label,
      size,
      channels,
      image: Float32Array.from(record.pixels, (v) => v / 255),
      masks,
      trained,
    };
  } finally {
    image.dispose();
    batch.dispose();
    fresh?.dispose();
  }
}
