import * as Comlink from 'comlink';
import { getMethod } from '../core/methods/registry';
import { resolveConfig } from '../core/methods/types';
import type { Trainer } from '../core/train/engine';
import { maskPanelData, type TrainedRun } from './maskPanel';
import type { MaskPanelData, MasksApi } from './protocol';
import { requireDataset } from './state';
import { currentTrainer, isTraining } from './trainApi';

/**
 * The last trained run, when it is of `method` and was trained on the current data set and is not
 * training now (a run mid-training is not borrowed: its weights change under the views).
 */
function trainedRunOf(method: string, trainer: Trainer | null, datasetId: string): TrainedRun | null {
  if (!trainer || isTraining() || trainer.method.id !== method || trainer.dataset.id !== datasetId || trainer.step === 0) return null;
  return { run: trainer.run, steps: trainer.rolledBackTo ?? trainer.step };
}

/** Every buffer of the answer once (a transfer list must not name one twice). */
function buffersOf(data: MaskPanelData): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [data.image, ...data.masks.flatMap((m) => [m.mask, ...(m.input ? [m.input] : []), ...(m.restored ? [m.restored] : [])])];
  if (data.trained) arrays.push(data.trained.recon, data.trained.map);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

export const masksApi: MasksApi = {
  async maskViews(req) {
    const dataset = requireDataset();
    const spec = getMethod(req.method);
    const data = await maskPanelData({
      spec,
      config: resolveConfig(spec, req.config),
      seed: req.seed,
      dataset,
      split: req.split,
      index: req.index,
      trained: trainedRunOf(spec.id, currentTrainer(), dataset.id),
    });
    return Comlink.transfer(data, buffersOf(data));
  },
};
