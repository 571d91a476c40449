import * as Comlink from 'comlink';
import type { BackendName, LabApi, LabEvent } from '../worker/protocol';
import { useLab } from './store';

/** The only module that talks to the worker. Panels call these functions; results land in the store. */
let api: Comlink.Remote<LabApi> | null = null;

function worker(): Comlink.Remote<LabApi> {
  if (!api) {
    const w = new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module', name: 'reconlab' });
    api = Comlink.wrap<LabApi>(w);
  }
  return api;
}

const onEvent = (e: LabEvent) => useLab.getState().applyEvent(e);

const PREVIEW_COUNT = 6;

let started: Promise<void> | null = null;

/** Starts the worker, picks a backend and loads the built-in data set (once per page). */
export function startLab(): Promise<void> {
  return (started ??= boot());
}

async function boot(): Promise<void> {
  const s = useLab.getState();
  try {
    const info = await worker().init(Comlink.proxy(onEvent), s.backendChoice);
    s.setBackend(info);
  } catch (err) {
    s.setBackend(null, (err as Error).message);
    return;
  }
  s.setMethods(await worker().methods());
  await loadSynthetic();
}

export async function switchBackend(name: BackendName | 'auto'): Promise<void> {
  const s = useLab.getState();
  s.setBackendChoice(name);
  try {
    s.setBackend(await worker().setBackend(name));
  } catch (err) {
    s.setBackend(s.backend, (err as Error).message);
  }
}

export async function loadSynthetic(): Promise<void> {
  const s = useLab.getState();
  s.setDatasetLoading(true);
  const summary = await worker().loadSynthetic(s.synthetic);
  // Two normal test images, then the first image of each defect type.
  const { good = [], ...defects } = summary.examples;
  const picks = [...good, ...Object.values(defects).map((list) => list[0]!)].slice(0, PREVIEW_COUNT);
  const previews = await worker().images('test', picks);
  s.setDataset(summary, previews);
}

/** Test images shown in the results grid: a few normal ones and a few of each defect type. */
function sampleIndices(labels: string[], perLabel: number): number[] {
  const seen: Record<string, number> = {};
  const out: number[] = [];
  labels.forEach((label, i) => {
    seen[label] = (seen[label] ?? 0) + 1;
    if (seen[label]! <= perLabel) out.push(i);
  });
  return out;
}

export async function train(): Promise<void> {
  const s = useLab.getState();
  s.startRun();
  try {
    await worker().train({ method: s.methodId, config: s.methodConfigs[s.methodId] ?? {}, train: s.train });
    const ev = useLab.getState().evaluation;
    if (ev) useLab.getState().setSamples(await worker().samples(sampleIndices(ev.labels, 2)));
  } catch (err) {
    useLab.getState().failRun((err as Error).message);
  }
}

export const pause = () => worker().pause();
export const resume = () => worker().resume();
export const stop = () => worker().stop();
