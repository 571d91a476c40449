import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { F1Max } from '../metrics/f1';
import type { TestMetrics } from '../metrics/summary';
import { METHODS } from '../methods/registry';
import { resolveConfig, type ImageShape, type MethodConfig, type MethodSpec } from '../methods/types';
import type { LossHistory } from '../train/engine';
import { RUN_FORMAT, RUN_JSON, RUN_VERSION, WEIGHTS_BIN, sha256Hex, type RunRecord, type RunTraining } from './format';
import { decodeWeights, specKey, totalBytes, weightSpecs, type HostWeights, type WeightDtype, type WeightSpec } from './weights';

/**
 * Reads a run file (.zip) from an untrusted source. Everything is checked before anything is used:
 * the archive's size, entry count, names and declared sizes (before inflating), run.json's schema
 * and version, the method id, the settings (through resolveConfig), the weight names, shapes and
 * dtypes against a freshly built run of that method, settings and image shape, byte lengths and a
 * SHA-256 of the weights. A refusal is a RunFileError whose message is one line for the user.
 * Nothing in the file is ever run as code: run.json is parsed with JSON.parse and copied field by
 * field; model files under tfjs/ are allowed and never read.
 */
export class RunFileError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RunFileError';
  }
}

export interface RunFileLimits {
  /** The .zip itself. */
  maxFileBytes: number;
  maxEntries: number;
  /** Declared (uncompressed) sizes. */
  maxRunJsonBytes: number;
  maxWeightsBytes: number;
  maxTotalBytes: number;
}

export const RUN_FILE_LIMITS: RunFileLimits = {
  maxFileBytes: 300 * 2 ** 20,
  maxEntries: 16,
  maxRunJsonBytes: 16 * 2 ** 20,
  maxWeightsBytes: 256 * 2 ** 20,
  maxTotalBytes: 300 * 2 ** 20,
};

/** Names, shapes and dtypes the weights of `spec` must have for these settings and image shape. */
export type ExpectedSpecs = (spec: MethodSpec, config: MethodConfig, shape: ImageShape) => WeightSpec[];

/** Builds the run (as the lab would to load it), lists its weights and disposes it. */
export const freshRunSpecs: ExpectedSpecs = (spec, config, shape) => {
  const run = spec.create(config, shape, 0);
  try {
    return weightSpecs(run);
  } finally {
    run.dispose();
  }
};

export interface ValidRun {
  record: RunRecord;
  weights: HostWeights;
}

export interface ReadOptions {
  limits?: Partial<RunFileLimits>;
  expectedSpecs?: ExpectedSpecs;
  methods?: readonly MethodSpec[];
}

const MODEL_FOLDER = 'tfjs/';
const MAX_STRING = 200;
const MAX_NOTES = 50;
const MAX_LOSS_POINTS = 1_000_000;
const MAX_SIDE = 512;

