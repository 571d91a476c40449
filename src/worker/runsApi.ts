import * as Comlink from 'comlink';
import { getMethod } from '../core/methods/registry';
import { resolveConfig } from '../core/methods/types';
import { packRunFile, runFileName, sameValues, type RunRecord } from '../core/runs/format';
import { RUN_FILE_LIMITS, readRunFile } from '../core/runs/validate';
import { elementCount, loadHostWeights, totalBytes } from '../core/runs/weights';
import { Trainer } from '../core/train/engine';
import { emit } from './events';
import { checkpointInfo } from './runSaving';
import type { RunsApi, SavedRunInfo } from './runsProtocol';
import { checkpointWeights, clearCheckpoint, deleteRun, getCheckpoint, getRun, listRuns, newRunId, saveRun } from './runStore';
import { currentDataset, requireDataset } from './state';
import { isTraining, runSession, scoreAndShow } from './trainApi';

/** Saved runs (open, delete, export, import), the stored checkpoint and the page's heartbeat. */
function requireIdle(what: string): void {
  if (isTraining()) throw new Error(`stop training before ${what}`);
}

function recordOf(info: SavedRunInfo): RunRecord {
  const { id: _id, origin: _origin, paramCount: _p, weightBytes: _w, ...record } = info;
  void [_id, _origin, _p, _w];
  return record;
}

const mib = (n: number): string => `${Math.round(n / 2 ** 20)} MiB`;

export const runsApi: RunsApi = {
  ping: () => 'pong',

  savedRuns: listRuns,

  async openRun(id) {
    requireIdle('opening a saved run');
    const { info, weights } = await getRun(id);
    const d = currentDataset();
    const matches = d !== null && d.id === info.dataset.id && d.size === info.shape[0] && d.channels === info.shape[2];
    if (!matches) return { id, mode: 'stored', identical: null, metrics: null };
    const spec = getMethod(info.method);
    const trainer = new Trainer(spec, resolveConfig(spec, info.config), d, {
      epochs: info.train.epochs,
      batchSize: info.train.batchSize,
      seed: info.seed,
      lossEvery: 5,
    });
    try {
      loadHostWeights(trainer.run, weights);
    } catch (err) {
      trainer.dispose();
      throw err;
    }
    trainer.step = info.steps;
    trainer.elapsedMs = info.trainSeconds * 1000;
    trainer.lossHistory = info.lossHistory;
    const ev = await scoreAndShow(trainer, d, info.train.batchSize);
    const identical = sameValues(ev.metrics, info.metrics);
    return { id, mode: 'scored', identical, metrics: ev.metrics };
  },

  async deleteRun(id) {
    await deleteRun(id);
    return listRuns();
  },

  async exportRun(id) {
    const { info, weights } = await getRun(id);
    const record = recordOf(info);
    const bytes = await packRunFile(record, weights);
    return Comlink.transfer({ name: runFileName(record), bytes }, [bytes.buffer as ArrayBuffer]);
  },

  async importRun(file) {
    // Refused before a byte is read: a file larger than any run file can be.
    if (file.size > RUN_FILE_LIMITS.maxFileBytes) throw new Error(`the file is ${mib(file.size)}, more than the ${mib(RUN_FILE_LIMITS.maxFileBytes)} a run file may be`);
    const { record, weights } = await readRunFile(new Uint8Array(await file.arrayBuffer()));
    const info: SavedRunInfo = {
      ...record,
      id: newRunId(),
      origin: 'imported',
      paramCount: weights.reduce((n, w) => n + elementCount(w.shape), 0),
      weightBytes: totalBytes(weights),
    };
    await saveRun(info, weights);
    return info;
  },

  async checkpointInfo() {
    const cp = await getCheckpoint();
    return cp ? checkpointInfo(cp) : null;
  },

  async resumeTraining() {
    requireIdle('resuming another run');
    const cp = await getCheckpoint();
    if (!cp) throw new Error('there is no checkpoint to resume');
    const d = requireDataset();
    if (d.id !== cp.dataset.id) throw new Error(`the checkpoint was trained on "${cp.dataset.name}": load that data set to resume (the current one is "${d.name}")`);
    const spec = getMethod(cp.method);
    const config = resolveConfig(spec, cp.config);
    emit({ type: 'notice', level: 'info', text: `Resumed ${spec.title} from its checkpoint at step ${cp.step} of ${cp.totalSteps}; the optimiser's moment estimates start again.` });
    return runSession(
      { spec, config, train: cp.train, dataset: d, source: cp.source },
      { step: cp.step, elapsedMs: cp.elapsedMs, weights: checkpointWeights(cp), lossHistory: cp.lossHistory },
    );
  },

  async discardCheckpoint() {
    await clearCheckpoint();
    emit({ type: 'checkpoint', info: null });
  },
};
