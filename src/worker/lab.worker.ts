/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { chooseBackend, orderStartingWith, type BackendInfo, type BackendName } from '../core/backend/select';
import { registerWasmTrainingKernels } from '../core/backend/wasmTraining';
import { syntheticDataset } from '../core/data/synthetic';
import type { Dataset } from '../core/data/types';
import { getMethod, listMethods } from '../core/methods/registry';
import { resolveConfig } from '../core/methods/types';
import { Trainer, type RunState } from '../core/train/engine';
import { evaluateRun, type Evaluation } from '../core/train/evaluate';
import { describeAdapter } from './adapters';
import { toRgba } from './pixels';
import type { DatasetSummary, EvaluationSummary, ImageView, LabApi, LabEvent, SampleView, TrainRequest } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
registerWasmTrainingKernels();

/** Everything with tensors lives here: the data set, the trainer, the last evaluation. */
let emit: (e: LabEvent) => void = () => {};
let dataset: Dataset | null = null;
let trainer: Trainer | null = null;
let evaluation: Evaluation | null = null;
let runCounter = 0;

function send(e: LabEvent): void {
  const buffers: Transferable[] = [];
  if (e.type === 'evaluation') buffers.push(e.summary.scores.buffer as ArrayBuffer);
  emit(buffers.length ? Comlink.transfer(e, buffers) : e);
}

function summarise(d: Dataset): DatasetSummary {
  const testLabels: Record<string, number> = {};
  const examples: Record<string, number[]> = {};
  d.test.forEach((r, i) => {
    testLabels[r.label] = (testLabels[r.label] ?? 0) + 1;
    const list = (examples[r.label] ??= []);
    if (list.length < 2) list.push(i);
  });
  return { id: d.id, name: d.name, size: d.size, channels: d.channels, trainCount: d.train.length, testCount: d.test.length, testLabels, examples };
}

async function switchTo(name: BackendName | 'auto'): Promise<BackendInfo> {
  if (trainer && trainer.currentState === 'training') throw new Error('stop training before switching backend');
  const info = await chooseBackend(orderStartingWith(name), describeAdapter);
  send({ type: 'backend', info });
  return info;
}

const api: LabApi = {
  async init(onEvent, backend) {
    emit = onEvent;
    return switchTo(backend);
  },
  setBackend: switchTo,
  methods: () => listMethods(),
  async loadSynthetic(opts) {
    dataset = syntheticDataset(opts);
    evaluation = null;
    return summarise(dataset);
  },
  async images(split, indices) {
    if (!dataset) throw new Error('no data set loaded');
    const d = dataset;
    const list = split === 'train' ? d.train : d.test;
    const views: ImageView[] = indices
      .filter((i) => i >= 0 && i < list.length)
      .map((index) => {
        const r = list[index]!;
        return { index, id: r.id, name: r.name, label: r.label, rgba: toRgba(r.pixels, d.channels), mask: r.mask ?? null };
      });
    return Comlink.transfer(views, views.map((v) => v.rgba.buffer as ArrayBuffer));
  },
  async train(req: TrainRequest): Promise<RunState> {
    if (!dataset) throw new Error('load a data set first');
    if (trainer && (trainer.currentState === 'training' || trainer.currentState === 'paused')) {
      throw new Error('a run is already training');
    }
    trainer?.dispose();
    evaluation = null;
    const spec = getMethod(req.method);
    const config = resolveConfig(spec, req.config);
    const runId = ++runCounter;
    trainer = new Trainer(spec, config, dataset, req.train, send);
    const state = await trainer.fit();
    if (state === 'error') return state;
    send({ type: 'evaluating' });
    evaluation = await evaluateRun(trainer.run, dataset, req.train.batchSize);
    let mapMin = Infinity;
    let mapMax = -Infinity;
    for (const v of evaluation.maps) {
      if (v < mapMin) mapMin = v;
      if (v > mapMax) mapMax = v;
    }
    const summary: EvaluationSummary = {
      runId,
      method: spec.id,
      metrics: evaluation.metrics,
      inferMsPerImage: evaluation.inferMsPerImage,
      scores: evaluation.scores.slice(),
      labels: evaluation.labels,
      mapMin,
      mapMax,
      trainSteps: trainer.step,
      trainSeconds: trainer.elapsedMs / 1000,
    };
    send({ type: 'evaluation', summary });
    return state;
  },
  pause: () => trainer?.pause(),
  resume: () => trainer?.resume(),
  stop: () => trainer?.stop(),
  async samples(indices) {
    if (!dataset || !evaluation) throw new Error('train a model first');
    const d = dataset;
    const ev = evaluation;
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

Comlink.expose(api);
