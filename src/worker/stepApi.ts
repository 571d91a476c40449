import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { getMethod } from '../core/methods/registry';
import { resolveConfig } from '../core/methods/types';
import { batchTensor } from '../core/train/batch';
import { Trainer } from '../core/train/engine';
import type { ImageRecord } from '../core/data/types';
import { isComparing } from './compareApi';
import { emit } from './events';
import { toRgba } from './pixels';
import { onDatasetChange, requireDataset } from './state';
import type { StepApi, StepImage, StepView } from './stepProtocol';
import { isTraining, scoreAndShow } from './trainApi';

/** The run being stepped by hand; scoring hands it over to the train module (it then owns it). */
let stepper: Trainer | null = null;

onDatasetChange(() => {
  stepper?.dispose();
  stepper = null;
});

/** [0, 1] floats (gray or RGB) to RGBA bytes. */
function floatRgba(values: ArrayLike<number>, channels: number): Uint8ClampedArray {
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.round(Math.min(1, Math.max(0, values[i]!)) * 255);
  return toRgba(bytes, channels);
}

/** What the trained-so-far method does with one image: its mask and restoration, reconstruction and map. */
async function viewOf(t: Trainer, record: ImageRecord): Promise<StepImage> {
  const { size, channels } = t.dataset;
  const batch = batchTensor([record], size, channels);
  const image = tf.tidy(() => batch.squeeze([0]) as tf.Tensor3D);
  try {
    // The masks come from the method's own mask functions (the ones training draws from).
    const first = t.run.maskViews?.(image, record)[0] ?? null;
    const out = t.run.infer(batch, [record]);
    const [recon, map] = await Promise.all([out.recon.data(), out.map.data()]);
    tf.dispose([out.recon, out.map, out.score, ...Object.values(out.parts ?? {})]);
    return {
      name: record.name,
      size,
      channels,
      input: toRgba(record.pixels, channels),
      // Copies: a run may keep its masks, and transferring would detach them.
      mask: first ? first.mask.slice() : null,
      maskTitle: first?.title ?? null,
      masked: first?.input ? floatRgba(first.input, channels) : null,
      restored: first?.restored ? floatRgba(first.restored, channels) : null,
      recon: floatRgba(recon, channels),
      map: Float32Array.from(map),
    };
  } finally {
    tf.dispose([batch, image]);
  }
}

function requireStepper(): Trainer {
  if (!stepper) throw new Error('start a step-by-step run first');
  return stepper;
}

export const stepApi: StepApi = {
  async stepStart(req) {
    if (isTraining() || isComparing()) throw new Error('a run is already training');
    const dataset = requireDataset();
    const spec = getMethod(req.method);
    stepper?.dispose();
    stepper = null;
    stepper = new Trainer(spec, resolveConfig(spec, req.config), dataset, req.train, emit);
    return { totalSteps: stepper.totalSteps };
  },
  async stepOnce() {
    const t = requireStepper();
    if (isTraining() || isComparing()) throw new Error('a run is already training');
    const { records, losses } = await t.stepOnce();
    const image = await viewOf(t, records[0]!);
    const view: StepView = {
      step: t.step,
      totalSteps: t.totalSteps,
      epoch: Math.ceil(t.step / t.stepsPerEpoch),
      batchSize: records.length,
      losses,
      image,
    };
    const buffers = [image.input, image.recon, image.map, image.mask, image.masked, image.restored].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
    return Comlink.transfer(view, buffers);
  },
  async stepScore() {
    const t = requireStepper();
    stepper = null;
    await scoreAndShow(t, t.dataset, t.train.batchSize);
  },
  stepEnd() {
    stepper?.dispose();
    stepper = null;
  },
};
