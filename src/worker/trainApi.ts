import * as Comlink from 'comlink';
import { getMethod } from '../core/methods/registry';
import { resolveConfig } from '../core/methods/types';
import { Trainer, type RunState } from '../core/train/engine';
import { evaluateRun, type Evaluation } from '../core/train/evaluate';
import { emit } from './events';
import { toRgba } from './pixels';
import type { EvaluationSummary, SampleView, TrainApi, TrainRequest } from './protocol';
import { onDatasetChange, requireDataset } from './state';

/** Training and scoring: the worker owns the trainer, its tensors and the last evaluation. */
let trainer: Trainer | null = null;
let evaluation: Evaluation | null = null;
let runCounter = 0;

onDatasetChange(() => {
  evaluation = null;
});

/** The last trainer (its run holds the trained weights), for the method views. */
export function currentTrainer(): Trainer | null {
  return trainer;
}

export function isTraining(): boolean {
  return trainer !== null && (trainer.currentState === 'training' || trainer.currentState === 'paused');
}

export function mapRange(maps: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of maps) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

export const trainApi: TrainApi = {
  async train(req: TrainRequest): Promise<RunState> {
    const dataset = requireDataset();
    if (isTraining()) throw new Error('a run is already training');
    trainer?.dispose();
    evaluation = null;
    const spec = getMethod(req.method);
    const config = resolveConfig(spec, req.config);
    const runId = ++runCounter;
    trainer = new Trainer(spec, config, dataset, req.train, emit);
    const state = await trainer.fit();
    if (state === 'error') return state;
    emit({ type: 'evaluating' });
    evaluation = await evaluateRun(trainer.run, dataset, req.train.batchSize);
    const [mapMin, mapMax] = mapRange(evaluation.maps);
    const summary: EvaluationSummary = {
      runId,
      method: spec.id,
      metrics: evaluation.metrics,
      curves: evaluation.curves,
      metricsMs: evaluation.metricsMs,
      inferMsPerImage: evaluation.inferMsPerImage,
      scores: evaluation.scores.slice(),
      labels: evaluation.labels,
      mapMin,
      mapMax,
      trainSteps: trainer.step,
      trainSeconds: trainer.elapsedMs / 1000,
    };
    emit({ type: 'evaluation', summary });
    return state;
  },
  pause: () => trainer?.pause(),
  resume: () => trainer?.resume(),
  stop: () => trainer?.stop(),
  async samples(indices) {
    const d = requireDataset();
    const ev = evaluation;
    if (!ev) throw new Error('train a model first');
    const hw = d.size * d.size;
    const views: SampleView[] = indices
      .filter((i) => i >= 0 && i < d.test.length)
      .map((index) => {
        const r = d.test[index]!;
        return {
          index,
          id: r.id,
          name: r.name,
          label: r.label,
          rgba: toRgba(r.pixels, d.channels),
          mask: r.mask ?? null,
          score: ev.scores[index]!,
          recon: toRgba(ev.recons.subarray(index * hw * d.channels, (index + 1) * hw * d.channels), d.channels),
          map: ev.maps.slice(index * hw, (index + 1) * hw),
        };
      });
    return Comlink.transfer(
      views,
      views.flatMap((v) => [v.rgba.buffer as ArrayBuffer, v.recon.buffer as ArrayBuffer, v.map.buffer as ArrayBuffer]),
    );
  },
};
