import * as Comlink from 'comlink';
import type { BackendName, LabApi, LabEvent } from '../worker/protocol';
import type { EditReport, GalleryPage, GroupKey, ImportInput, ImportProgress, SplitTarget } from '../worker/dataProtocol';
import type { ImportSettings } from './store/dataSlice';
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

// ─── Compare board (issue 6): the queue, its results and the comparison grid ───────────────

/** One normal image and the first image of each defect type, at most `max`. */
function defaultGridPicks(labels: string[], max = 4): number[] {
  const firstOf = new Map<string, number>();
  labels.forEach((label, i) => firstOf.has(label) || firstOf.set(label, i));
  const good = firstOf.get('good');
  firstOf.delete('good');
  return [...(good === undefined ? [] : [good]), ...firstOf.values()].slice(0, max);
}

/** Trains and scores every queued run in turn; the board fills as each one finishes. */
export async function runCompareQueue(): Promise<void> {
  const s = useLab.getState();
  if (!s.dataset || !s.backend || s.queue.length === 0) return;
  s.startCompare({
    datasetId: s.dataset.id,
    datasetName: s.dataset.name,
    size: s.dataset.size,
    backend: `${s.backend.name}${s.backend.adapter ? ` (${s.backend.adapter})` : ''}`,
    budget: s.compareBudget,
    seed: s.compareSeed,
    batchSize: s.compareBatch,
    entries: s.queue,
  });
  try {
    const outcome = await worker().runCompare(
      { entries: s.queue, budget: s.compareBudget, seed: s.compareSeed, batchSize: s.compareBatch },
      Comlink.proxy((e) => useLab.getState().applyCompareEvent(e)),
    );
    useLab.getState().finishCompare(outcome);
  } catch (err) {
    useLab.getState().finishCompare('error', (err as Error).message);
  }
  if (useLab.getState().board?.results.length) await loadCompareGrid();
}

export const stopCompareQueue = () => worker().stopCompare();

/** Fetches the chosen test images (default: one of each label) for every finished run. */
export async function loadCompareGrid(indices?: number[]): Promise<void> {
  const s = useLab.getState();
  const first = s.board?.results[0];
  if (!first) return;
  const picks = indices ?? s.grid?.indices ?? defaultGridPicks(first.labels);
  try {
    const [inputs, rows] = await Promise.all([worker().images('test', picks), worker().compareSamples(picks)]);
    useLab.getState().setGrid({ indices: picks, inputs, rows });
  } catch (err) {
    useLab.getState().finishCompare(useLab.getState().compareStatus, (err as Error).message);
  }
}
// ─── end of compare board ──────────────────────────────────────────────────────────────────

// ─── Data sets (issue 3): import, classic sets, gallery, edits, saved sets ─────────────────

/** Why a data action failed, in one line for the panel. */
const failData = (err: unknown) => useLab.getState().setDataError(err instanceof Error ? err.message : String(err));

/** Statistics and gallery groups of the current set (after any change of it). */
export async function refreshDetails(): Promise<void> {
  try {
    useLab.getState().setDetails(await worker().datasetDetails());
  } catch (err) {
    failData(err);
  }
}

export async function refreshSaved(): Promise<void> {
  try {
    useLab.getState().setSaved(await worker().savedSets());
  } catch (err) {
    failData(err);
  }
}

function flatTarget(s: ImportSettings): SplitTarget {
  if (s.flat === 'train') return { split: 'train', label: 'good' };
  return { split: 'test', label: s.flat === 'test-good' ? 'good' : s.flatLabel };
}

/** Hands dropped or picked files to the worker (File handles: their bytes are read there). */
export async function importDropped(files: ImportInput[]): Promise<void> {
  const s = useLab.getState();
  const settings = s.importSettings;
  s.setDataError(null);
  s.setImportReport(null);
  s.setDataTask({ phase: 'decoding', done: 0, total: files.length });
  try {
    const report = await worker().importImages(
      files,
      { name: settings.name, size: settings.size, channels: settings.channels, fit: settings.fit, flatTarget: flatTarget(settings), mode: settings.mode },
      Comlink.proxy((p: ImportProgress) => useLab.getState().setDataTask(p)),
    );
    useLab.getState().setImportReport(report);
    if (report.summary) useLab.getState().setDataset(report.summary);
    // Ask the browser not to evict saved sets under storage pressure (it may say no; that is fine).
    if (report.stored) void navigator.storage?.persist?.().catch(() => false);
  } catch (err) {
    failData(err);
  } finally {
    useLab.getState().setDataTask(null);
  }
  await Promise.all([refreshDetails(), refreshSaved()]);
}

export const cancelImport = () => worker().cancelImport();

export async function loadClassicSet(): Promise<void> {
  const s = useLab.getState();
  const c = s.classic;
  s.setDataError(null);
  s.setDataTask({ phase: 'fetching', done: 0, total: 10 });
  s.setDatasetLoading(true);
  try {
    const summary = await worker().loadClassic(
      { set: c.set, normalClass: c.normalClass, anomalyRatio: c.anomalyRatio, size: c.size, channels: 1, seed: c.seed },
      Comlink.proxy((done: number, total: number) => useLab.getState().setDataTask({ phase: done < total ? 'fetching' : 'building', done, total })),
    );
    useLab.getState().setDataset(summary);
  } catch (err) {
    useLab.getState().setDatasetLoading(false);
    failData(err);
  } finally {
    useLab.getState().setDataTask(null);
  }
  await refreshDetails();
}

export const galleryPage = (group: GroupKey, start: number, count: number, maxSide: number): Promise<GalleryPage> =>
  worker().galleryPage(group, start, count, maxSide);

export const groupIds = (group: GroupKey): Promise<string[]> => worker().groupIds(group);

async function applyEdit(edit: Promise<EditReport>): Promise<boolean> {
  useLab.getState().setDataError(null);
  try {
    const report = await edit;
    useLab.getState().setDataset(report.summary);
    if (report.storageError) failData(report.storageError);
  } catch (err) {
    failData(err);
    return false;
  }
  await Promise.all([refreshDetails(), refreshSaved()]);
  return true;
}

export const relabelImages = (ids: string[], target: SplitTarget) => applyEdit(worker().relabelImages(ids, target));
export const removeImages = (ids: string[]) => applyEdit(worker().removeImages(ids));

export async function openSaved(id: string): Promise<void> {
  const s = useLab.getState();
  s.setDataError(null);
  s.setDatasetLoading(true);
  try {
    s.setDataset(await worker().openSaved(id));
  } catch (err) {
    useLab.getState().setDatasetLoading(false);
    failData(err);
  }
  await Promise.all([refreshDetails(), refreshSaved()]);
}

export async function renameSaved(id: string, name: string): Promise<void> {
  try {
    useLab.getState().setSaved(await worker().renameSaved(id, name));
    const d = useLab.getState().dataset;
    if (d?.id === id) useLab.getState().setDataset({ ...d, name: name.trim() });
    await refreshDetails();
  } catch (err) {
    failData(err);
  }
}

export async function deleteSaved(id: string): Promise<void> {
  try {
    useLab.getState().setSaved(await worker().deleteSaved(id));
    await refreshDetails();
  } catch (err) {
    failData(err);
  }
}
// ─── end of data sets ──────────────────────────────────────────────────────────────────────

// ---- method views (latent space, memory prototypes, attention) ----
export const methodViews = (testIndices: number[], focus?: { row: number; col: number }) => worker().methodViews(testIndices, focus);
