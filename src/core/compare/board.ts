import type { TestMetrics } from '../metrics/summary';
import type { MethodConfig } from '../methods/types';
import { describeBudget, type Budget } from './budget';

export type { Budget };

/**
 * The compare board's leaderboard as plain data: one row per run, the same in the browser and
 * the CLI, and its JSON, CSV and Markdown renderings.
 */
export interface BoardRow {
  /** What the row is called on the board, e.g. "ae · loss=ssim". */
  label: string;
  method: string;
  config: MethodConfig;
  imageAUROC: number | null;
  pixelAUROC: number | null;
  aupro: number | null;
  imageF1: number | null;
  imageThreshold: number | null;
  pixelF1: number | null;
  pixelThreshold: number | null;
  perTypeAUROC: Record<string, number>;
  trainSteps: number;
  trainSeconds: number;
  inferMsPerImage: number;
  params: number;
  notes: string[];
}

/** What every run on a board shares. */
export interface BoardSetup {
  dataset: string;
  budget: Budget;
  seed: number;
  batchSize: number;
  backend: string;
}

export interface RunStats {
  trainSteps: number;
  trainSeconds: number;
  inferMsPerImage: number;
  params: number;
}

export function boardRow(
  label: string,
  method: string,
  config: MethodConfig,
  metrics: TestMetrics,
  stats: RunStats,
): BoardRow {
  return {
    label,
    method,
    config,
    imageAUROC: metrics.imageAUROC,
    pixelAUROC: metrics.pixelAUROC,
    aupro: metrics.aupro,
    imageF1: metrics.f1max.image?.f1 ?? null,
    imageThreshold: metrics.f1max.image?.threshold ?? null,
    pixelF1: metrics.f1max.pixel?.f1 ?? null,
    pixelThreshold: metrics.f1max.pixel?.threshold ?? null,
    perTypeAUROC: metrics.perTypeAUROC,
    ...stats,
    notes: metrics.notes,
  };
}

/** The settings of a run that differ from the method's defaults, e.g. "loss=ssim, width=8". */
export function configDiff(config: MethodConfig, defaults: MethodConfig): string {
  return Object.entries(config)
    .filter(([k, v]) => defaults[k] !== v)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

interface Column {
  title: string;
  value(r: BoardRow): string | number | null;
  /** Digits for numbers in the human tables (CSV and JSON keep full precision). */
  digits?: number;
}

export const BOARD_COLUMNS: Column[] = [
  { title: 'method', value: (r) => r.label },
  { title: 'image AUROC', value: (r) => r.imageAUROC, digits: 3 },
  { title: 'pixel AUROC', value: (r) => r.pixelAUROC, digits: 3 },
  { title: 'AUPRO', value: (r) => r.aupro, digits: 3 },
  { title: 'image F1-max', value: (r) => r.imageF1, digits: 3 },
  { title: 'pixel F1-max', value: (r) => r.pixelF1, digits: 3 },
  { title: 'train steps', value: (r) => r.trainSteps },
  { title: 'train s', value: (r) => r.trainSeconds, digits: 1 },
  { title: 'inference ms/img', value: (r) => r.inferMsPerImage, digits: 2 },
  { title: 'parameters', value: (r) => r.params },
];

function formatCell(c: Column, r: BoardRow): string {
  const v = c.value(r);
  if (v === null) return 'n/a';
  if (typeof v === 'number') return c.digits === undefined ? String(v) : v.toFixed(c.digits);
  return v;
}

/** A GitHub-style Markdown table. */
export function boardMarkdown(rows: readonly BoardRow[], setup?: BoardSetup): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines: string[] = [];
  if (setup) {
    lines.push(
      `Data: ${escape(setup.dataset)} · budget ${describeBudget(setup.budget)} · seed ${setup.seed} · batch ${setup.batchSize} · backend ${escape(setup.backend)}`,
      '',
    );
  }
  lines.push(`| ${BOARD_COLUMNS.map((c) => c.title).join(' | ')} |`);
  lines.push(`| ${BOARD_COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const r of rows) lines.push(`| ${BOARD_COLUMNS.map((c) => escape(formatCell(c, r))).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

/**
 * RFC 4180 CSV with full-precision numbers and empty cells for missing metrics. Text cells that
 * a spreadsheet would run as a formula (= + - @ at the start) get a leading apostrophe.
 */
export function boardCsv(rows: readonly BoardRow[]): string {
  const text = (s: string) => {
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = [...BOARD_COLUMNS.map((c) => c.title), 'image threshold', 'pixel threshold', 'config'];
  const lines = [header.map(text).join(',')];
  for (const r of rows) {
    const cells = BOARD_COLUMNS.map((c) => {
      const v = c.value(r);
      return v === null ? '' : typeof v === 'number' ? String(v) : text(v);
    });
    cells.push(r.imageThreshold === null ? '' : String(r.imageThreshold));
    cells.push(r.pixelThreshold === null ? '' : String(r.pixelThreshold));
    cells.push(text(JSON.stringify(r.config)));
    lines.push(cells.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** The whole board as a JSON document (setup and rows). */
export function boardJson(rows: readonly BoardRow[], setup: BoardSetup, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ kind: 'reconlab-compare-board', version: 1, ...setup, ...extra, rows }, null, 2) + '\n';
}
