import * as Comlink from 'comlink';
import type { BackendName, LabApi, LabEvent, MaskRequest, SyntheticOptions } from '../worker/protocol';
import type { EditReport, GalleryPage, GroupKey, ImportInput, ImportProgress, SplitTarget } from '../worker/dataProtocol';
import { isBackendName } from '../core/backend/names';
import type { DatasetSource } from '../worker/runsProtocol';
import { downloadBlob } from './components/download';
import type { ImportSettings } from './store/dataSlice';
import { useLab } from './store';
import type { SharedData } from './shareState';
import { applySharedUrl, backendFromUrl, startUrlSync } from './urlSync';

/** The only module that talks to the worker. Panels call these functions; results land in the store. */
let api: Comlink.Remote<LabApi> | null = null;
let workerHandle: Worker | null = null;

function worker(): Comlink.Remote<LabApi> {
  if (!api) {
    const w = new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module', name: 'reconlab' });
    // An uncaught error in the worker: it is replaced (see the watchdog section below).
    w.addEventListener('error', (e) => void restartWorker(`crashed (${e.message || 'an uncaught error'})`));
    workerHandle = w;
    api = Comlink.wrap<LabApi>(w);
  }
  return api;
}

const applyNow = (e: LabEvent) => {
  useLab.getState().applyEvent(e);
  useLab.getState().applyRunsEvent(e);
};

/**
 * Progress and loss events come every step or few: each one shown at once costs the page a
 * render, a layout and a paint, which on a slow machine add up to long tasks while training
 * runs. They are held and shown together at most every UI_EVENT_MS; any other event shows the
 * held ones first, so the order is kept.
 */
const UI_EVENT_MS = 250;
let heldEvents: LabEvent[] = [];
let heldTimer: ReturnType<typeof setTimeout> | null = null;

function flushHeld(): void {
  if (heldTimer) clearTimeout(heldTimer);
  heldTimer = null;
  const events = heldEvents;
  heldEvents = [];
  // Of several progress events only the last matters; every loss event adds points.
  let lastProgress = -1;
  events.forEach((e, i) => e.type === 'progress' && (lastProgress = i));
  events.forEach((e, i) => (e.type !== 'progress' || i === lastProgress) && applyNow(e));
}

const onEvent = (e: LabEvent) => {
  if (e.type === 'progress' || e.type === 'losses') {
    heldEvents.push(e);
    heldTimer ??= setTimeout(flushHeld, UI_EVENT_MS);
    return;
  }
  flushHeld();
  applyNow(e);
};

const PREVIEW_COUNT = 6;

let started: Promise<void> | null = null;

/** Starts the worker, picks a backend and loads the built-in data set (once per page). */
export function startLab(): Promise<void> {
  return (started ??= boot());
}

