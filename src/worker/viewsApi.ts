import * as Comlink from 'comlink';
import type { MethodExtras, MethodView } from '../core/methods/types';
import { batchTensor } from '../core/train/batch';
import type { ViewsApi } from './protocol';
import { requireDataset } from './state';
import { currentTrainer } from './trainApi';

function buffersOf(view: MethodView): ArrayBuffer[] {
  switch (view.kind) {
    case 'images':
      return [view.pixels.buffer as ArrayBuffer];
    case 'latent':
      return [view.points.buffer as ArrayBuffer];
    case 'memoryUsage':
      return [view.counts.buffer as ArrayBuffer];
    case 'usageMap':
      return [view.indices.buffer as ArrayBuffer];
    case 'memoryEvolution':
      return [view.steps.buffer as ArrayBuffer, view.values.buffer as ArrayBuffer];
    case 'attention':
      return [view.weights.buffer as ArrayBuffer];
  }
}

/** A method's own views (latent space, memory prototypes, attention) computed on chosen test images. */
export const viewsApi: ViewsApi = {
  async methodViews(testIndices, focus) {
    const trainer = currentTrainer();
    if (!trainer) throw new Error('train a model first');
    const run = trainer.run;
    if (!run.extras) return { views: [] };
    const d = requireDataset();
    const records = testIndices.filter((i) => i >= 0 && i < d.test.length).map((i) => d.test[i]!);
    const probe = records.length ? batchTensor(records, d.size, d.channels) : undefined;
    try {
      const extras: MethodExtras = await run.extras({ ...(probe ? { probe } : {}), ...(focus ? { focus } : {}) });
      return Comlink.transfer(extras, extras.views.flatMap(buffersOf));
    } finally {
      probe?.dispose();
    }
  },
};
