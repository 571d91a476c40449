import { CLASSIC_SETS, type ClassicSetId } from '../core/data/classic';
import { TEXTURES, type TextureKind } from '../core/data/synthetic';
import type { MethodConfig, MethodInfo, ParamDef } from '../core/methods/types';
import type { TrainConfig } from '../core/train/engine';

/**
 * The settings a link carries, so that a teacher can hand out a run: the method and its
 * configuration, the training settings with their seed, and the built-in data set. Readable query
 * keys (`?method=riad&p.lr=0.001&epochs=2&data=mnist&class=3`), checked value by value on the way
 * in: anything unknown or out of range is dropped and named, never trusted.
 */
export type SharedData =
  | { kind: 'procedural'; texture: TextureKind; size: number; channels: 1 | 3; seed: number }
  | { kind: 'classic'; set: ClassicSetId; normalClass: number; anomalyRatio: number; size: number; seed: number };

export interface SharedSettings {
  methodId: string;
  config: MethodConfig;
  train: TrainConfig;
  data: SharedData | null;
}

export interface DecodedShare {
  methodId?: string;
  /** Only the parameters the link set (over the method's current values). */
  config: MethodConfig;
  train: Partial<TrainConfig>;
  data?: SharedData;
  /** The query keys that were ignored, each with its value. */
  ignored: string[];
}

export const PROCEDURAL_SIZES = [32, 64, 128] as const;
export const CLASSIC_SIZES = [32, 64] as const;
/** Keys of the page that are not settings (debug hooks, the backend override of tests). */
const PASS_THROUGH = new Set(['debug', 'backend']);

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

export function encodeShare(s: SharedSettings, method?: MethodInfo): URLSearchParams {
  const q = new URLSearchParams();
  q.set('method', s.methodId);
  for (const def of method?.params ?? []) {
    const v = s.config[def.key];
    if (v !== undefined) q.set(`p.${def.key}`, typeof v === 'number' ? formatNumber(v) : String(v));
  }
  q.set('epochs', String(s.train.epochs));
  q.set('batch', String(s.train.batchSize));
  q.set('seed', String(s.train.seed));
  q.set('every', String(s.train.lossEvery));
  if (s.train.maxSteps) q.set('steps', String(s.train.maxSteps));
  const d = s.data;
  if (d?.kind === 'procedural') {
    q.set('data', 'procedural');
    q.set('texture', d.texture);
    q.set('size', String(d.size));
    q.set('colour', d.channels === 1 ? 'gray' : 'rgb');
    q.set('dseed', String(d.seed));
  } else if (d?.kind === 'classic') {
    q.set('data', d.set);
    q.set('class', String(d.normalClass));
    q.set('ratio', formatNumber(d.anomalyRatio));
    q.set('size', String(d.size));
    q.set('dseed', String(d.seed));
  }
  return q;
}

/** An integer in [lo, hi] written plainly (no exponent, no fraction), or null. */
function intIn(raw: string | null, lo: number, hi: number): number | null {
  if (raw === null || !/^-?\d{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= lo && n <= hi ? n : null;
}

function numberIn(raw: string | null, lo: number, hi: number): number | null {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= lo && n <= hi ? n : null;
}

function paramValue(def: ParamDef, raw: string): number | string | boolean | null {
  switch (def.kind) {
    case 'choice':
      return def.options.includes(raw) ? raw : null;
    case 'bool':
      return raw === 'true' ? true : raw === 'false' ? false : null;
    case 'int':
      return intIn(raw, def.min, def.max);
    case 'float':
      return numberIn(raw, def.min, def.max);
  }
}

export function decodeShare(query: string | URLSearchParams, methods: readonly MethodInfo[]): DecodedShare {
  const q = typeof query === 'string' ? new URLSearchParams(query) : query;
  const out: DecodedShare = { config: {}, train: {}, ignored: [] };
  const used = new Set<string>(PASS_THROUGH);
  const ignore = (key: string) => {
    used.add(key);
    out.ignored.push(`${key}=${q.get(key) ?? ''}`);
  };
  const take = <T>(key: string, value: T | null): T | undefined => {
    if (!q.has(key)) return undefined;
    if (value === null) {
      ignore(key);
      return undefined;
    }
    used.add(key);
    return value;
  };

  const methodRaw = q.get('method');
  const method = methods.find((m) => m.id === methodRaw);
  if (take('method', method ? method.id : null)) out.methodId = method!.id;
  for (const [key, raw] of q) {
    if (!key.startsWith('p.') || used.has(key)) continue;
    const def = method?.params.find((p) => p.key === key.slice(2));
    const value = def ? paramValue(def, raw) : null;
    if (def && value !== null) {
      out.config[def.key] = value;
      used.add(key);
    } else ignore(key);
  }

  const epochs = take('epochs', intIn(q.get('epochs'), 1, 1000));
  const batchSize = take('batch', intIn(q.get('batch'), 1, 256));
  const seed = take('seed', intIn(q.get('seed'), 0, 2 ** 31));
  const lossEvery = take('every', intIn(q.get('every'), 1, 100));
  const maxSteps = take('steps', intIn(q.get('steps'), 0, 1_000_000));
  if (epochs !== undefined) out.train.epochs = epochs;
  if (batchSize !== undefined) out.train.batchSize = batchSize;
  if (seed !== undefined) out.train.seed = seed;
  if (lossEvery !== undefined) out.train.lossEvery = lossEvery;
  if (maxSteps !== undefined) out.train.maxSteps = maxSteps || undefined;

  const data = q.get('data');
  const dseed = intIn(q.get('dseed'), 0, 2 ** 31) ?? undefined;
  if (data === 'procedural') {
    used.add('data');
    const texture = take('texture', (TEXTURES as readonly string[]).includes(q.get('texture') ?? '') ? (q.get('texture') as TextureKind) : null);
    const size = take('size', (PROCEDURAL_SIZES as readonly number[]).includes(Number(q.get('size'))) ? Number(q.get('size')) : null);
    const colour = take('colour', q.get('colour') === 'gray' ? 1 : q.get('colour') === 'rgb' ? 3 : null);
    take('dseed', dseed ?? null);
    out.data = { kind: 'procedural', texture: texture ?? 'woven', size: size ?? 64, channels: colour ?? 3, seed: dseed ?? 1 };
  } else if (data !== null && data in CLASSIC_SETS) {
    used.add('data');
    const normalClass = take('class', intIn(q.get('class'), 0, 9));
    const anomalyRatio = take('ratio', numberIn(q.get('ratio'), 0.01, 0.9));
    const size = take('size', (CLASSIC_SIZES as readonly number[]).includes(Number(q.get('size'))) ? Number(q.get('size')) : null);
    take('dseed', dseed ?? null);
    out.data = { kind: 'classic', set: data as ClassicSetId, normalClass: normalClass ?? 3, anomalyRatio: anomalyRatio ?? 0.3, size: size ?? 32, seed: dseed ?? 1 };
  } else if (data !== null) ignore('data');

  for (const key of q.keys()) if (!used.has(key)) ignore(key);
  out.ignored = [...new Set(out.ignored)];
  return out;
}
