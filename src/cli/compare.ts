/**
 * `lab compare`: trains several methods one after another on the same data, budget and seed, and
 * writes one leaderboard (Markdown on stdout; --out table.md | table.csv | table.json).
 */
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { boardCsv, boardJson, boardMarkdown, boardRow, configDiff, type BoardRow, type BoardSetup } from '../core/compare/board';
import { budgetToTrain, describeBudget, type Budget } from '../core/compare/budget';
import { getMethod } from '../core/methods/registry';
import { resolveConfig, type MethodConfig, type MethodSpec } from '../core/methods/types';
import { Trainer, TRAIN_DEFAULTS } from '../core/train/engine';
import { evaluateRun } from '../core/train/evaluate';
import { CliError, intFlag, stringFlag, type ParsedArgs } from './args';
import { startNodeBackend } from './backend';
import { loadDataSpec } from './data';

export const COMPARE_HELP = `  npm run lab -- compare --data <spec> --methods ae,ae:loss=ssim,... [options]

  --methods   comma-separated method ids; settings follow the id after colons (ae:loss=ssim:width=16)
  --epochs N | --steps N | --seconds S   the same budget for every method (default ${TRAIN_DEFAULTS.epochs} epochs)
  --out       table.md, table.csv or table.json (the Markdown table is printed either way)
  --data, --size, --channels, --batch, --seed, --backend, --quiet as for eval
`;

export interface MethodChoice {
  spec: MethodSpec;
  config: MethodConfig;
  label: string;
}

/** Parses "ae,ae:loss=ssim:width=8,riad" into methods with checked settings. */
export function parseMethodList(list: string): MethodChoice[] {
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new CliError('--methods needs at least one method id, e.g. --methods ae,ae:loss=ssim');
  return items.map((item) => {
    const [id = '', ...settings] = item.split(':');
    const values: Record<string, string> = {};
    for (const s of settings) {
      const eq = s.indexOf('=');
      if (eq <= 0) throw new CliError(`--methods: "${s}" in "${item}" is not key=value`);
      values[s.slice(0, eq)] = s.slice(eq + 1);
    }
    try {
      const spec = getMethod(id);
      const config = resolveConfig(spec, values);
      const diff = configDiff(config, spec.defaults);
      return { spec, config, label: diff ? `${id} · ${diff}` : id };
    } catch (err) {
      throw new CliError((err as Error).message);
    }
  });
}

function parseBudget(flags: ParsedArgs['flags']): Budget {
  const given = ['epochs', 'steps', 'seconds'].filter((k) => flags[k] !== undefined);
  if (given.length > 1) throw new CliError(`give one budget: --epochs, --steps or --seconds (got ${given.map((g) => `--${g}`).join(' and ')})`);
  if (flags.steps !== undefined) return { kind: 'steps', steps: intFlag(flags, 'steps', 1) };
  if (flags.seconds !== undefined) {
    const s = Number(flags.seconds);
    if (flags.seconds === true || !(s > 0 && s <= 86_400)) throw new CliError(`--seconds must be a number in (0, 86400], got ${String(flags.seconds)}`);
    return { kind: 'seconds', seconds: s };
  }
  return { kind: 'epochs', epochs: intFlag(flags, 'epochs', TRAIN_DEFAULTS.epochs) };
}

export async function compare(args: ParsedArgs): Promise<void> {
  const { flags } = args;
  const methodList = stringFlag(flags, 'methods');
  if (!methodList) throw new CliError('--methods is required, e.g. --methods ae,ae:loss=ssim');
  const methods = parseMethodList(methodList);
  const dataSpec = stringFlag(flags, 'data');
  if (!dataSpec) throw new CliError('--data is required (synthetic, or a folder in the MVTec AD layout)');
  const budget = parseBudget(flags);
  const out = stringFlag(flags, 'out');
  const format = out === undefined ? 'md' : extname(out).slice(1).toLowerCase();
  if (!['md', 'csv', 'json'].includes(format)) throw new CliError(`--out must end in .md, .csv or .json, got ${out}`);
  const size = flags.size === undefined ? undefined : intFlag(flags, 'size', 64, 8, 512);
  if (size !== undefined && ![28, 32, 64, 128, 256].includes(size)) throw new CliError(`--size must be 32, 64, 128 or 256, got ${size}`);
  const channels = flags.channels === undefined ? undefined : intFlag(flags, 'channels', 3, 1, 3);
  if (channels === 2) throw new CliError('--channels must be 1 or 3');
  const seed = intFlag(flags, 'seed', 1, 0, 2 ** 31);
  const batchSize = intFlag(flags, 'batch', TRAIN_DEFAULTS.batchSize, 1, 1024);
  const log = (s: string) => flags.quiet === true || process.stderr.write(s + '\n');

  const backend = await startNodeBackend(stringFlag(flags, 'backend'));
  const dataset = await loadDataSpec(dataSpec, { size, channels: channels as 1 | 3 | undefined, seed, log });
  const setup: BoardSetup = { dataset: dataset.name, budget, seed, batchSize, backend };
  log(`data: ${dataset.name}: ${dataset.train.length} train, ${dataset.test.length} test · ${describeBudget(budget)} each · backend: ${backend}`);

  const train = budgetToTrain(budget, { ...TRAIN_DEFAULTS, batchSize, seed, lossEvery: 10 });
  const rows: BoardRow[] = [];
  for (const [i, m] of methods.entries()) {
    log(`[${i + 1}/${methods.length}] ${m.label}: training…`);
    const trainer = new Trainer(m.spec, m.config, dataset, train, (e) => {
      if (e.type === 'state' && e.state === 'error') log(`${m.label}: training failed: ${e.message ?? ''}`);
    });
    try {
      const state = await trainer.fit();
      if (state === 'error') throw new CliError(`${m.label}: training failed (see the message above)`);
      const ev = await evaluateRun(trainer.run, dataset, batchSize);
      const row = boardRow(m.label, m.spec.id, m.config, ev.metrics, {
        trainSteps: trainer.step,
        trainSeconds: trainer.elapsedMs / 1000,
        inferMsPerImage: ev.inferMsPerImage,
        params: trainer.run.paramCount(),
      });
      rows.push(row);
      const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));
      log(`    image AUROC ${fmt(row.imageAUROC)} · pixel AUROC ${fmt(row.pixelAUROC)} · AUPRO ${fmt(row.aupro)} · ${row.trainSteps} steps in ${row.trainSeconds.toFixed(1)} s`);
      for (const note of row.notes) log(`    note: ${note}`);
    } finally {
      trainer.dispose();
    }
  }

  const table = boardMarkdown(rows, setup);
  process.stdout.write(table);
  if (out) {
    const text = format === 'csv' ? boardCsv(rows) : format === 'json' ? boardJson(rows, setup) : table;
    await writeFile(resolve(out), text);
    log(`wrote ${out}`);
  }
}