async function boot(): Promise<void> {
  const s = useLab.getState();
  const forced = backendFromUrl();
  if (forced) s.setBackendChoice(forced);
  try {
    const info = await worker().init(Comlink.proxy(onEvent), useLab.getState().backendChoice);
    s.setBackend(info);
  } catch (err) {
    s.setBackend(null, (err as Error).message);
    return;
  }
  s.setMethods(await worker().methods());
  // A shared link sets the method, training and data settings before the first set is made.
  const shared = applySharedUrl();
  if (shared?.kind === 'classic') await loadClassicSet();
  else await loadSynthetic();
  startUrlSync(sharedData);
  startWatchdog();
  await Promise.all([refreshRuns(), refreshCheckpoint()]);
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

export async function loadSynthetic(options: Partial<SyntheticOptions> = useLab.getState().synthetic): Promise<void> {
  const s = useLab.getState();
  s.setDatasetLoading(true);
  const summary = await worker().loadSynthetic(options);
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
    await worker().train({ method: s.methodId, config: s.methodConfigs[s.methodId] ?? {}, train: s.train, source: datasetSource() });
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
  // Progress calls travel on their own message channels and may arrive after the result: drop late ones.
  let finished = false;
  try {
    const report = await worker().importImages(
      files,
      { name: settings.name, size: settings.size, channels: settings.channels, fit: settings.fit, flatTarget: flatTarget(settings), mode: settings.mode },
      Comlink.proxy((p: ImportProgress) => {
        if (!finished) useLab.getState().setDataTask(p);
      }),
    );
    useLab.getState().setImportReport(report);
    if (report.summary) useLab.getState().setDataset(report.summary);
    // Ask the browser not to evict saved sets under storage pressure (it may say no; that is fine).
    if (report.stored) void navigator.storage?.persist?.().catch(() => false);
  } catch (err) {
    failData(err);
  } finally {
    finished = true;
    useLab.getState().setDataTask(null);
  }
  // The data panel refreshes the statistics and gallery when the current set changes.
  await refreshSaved();
}

export const cancelImport = () => worker().cancelImport();

export async function loadClassicSet(): Promise<void> {
  const s = useLab.getState();
  const c = s.classic;
  s.setDataError(null);
  s.setDataTask({ phase: 'fetching', done: 0, total: 10 });
  s.setDatasetLoading(true);
  let finished = false;
  try {
    const summary = await worker().loadClassic(
      { set: c.set, normalClass: c.normalClass, anomalyRatio: c.anomalyRatio, size: c.size, channels: 1, seed: c.seed },
      Comlink.proxy((done: number, total: number) => {
        if (!finished) useLab.getState().setDataTask({ phase: done < total ? 'fetching' : 'building', done, total });
      }),
    );
    useLab.getState().setDataset(summary);
  } catch (err) {
    useLab.getState().setDatasetLoading(false);
    failData(err);
  } finally {
    finished = true;
    useLab.getState().setDataTask(null);
  }
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
  await refreshSaved();
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
  await refreshSaved();
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

// ---- mask panel (inpainting methods' masks, restorations and their combination) ----
export const maskViews = (req: MaskRequest) => worker().maskViews(req);

// ─── Saved runs, checkpoints and the worker watchdog (issue 8) ─────────────────────────────

/** Why a run action failed, in one line for the runs panel. */
const failRuns = (err: unknown) => useLab.getState().setRunsError(err instanceof Error ? err.message : String(err));

/**
 * How the current data set can be made again: built-in sets from their options (the id spells
 * them out), MNIST sets from the classic settings they were loaded with, imported sets from
 * storage. Checked against the id when the set is rebuilt.
 */
export function datasetSource(): DatasetSource {
  const s = useLab.getState();
  const d = s.dataset;
  if (!d) return { kind: 'none' };
  const synthetic = /^synthetic-([a-z]+)-(\d+)-(gray|rgb)-s(\d+)$/.exec(d.id);
  if (synthetic) {
    const [, texture, size, colour, seed] = synthetic;
    return { kind: 'synthetic', options: { texture: texture as SyntheticOptions['texture'], size: Number(size), channels: colour === 'gray' ? 1 : 3, seed: Number(seed) } };
  }
  if (d.id.startsWith('user-')) return { kind: 'stored', id: d.id };
  const c = s.classic;
  if (d.id === `${c.set}:${d.id.split(':')[1]}:seed-${c.seed}`) {
    return { kind: 'classic', request: { set: c.set, normalClass: c.normalClass, anomalyRatio: c.anomalyRatio, size: d.size, channels: 1, seed: c.seed } };
  }
  return { kind: 'none' };
}

/** The loaded built-in set as a link describes it (null for imported or saved sets). */
function sharedData(): SharedData | null {
  const src = datasetSource();
  if (src.kind === 'synthetic') {
    const o = src.options;
    return { kind: 'procedural', texture: o.texture ?? 'woven', size: o.size ?? 64, channels: o.channels === 1 ? 1 : 3, seed: o.seed ?? 1 };
  }
  if (src.kind === 'classic') {
    const r = src.request;
    return { kind: 'classic', set: r.set, normalClass: r.normalClass, anomalyRatio: r.anomalyRatio, size: r.size, seed: r.seed };
  }
  return null;
}

/** Makes a data set again from its source in the (new) worker and shows it; throws with a reason. */
async function rebuildDataset(source: DatasetSource, expectedId: string): Promise<void> {
  const s = useLab.getState();
  if (source.kind === 'none') throw new Error('the data set was not saved in this browser, so it cannot be loaded again: import it again');
  s.setDatasetLoading(true);
  try {
    if (source.kind === 'synthetic') {
      s.setSynthetic({ ...source.options } as Partial<typeof s.synthetic>);
      await loadSynthetic(source.options);
    } else if (source.kind === 'classic') {
      const { set, normalClass, anomalyRatio, size, seed } = source.request;
      s.setClassic({ set, normalClass, anomalyRatio, size, seed });
      s.setDataset(await worker().loadClassic(source.request));
    } else {
      s.setDataset(await worker().openSaved(source.id));
    }
  } catch (err) {
    useLab.getState().setDatasetLoading(false);
    throw err;
  }
  const now = useLab.getState().dataset;
  if (now?.id !== expectedId) throw new Error(`the data set could not be made again (got "${now?.name ?? 'none'}")`);
}

export async function refreshRuns(): Promise<void> {
  try {
    useLab.getState().setSavedRuns(await worker().savedRuns());
  } catch (err) {
    failRuns(err);
  }
}

export async function refreshCheckpoint(): Promise<void> {
  try {
    useLab.getState().setCheckpoint(await worker().checkpointInfo());
  } catch (err) {
    failRuns(err);
  }
}

/** Shows a saved run: scored again when the current data set is its own, else its saved metrics. */
export async function openRun(id: string): Promise<void> {
  const s = useLab.getState();
  const info = s.savedRuns?.find((r) => r.id === id);
  if (!info) return;
  s.setRunsError(null);
  s.setOpenedRun({ id, mode: 'opening', identical: null, metrics: null });
  try {
    const opened = await worker().openRun(id);
    if (opened.mode === 'scored') {
      const ev = useLab.getState().evaluation;
      useLab.setState({
        losses: info.lossHistory,
        progress: { step: info.steps, totalSteps: info.steps, epoch: info.train.epochs, epochs: info.train.epochs, elapsedMs: info.trainSeconds * 1000, etaMs: 0 },
        runState: 'done',
        runMessage: `Saved run opened: ${info.method} from ${new Date(info.createdAt).toLocaleString()}, scored again on this data set.`,
        samples: ev ? await worker().samples(sampleIndices(ev.labels, 2)) : [],
      });
    }
    useLab.getState().setOpenedRun({ id, mode: opened.mode, identical: opened.identical, metrics: opened.metrics });
  } catch (err) {
    useLab.getState().setOpenedRun(null);
    failRuns(err);
  }
}

export async function deleteRun(id: string): Promise<void> {
  try {
    const s = useLab.getState();
    s.setSavedRuns(await worker().deleteRun(id));
    if (s.openedRun?.id === id) s.setOpenedRun(null);
  } catch (err) {
    failRuns(err);
  }
}

export async function exportRun(id: string): Promise<void> {
  useLab.getState().setRunsError(null);
  try {
    const { name, bytes } = await worker().exportRun(id);
    downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name);
  } catch (err) {
    failRuns(err);
  }
}

/** Hands a run file to the worker, which validates all of it before saving anything. */
export async function importRunFile(file: File): Promise<void> {
  const s = useLab.getState();
  s.setRunsError(null);
  try {
    const info = await worker().importRun(file);
    s.setLastImported(info.id);
    await refreshRuns();
  } catch (err) {
    failRuns(new Error(`${file.name} was refused: ${err instanceof Error ? err.message : String(err)}`));
  }
}

/** Continues the stored checkpoint: loads its data set if needed, then trains on from its step. */
export async function resumeCheckpoint(): Promise<void> {
  const s = useLab.getState();
  const cp = s.checkpoint;
  if (!cp) return;
  s.setRunsError(null);
  try {
    if (s.dataset?.id !== cp.dataset.id) await rebuildDataset(cp.source, cp.dataset.id);
  } catch (err) {
    s.failRun(`Cannot resume: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  // Go on where it trained (the page starts on 'auto' after a reload).
  if (isBackendName(cp.backend) && s.backend?.name !== cp.backend) await switchBackend(cp.backend);
  s.setMethodId(cp.method);
  useLab.setState({ methodConfigs: { ...useLab.getState().methodConfigs, [cp.method]: { ...cp.config } } });
  s.setTrain(cp.train);
  s.startRun();
  try {
    await worker().resumeTraining();
    const ev = useLab.getState().evaluation;
    if (ev) useLab.getState().setSamples(await worker().samples(sampleIndices(ev.labels, 2)));
  } catch (err) {
    useLab.getState().failRun((err as Error).message);
  }
}

export async function discardCheckpoint(): Promise<void> {
  try {
    await worker().discardCheckpoint();
    useLab.getState().setCheckpoint(null);
  } catch (err) {
    failRuns(err);
  }
}

/**
 * The watchdog: a ping every few seconds; no answer within the limit (a hung worker) or an
 * uncaught error in it (a crash) replaces the worker: a new one starts on the chosen backend and
 * the current data set is made again from its source. Saved runs, saved data sets and the last
 * checkpoint live in IndexedDB, so nothing stored is lost; a run that was training can resume.
 */
const HEARTBEAT_MS = 2_000;
/** Long enough for the slowest synchronous work seen here (a cpu-backend step, metrics of a big set). */
let hangLimitMs = 60_000;
let watchdog: ReturnType<typeof setInterval> | null = null;
let pinging = false;
let restarting = false;
const restarts: number[] = [];

function startWatchdog(): void {
  if (watchdog) return;
  watchdog = setInterval(() => void heartbeat(), HEARTBEAT_MS);
}

async function heartbeat(): Promise<void> {
  if (pinging || restarting || !api) return;
  pinging = true;
  const current = api;
  const answered = await Promise.race([
    current.ping().then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), hangLimitMs)),
  ]);
  pinging = false;
  if (!answered && current === api) await restartWorker(`stopped answering for ${Math.round(hangLimitMs / 1000)} s`);
}

async function restartWorker(what: string): Promise<void> {
  if (restarting) return;
  const now = Date.now();
  while (restarts.length && now - restarts[0]! > 120_000) restarts.shift();
  const s = useLab.getState();
  if (restarts.length >= 3) {
    s.pushNotice('warning', `The lab's worker ${what} again (3 restarts in 2 minutes): reload the page. Saved runs and data sets are kept.`);
    return;
  }
  restarts.push(now);
  restarting = true;
  const source = datasetSource();
  const datasetId = s.dataset?.id ?? null;
  const wasTraining = s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating';
  workerHandle?.terminate();
  workerHandle = null;
  api = null;
  if (wasTraining) useLab.setState({ runState: 'stopped', runMessage: 'Training was interrupted: the worker was restarted.' });
  if (s.compareStatus === 'running') s.finishCompare('error', 'The worker was restarted: run the queue again.');
  try {
    const info = await worker().init(Comlink.proxy(onEvent), s.backendChoice);
    s.setBackend(info);
    if (datasetId) await rebuildDataset(source, datasetId);
    await Promise.all([refreshRuns(), refreshCheckpoint()]);
    const cp = useLab.getState().checkpoint;
    const resumable = wasTraining && cp ? ` Training can resume from its checkpoint at step ${cp.step}.` : '';
    s.pushNotice('warning', `The lab's worker ${what} and was restarted on ${info.name}. Saved runs and data sets are kept.${resumable}`);
  } catch (err) {
    s.pushNotice('warning', `The lab's worker ${what} and was restarted, but: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    restarting = false;
  }
}

/** Fault injection for the reliability tests, on `window.reconlabDebug` when the URL has `?debug`. */
function exposeDebugHooks(): void {
  if (typeof window === 'undefined' || !new URLSearchParams(window.location.search).has('debug')) return;
  (window as unknown as { reconlabDebug: unknown }).reconlabDebug = {
    loseDevice: () => worker().debugLoseDevice(),
    poisonNextStep: () => worker().debugPoisonNextStep(),
    // Not awaited: the worker is blocked until it returns.
    hang: (ms: number) => void worker().debugHang(ms),
    crash: () => worker().debugCrash(),
    setHangLimit: (ms: number) => (hangLimitMs = ms),
  };
}
exposeDebugHooks();
// ─── end of saved runs, checkpoints and watchdog ───────────────────────────────────────────

// ─── Step-by-step training and slow motion (issue 9) ──────────────────────────────────────────

const stepFailed = (err: unknown) => {
  const s = useLab.getState();
  s.setStepError(err instanceof Error ? err.message : String(err));
  s.setStepStatus(s.stepView && s.stepView.step < s.stepTotal ? 'ready' : 'off');
};

/** A new hand-stepped run from the current settings; the loss curve and results start afresh. */
export async function startStepRun(): Promise<boolean> {
  const s = useLab.getState();
  s.setStepError(null);
  try {
    const { totalSteps } = await worker().stepStart({ method: s.methodId, config: s.methodConfigs[s.methodId] ?? {}, train: s.train });
    useLab.setState({ losses: { steps: [], terms: {} }, progress: null, evaluation: null, samples: [], runMessage: null });
    s.setStepView(null, totalSteps);
    s.setStepStatus('ready');
    return true;
  } catch (err) {
    stepFailed(err);
    return false;
  }
}

/** Exactly one training step (a run is started first when there is none). */
export async function stepOnce(): Promise<void> {
  const s = useLab.getState();
  if (s.stepStatus === 'stepping') return;
  if (s.stepStatus === 'off' && !(await startStepRun())) return;
  const playing = useLab.getState().stepStatus === 'playing';
  if (!playing) s.setStepStatus('stepping');
  try {
    const view = await worker().stepOnce();
    const now = useLab.getState();
    now.setStepView(view);
    if (view.step >= view.totalSteps) now.setStepStatus('ready');
    else if (!playing || now.stepStatus !== 'playing') now.setStepStatus('ready');
  } catch (err) {
    stepFailed(err);
  }
}

/** Slow motion: one step, a pause to look at it, the next step... until paused or done. */
export async function playSlowMotion(): Promise<void> {
  const s = useLab.getState();
  if (s.stepStatus === 'playing' || s.stepStatus === 'stepping') return;
  if (s.stepStatus === 'off' && !(await startStepRun())) return;
  useLab.getState().setStepStatus('playing');
  while (useLab.getState().stepStatus === 'playing') {
    const started = performance.now();
    await stepOnce();
    const now = useLab.getState();
    if (now.stepStatus !== 'playing' || (now.stepView && now.stepView.step >= now.stepView.totalSteps)) break;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, now.slowMotionMs - (performance.now() - started))));
  }
  if (useLab.getState().stepStatus === 'playing') useLab.getState().setStepStatus('ready');
}

export const pauseSlowMotion = () => {
  if (useLab.getState().stepStatus === 'playing') useLab.getState().setStepStatus('ready');
};

/** Scores the stepped run on the test set (results, heatmaps and metrics as for a trained run). */
export async function scoreStepRun(): Promise<void> {
  const s = useLab.getState();
  s.setStepStatus('off');
  try {
    await worker().stepScore();
    const ev = useLab.getState().evaluation;
    useLab.setState({ runState: 'done' });
    if (ev) useLab.getState().setSamples(await worker().samples(sampleIndices(ev.labels, 2)));
  } catch (err) {
    stepFailed(err);
  }
}

export async function endStepRun(): Promise<void> {
  useLab.getState().setStepStatus('off');
  useLab.getState().setStepView(null, 0);
  await worker().stepEnd();
}
// ─── end of step-by-step training ──────────────────────────────────────────────────────────