const mib = (n: number): string => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GiB` : `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 2 : 0)} MiB`);
const fail = (reason: string): never => {
  throw new RunFileError(reason);
};
const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

export async function readRunFile(bytes: Uint8Array, options: ReadOptions = {}): Promise<ValidRun> {
  const limits = { ...RUN_FILE_LIMITS, ...options.limits };
  const files = unpack(bytes, limits);
  const doc = parseJson(files.runJson);
  const { record, spec, manifest, sha256 } = checkDocument(doc, options.methods ?? METHODS);
  const weights = await checkWeights(record, spec, manifest, sha256, files.weights, options.expectedSpecs ?? freshRunSpecs);
  return { record, weights };
}

// ─── the archive ─────────────────────────────────────────────────────────────────────────────

function unpack(bytes: Uint8Array, limits: RunFileLimits): { runJson: Uint8Array; weights: Uint8Array } {
  if (bytes.byteLength > limits.maxFileBytes) fail(`the file is ${mib(bytes.byteLength)}, more than the ${mib(limits.maxFileBytes)} a run file may be`);
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) fail('not a zip archive: a run file is the .zip that "Export" saves');
  // First pass: the central directory only (the filter takes nothing), so sizes are checked before any inflating.
  const declared = new Map<string, UnzipFileInfo>();
  let entries = 0;
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (info) => {
        if (info.name.endsWith('/')) return false;
        if (++entries > limits.maxEntries) fail(`the zip has more than ${limits.maxEntries} entries; a run file has two`);
        if (declared.has(info.name)) fail(`the zip holds "${clip(info.name)}" twice`);
        if (info.name !== RUN_JSON && info.name !== WEIGHTS_BIN && !info.name.startsWith(MODEL_FOLDER)) {
          fail(`unexpected entry "${clip(info.name)}": a run file holds run.json, weights.bin and optionally a tfjs/ model`);
        }
        if (info.compression !== 0 && info.compression !== 8) fail(`"${clip(info.name)}" uses zip compression method ${info.compression} (only stored and deflate are read)`);
        const cap = info.name === RUN_JSON ? limits.maxRunJsonBytes : info.name === WEIGHTS_BIN ? limits.maxWeightsBytes : limits.maxTotalBytes;
        if (info.originalSize > cap) fail(`"${clip(info.name)}" declares ${mib(info.originalSize)} uncompressed, more than the ${mib(cap)} limit`);
        total += info.originalSize;
        if (total > limits.maxTotalBytes) fail(`the zip declares ${mib(total)} uncompressed in all, more than the ${mib(limits.maxTotalBytes)} limit`);
        declared.set(info.name, info);
        return false;
      },
    });
  } catch (e) {
    if (e instanceof RunFileError) throw e;
    fail(`the zip archive is truncated or corrupt (${reasonOf(e)})`);
  }
  for (const name of [RUN_JSON, WEIGHTS_BIN]) if (!declared.has(name)) fail(`${name} is missing from the zip`);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (info) => info.name === RUN_JSON || info.name === WEIGHTS_BIN });
  } catch (e) {
    return fail(`the zip archive is truncated or corrupt (${reasonOf(e)})`);
  }
  const out = { runJson: files[RUN_JSON], weights: files[WEIGHTS_BIN] };
  for (const [name, data] of [[RUN_JSON, out.runJson] as const, [WEIGHTS_BIN, out.weights] as const]) {
    if (!data) fail(`${name} could not be read from the zip`);
    const size = declared.get(name)!.originalSize;
    if (data!.byteLength !== size) fail(`${name} unpacks to ${data!.byteLength} bytes but declares ${size}: the zip is corrupt`);
  }
  return out as { runJson: Uint8Array; weights: Uint8Array };
}

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('run.json is not UTF-8 text');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return fail(`run.json is not valid JSON (${reasonOf(e)})`);
  }
}

// ─── run.json ────────────────────────────────────────────────────────────────────────────────

type Obj = Record<string, unknown>;

const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`run.json: ${path} must be an object`);
  return v as Obj;
}

function text(v: unknown, path: string, max = MAX_STRING): string {
  if (typeof v !== 'string') fail(`run.json: ${path} must be a string`);
  if ((v as string).length > max) fail(`run.json: ${path} is longer than ${max} characters`);
  return v as string;
}

function finite(v: unknown, path: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    fail(`run.json: ${path} must be a number${Number.isFinite(min) ? ` in [${min}, ${max}]` : ''}`);
  }
  return v as number;
}

function int(v: unknown, path: string, min: number, max: number): number {
  const n = finite(v, path, min, max);
  if (!Number.isInteger(n)) fail(`run.json: ${path} must be an integer`);
  return n;
}

function list(v: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(v)) fail(`run.json: ${path} must be a list`);
  if ((v as unknown[]).length > max) fail(`run.json: ${path} has more than ${max} items`);
  return v as unknown[];
}

const optional = <T>(v: unknown, read: (v: unknown) => T): T | undefined => (v === undefined ? undefined : read(v));

interface CheckedDocument {
  record: RunRecord;
  spec: MethodSpec;
  manifest: WeightSpec[];
  sha256: string;
}

function checkDocument(raw: unknown, methods: readonly MethodSpec[]): CheckedDocument {
  const doc = obj(raw, 'the top level');
  if (doc.format !== RUN_FORMAT) fail(`run.json is not a ReconLab run (format must be "${RUN_FORMAT}")`);
  const version = int(doc.version, 'version', 1, Number.MAX_SAFE_INTEGER);
  if (version > RUN_VERSION) fail(`the run was saved by a newer ReconLab (format version ${version}; this one reads ${RUN_VERSION})`);

  const methodId = text(doc.method, 'method', 40);
  const spec = methods.find((m) => m.id === methodId);
  if (!spec) fail(`unknown method "${clip(methodId)}" (known: ${methods.map((m) => m.id).join(', ')})`);
  const rawConfig = obj(doc.config, 'config');
  for (const [k, v] of Object.entries(rawConfig)) {
    if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') fail(`run.json: config "${clip(k)}" must be a number, string or boolean`);
  }
  let config: MethodConfig;
  try {
    config = resolveConfig(spec!, rawConfig as MethodConfig);
  } catch (e) {
    return fail(`run.json: settings refused: ${reasonOf(e)}`);
  }

  const shapeList = list(doc.shape, 'shape', 3);
  if (shapeList.length !== 3) fail('run.json: shape must be [height, width, channels]');
  const h = int(shapeList[0], 'shape[0]', 8, MAX_SIDE);
  const w = int(shapeList[1], 'shape[1]', 8, MAX_SIDE);
  const c = int(shapeList[2], 'shape[2]', 1, 3);
  if (c === 2) fail('run.json: shape channels must be 1 or 3');

  const train = obj(doc.train, 'train');
  const training: RunTraining = {
    epochs: int(train.epochs, 'train.epochs', 1, 1_000_000),
    batchSize: int(train.batchSize, 'train.batchSize', 1, 4096),
  };
  const maxSteps = optional(train.maxSteps, (v) => int(v, 'train.maxSteps', 1, 1e9));
  const maxSeconds = optional(train.maxSeconds, (v) => finite(v, 'train.maxSeconds', 0, 1e9));
  if (maxSteps !== undefined) training.maxSteps = maxSteps;
  if (maxSeconds !== undefined) training.maxSeconds = maxSeconds;

  const dataset = obj(doc.dataset, 'dataset');
  const record: RunRecord = {
    method: spec!.id,
    config,
    seed: int(doc.seed, 'seed', 0, 2 ** 32),
    shape: [h, w, c],
    train: training,
    dataset: { id: text(dataset.id, 'dataset.id'), name: text(dataset.name, 'dataset.name') },
    steps: int(doc.steps, 'steps', 0, 1e9),
    trainSeconds: finite(doc.trainSeconds, 'trainSeconds', 0, 1e9),
    backend: text(doc.backend, 'backend', 40),
    createdAt: finite(doc.createdAt, 'createdAt', 0, 1e14),
    metrics: doc.metrics === null ? null : checkMetrics(doc.metrics),
    lossHistory: checkLosses(doc.lossHistory),
    notes: list(doc.notes, 'notes', MAX_NOTES).map((n, i) => text(n, `notes[${i}]`, 500)),
  };

  const groups = list(doc.weightsManifest, 'weightsManifest', 1);
  if (groups.length !== 1) fail('run.json: weightsManifest must have one group');
  const group = obj(groups[0], 'weightsManifest[0]');
  const paths = list(group.paths, 'weightsManifest[0].paths', 1);
  if (paths.length !== 1 || paths[0] !== WEIGHTS_BIN) fail(`run.json: the weights must be in one file, ${WEIGHTS_BIN}`);
  const seen = new Set<string>();
  const manifest = list(group.weights, 'weightsManifest[0].weights', 10_000).map((entry, i): WeightSpec => {
    const e = obj(entry, `weight ${i}`);
    const name = text(e.name, `weight ${i} name`);
    if (seen.has(name)) fail(`run.json: weight "${clip(name)}" is listed twice`);
    seen.add(name);
    if (e.dtype !== 'float32' && e.dtype !== 'int32') fail(`run.json: weight "${clip(name)}" has dtype ${clip(String(e.dtype))} (float32 or int32 expected)`);
    const shape = list(e.shape, `weight "${clip(name)}" shape`, 8).map((d) => int(d, `weight "${clip(name)}" shape`, 0, 2 ** 28));
    return { name, shape, dtype: e.dtype as WeightDtype };
  });
  if (typeof doc.weightsSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(doc.weightsSha256)) fail('run.json: weightsSha256 must be 64 hex digits');
  return { record, spec: spec!, manifest, sha256: doc.weightsSha256 as string };
}

function checkF1(v: unknown, path: string): F1Max | null {
  if (v === null) return null;
  const o = obj(v, path);
  return {
    f1: finite(o.f1, `${path}.f1`, 0, 1),
    threshold: finite(o.threshold, `${path}.threshold`),
    precision: finite(o.precision, `${path}.precision`, 0, 1),
    recall: finite(o.recall, `${path}.recall`, 0, 1),
  };
}

function checkMetrics(v: unknown): TestMetrics {
  const m = obj(v, 'metrics');
  const unit = (x: unknown, path: string): number | null => (x === null ? null : finite(x, path, 0, 1));
  const f1 = obj(m.f1max, 'metrics.f1max');
  const perTypeRaw = obj(m.perTypeAUROC, 'metrics.perTypeAUROC');
  const types = Object.keys(perTypeRaw);
  if (types.length > 200) fail('run.json: metrics.perTypeAUROC has more than 200 types');
  const perTypeAUROC: Record<string, number> = {};
  for (const t of types) perTypeAUROC[text(t, 'a defect type')] = finite(perTypeRaw[t], `metrics.perTypeAUROC "${clip(t)}"`, 0, 1);
  return {
    imageAUROC: unit(m.imageAUROC, 'metrics.imageAUROC'),
    pixelAUROC: unit(m.pixelAUROC, 'metrics.pixelAUROC'),
    aupro: unit(m.aupro, 'metrics.aupro'),
    f1max: { image: checkF1(f1.image, 'metrics.f1max.image'), pixel: checkF1(f1.pixel, 'metrics.f1max.pixel') },
    perTypeAUROC,
    notes: list(m.notes, 'metrics.notes', MAX_NOTES).map((n, i) => text(n, `metrics.notes[${i}]`, 500)),
  };
}

function checkLosses(v: unknown): LossHistory {
  const h = obj(v, 'lossHistory');
  const steps = list(h.steps, 'lossHistory.steps', MAX_LOSS_POINTS).map((s) => int(s, 'lossHistory.steps', 0, 1e9));
  const termsRaw = obj(h.terms, 'lossHistory.terms');
  const names = Object.keys(termsRaw);
  if (names.length > 16) fail('run.json: lossHistory has more than 16 loss terms');
  const terms: Record<string, number[]> = {};
  for (const name of names) {
    const series = list(termsRaw[name], `lossHistory "${clip(name)}"`, MAX_LOSS_POINTS).map((x) => finite(x, `lossHistory "${clip(name)}"`));
    if (series.length !== steps.length) fail(`run.json: lossHistory "${clip(name)}" has ${series.length} values for ${steps.length} steps`);
    terms[text(name, 'a loss name', 40)] = series;
  }
  return { steps, terms };
}

// ─── weights ─────────────────────────────────────────────────────────────────────────────────

async function checkWeights(
  record: RunRecord,
  spec: MethodSpec,
  manifest: WeightSpec[],
  sha256: string,
  data: Uint8Array,
  expectedSpecs: ExpectedSpecs,
): Promise<HostWeights> {
  const declared = totalBytes(manifest);
  if (data.byteLength !== declared) fail(`weights.bin holds ${data.byteLength} bytes but the manifest declares ${declared}`);
  if ((await sha256Hex(data)) !== sha256) fail('weights.bin does not match its SHA-256 in run.json: the file was damaged or edited');
  let expected: WeightSpec[];
  try {
    expected = expectedSpecs(spec, record.config, record.shape);
  } catch (e) {
    return fail(`${spec.id} cannot be built for ${record.shape.join('x')} images with these settings (${reasonOf(e)})`);
  }
  const byName = new Map(manifest.map((s) => [s.name, s]));
  const what = `${spec.id} with these settings at ${record.shape.join('x')}`;
  for (const want of expected) {
    const got = byName.get(want.name);
    if (!got) fail(`weight "${clip(want.name)}" is missing (${what} has ${expected.length} weights, the file ${manifest.length})`);
    if (got!.dtype !== want.dtype) fail(`weight "${clip(want.name)}" is ${got!.dtype}, expected ${want.dtype}`);
    if (specKey(got!) !== specKey(want)) fail(`weight "${clip(want.name)}" has shape ${got!.shape.join('x') || 'scalar'}, expected ${want.shape.join('x') || 'scalar'} for ${what}`);
  }
  const known = new Set(expected.map((s) => s.name));
  const extra = manifest.find((s) => !known.has(s.name));
  if (extra) fail(`weight "${clip(extra.name)}" is not a weight of ${what}`);
  const weights = decodeWeights(manifest, data);
  for (const w of weights) {
    if (w.dtype === 'float32' && w.values.some((x) => !Number.isFinite(x))) fail(`weight "${clip(w.name)}" holds NaN or infinite values`);
  }
  return weights;
}

