import * as Comlink from 'comlink';
import { boardRow } from '../core/compare/board';
import { getMethod } from '../core/methods/registry';
import { resolveConfig } from '../core/methods/types';
import { Trainer, TRAIN_DEFAULTS, type TrainConfig } from '../core/train/engine';
import { evaluateRun } from '../core/train/evaluate';
import { budgetToTrain } from '../core/compare/budget';
import { toRgba } from './pixels';
import type { CompareApi, CompareEvent, CompareRequest, CompareResult, CompareSampleRow } from './protocol';
import { onDatasetChange, requireDataset } from './state';
import { isTraining, mapRange } from './trainApi';

/**
 * The compare board's queue: each entry is trained and scored in turn with the same budget and
 * seed; the model is disposed right after scoring, and only its scores, maps and reconstructions
 * are kept (for the board's image grid) until the next queue or data set.
 */
interface KeptRun {
  key: string;
  scores: Float32Array;
  maps: Float32Array;
  recons: Uint8Array;
}

let kept: KeptRun[] = [];
let current: Trainer | null = null;
let comparing = false;
let stopRequested = false;

onDatasetChange(() => {
  kept = [];
  // Runs of one board must share their data: a new data set ends the queue.
  if (comparing) {
    stopRequested = true;
    current?.stop();
  }
});

export function isComparing(): boolean {
  return comparing;
}

function transferResult(e: CompareEvent): CompareEvent {
  if (e.type !== 'run-done') return e;
  const { curves, scores } = e.result;
  const arrays: Float32Array[] = [scores];
  for (const c of [curves.image, curves.pixel]) {
    if (c) arrays.push(c.roc.fpr, c.roc.tpr, c.roc.thresholds, c.pr.precision, c.pr.recall, c.pr.thresholds);
  }
  return Comlink.transfer(e, arrays.map((a) => a.buffer as ArrayBuffer));
}

type Emit = (e: CompareEvent) => void | Promise<void>;

async function runOne(req: CompareRequest, index: number, train: TrainConfig, emit: Emit): Promise<CompareResult | null> {
  const entry = req.entries[index]!;
  const dataset = requireDataset();
  const spec = getMethod(entry.method);
  const config = resolveConfig(spec, entry.config);
  const { key } = entry;
  const budget = req.budget;
  emit({ type: 'run-start', key, index, total: req.entries.length });
  let failure = '';
  const trainer = new Trainer(spec, config, dataset, train, (e) => {
    if (e.type === 'state' && e.state === 'error') failure = e.message ?? '';
    if (e.type !== 'progress') return;
    const fraction = budget.kind === 'seconds' ? e.elapsedMs / (budget.seconds * 1000) : e.step / e.totalSteps;
    emit({ type: 'run-progress', key, step: e.step, elapsedMs: e.elapsedMs, fraction: Math.min(1, fraction) });
  });
  current = trainer;
  try {
    const state = await trainer.fit();
    if (state === 'error') throw new Error(failure || `training failed at step ${trainer.step}`);
    if (state === 'stopped') return null;
    emit({ type: 'run-scoring', key });
    const ev = await evaluateRun(trainer.run, dataset, req.batchSize);
    const [mapMin, mapMax] = mapRange(ev.maps);
    kept.push({ key, scores: ev.scores, maps: ev.maps, recons: ev.recons });
    return {
      key,
      row: boardRow(entry.label, spec.id, config, ev.metrics, {
        trainSteps: trainer.step,
        trainSeconds: trainer.elapsedMs / 1000,
        inferMsPerImage: ev.inferMsPerImage,
        params: trainer.run.paramCount(),
      }),
      curves: ev.curves,
      scores: ev.scores.slice(),
      labels: ev.labels,
      mapMin,
      mapMax,
    };
  } finally {
    current = null;
    trainer.dispose();
  }
}

export const compareApi: CompareApi = {
  async runCompare(req, onEvent) {
    if (comparing) throw new Error('a compare queue is already running');
    if (isTraining()) throw new Error('a run is training: stop it before running the queue');
    if (req.entries.length === 0) throw new Error('the queue is empty: add a method first');
    requireDataset();
    comparing = true;
    stopRequested = false;
    kept = [];
    // Events travel on the callback's own channel, the result on the worker's: awaiting the
    // page's handling of each finished run keeps the board complete when the queue resolves.
    const emit: Emit = (e) => onEvent(transferResult(e));
    const train = budgetToTrain(req.budget, { ...TRAIN_DEFAULTS, batchSize: req.batchSize, seed: req.seed, lossEvery: 10 });
    try {
      for (let i = 0; i < req.entries.length && !stopRequested; i++) {
        const key = req.entries[i]!.key;
        try {
          const result = await runOne(req, i, train, emit);
          if (result) await emit({ type: 'run-done', result });
        } catch (err) {
          // One failing method (e.g. a non-finite loss) must not sink the rest of the queue.
          await emit({ type: 'run-failed', key, message: err instanceof Error ? err.message : String(err) });
        }
      }
    } finally {
      comparing = false;
    }
    return stopRequested ? 'stopped' : 'done';
  },
  stopCompare() {
    stopRequested = true;
    current?.stop();
  },
  async compareSamples(indices) {
    const d = requireDataset();
    const hw = d.size * d.size;
    const valid = indices.filter((i) => i >= 0 && i < d.test.length);
    const rows: CompareSampleRow[] = kept.map((run) => ({
      key: run.key,
      samples: valid.map((index) => ({
        index,
        score: run.scores[index]!,
        recon: toRgba(run.recons.subarray(index * hw * d.channels, (index + 1) * hw * d.channels), d.channels),
        map: run.maps.slice(index * hw, (index + 1) * hw),
      })),
    }));
    return Comlink.transfer(
      rows,
      rows.flatMap((r) => r.samples.flatMap((s) => [s.recon.buffer as ArrayBuffer, s.map.buffer as ArrayBuffer])),
    );
  },
};
