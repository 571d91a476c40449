#!/usr/bin/env node
/**
 * ReconLab's command line, over the same core as the browser:
 *   lab list [--json]
 *   lab eval --data <dir|synthetic[:texture]> --method ae [--size 64] [--epochs N] [--seed S] [--out result.json] [--maps dir]
 *   lab compare --data <spec> --methods ae,ae:loss=ssim [--epochs N | --steps N | --seconds S] [--out table.md|.csv|.json]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getMethod, listMethods } from '../core/methods/registry';
import { resolveConfig } from '../core/methods/types';
import { Trainer, TRAIN_DEFAULTS } from '../core/train/engine';
import { evaluateRun } from '../core/train/evaluate';
import { CliError, intFlag, parseArgs, stringFlag, type ParsedArgs } from './args';
import { startNodeBackend } from './backend';
import { compare, COMPARE_HELP } from './compare';
import { loadDataSpec } from './data';

const HELP = `ReconLab CLI

  npm run lab -- list [--json]                 methods and their parameters
  npm run lab -- eval --data <spec> --method <id> [options]

  --data      synthetic[:woven|grain|tiles] | mnist:<0-9> | fashion-mnist:<0-9> | <folder or .zip in MVTec AD layout>
  --method    ${listMethods().map((m) => m.id).join(' | ')}
  --size      working resolution: 32, 64, 128 or 256 (default 64; 28 for MNIST sets)
  --channels  1 (gray) or 3 (RGB) (default: 3 for synthetic, 1 for folders and MNIST sets)
  --epochs    epochs (default ${TRAIN_DEFAULTS.epochs})   --batch  batch size (default ${TRAIN_DEFAULTS.batchSize})
  --steps     stop after this many steps          --seed   seed (default 1)
  --set k=v   a method parameter, repeatable (see list)
  --backend   wasm | cpu (default: wasm, Node's fastest, see docs/benchmarks.md; cpu if wasm cannot start)
  --out       write result.json here              --maps   write maps.f32, masks.u8, maps.json into this folder

${COMPARE_HELP}`;

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.command === 'help' || args.command === '--help' || args.flags.help) {
    process.stdout.write(HELP);
    return;
  }
  if (args.command === 'list') return list(args);
  if (args.command === 'eval') return evaluate(args);
  if (args.command === 'compare') return compare(args);
  throw new CliError(`unknown command "${args.command}" (use list, eval or compare; --help for more)`);
}

function list(args: ParsedArgs): void {
  const methods = listMethods();
  if (args.flags.json) {
    process.stdout.write(JSON.stringify(methods, null, 2) + '\n');
    return;
  }
  for (const m of methods) {
    process.stdout.write(`${m.id.padEnd(6)} ${m.title} [${m.family}]\n`);
    for (const p of m.params) process.stdout.write(`         --set ${p.key}=${String(m.defaults[p.key])}  ${p.help}\n`);
  }
}

async function evaluate(args: ParsedArgs): Promise<void> {
  const { flags } = args;
  const methodId = stringFlag(flags, 'method') ?? 'ae';
  let spec;
  try {
    spec = getMethod(methodId);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  let config;
  try {
    config = resolveConfig(spec, args.sets);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const dataSpec = stringFlag(flags, 'data');
  if (!dataSpec) throw new CliError('--data is required (synthetic, or a folder in the MVTec AD layout)');
  const size = flags.size === undefined ? undefined : intFlag(flags, 'size', 64, 8, 512);
  if (size !== undefined && ![28, 32, 64, 128, 256].includes(size)) throw new CliError(`--size must be 32, 64, 128 or 256, got ${size}`);
  const seed = intFlag(flags, 'seed', 1, 0, 2 ** 31);
  const channelsFlag = flags.channels === undefined ? undefined : intFlag(flags, 'channels', 3, 1, 3);
  if (channelsFlag === 2) throw new CliError('--channels must be 1 or 3');
  const quiet = flags.quiet === true;
  const log = (s: string) => quiet || process.stderr.write(s + '\n');

  const backend = await startNodeBackend(stringFlag(flags, 'backend'));
  const dataset = await loadDataSpec(dataSpec, { size, channels: channelsFlag as 1 | 3 | undefined, seed, log });
  log(`data: ${dataset.name}: ${dataset.train.length} train, ${dataset.test.length} test · backend: ${backend}`);

  const train = {
    ...TRAIN_DEFAULTS,
    epochs: intFlag(flags, 'epochs', TRAIN_DEFAULTS.epochs),
    batchSize: intFlag(flags, 'batch', TRAIN_DEFAULTS.batchSize, 1, 1024),
    seed,
    lossEvery: 10,
    ...(flags.steps !== undefined ? { maxSteps: intFlag(flags, 'steps', 1) } : {}),
  };
  let lastLog = 0;
  const trainer = new Trainer(spec, config, dataset, train, (e) => {
    if (e.type === 'losses' && Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      const total = e.terms.total!;
      log(`step ${e.steps[e.steps.length - 1]}/${trainer.totalSteps}  loss ${total[total.length - 1]!.toFixed(5)}  ${(trainer.elapsedMs / 1000).toFixed(0)} s`);
    }
    if (e.type === 'state' && e.state === 'error') log(`training failed: ${e.message ?? ''}`);
  });
  const state = await trainer.fit();
  if (state === 'error') throw new CliError('training failed (see the message above)');
  const ev = await evaluateRun(trainer.run, dataset, train.batchSize);
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));
  log(
    `${spec.id}: image AUROC ${fmt(ev.metrics.imageAUROC)}, pixel AUROC ${fmt(ev.metrics.pixelAUROC)}, ` +
      `AUPRO ${fmt(ev.metrics.aupro)}, F1-max ${fmt(ev.metrics.f1max.image?.f1 ?? null)} (pixel ${fmt(ev.metrics.f1max.pixel?.f1 ?? null)}), ` +
      `${trainer.step} steps in ${(trainer.elapsedMs / 1000).toFixed(1)} s, ${ev.inferMsPerImage.toFixed(2)} ms/img inference`,
  );
  for (const note of ev.metrics.notes) log(`note: ${note}`);

  const result = {
    method: spec.id,
    config,
    backend,
    data: { spec: dataSpec, id: dataset.id, size: dataset.size, channels: dataset.channels, train: dataset.train.length, test: dataset.test.length },
    params: trainer.run.paramCount(),
    train: {
      steps: trainer.step,
      epochs: train.epochs,
      batchSize: train.batchSize,
      seed,
      seconds: trainer.elapsedMs / 1000,
      lossHistory: trainer.lossHistory,
    },
    // imageAUROC, pixelAUROC, aupro, f1max {image, pixel} with thresholds, perTypeAUROC, notes.
    metrics: ev.metrics,
    inferMsPerImage: ev.inferMsPerImage,
    images: dataset.test.map((r, i) => ({ id: r.id, label: r.label, isAnomalous: r.label !== 'good', score: ev.scores[i]! })),
  };
  const out = stringFlag(flags, 'out');
  if (out) {
    await writeFile(resolve(out), JSON.stringify(result, null, 2));
    log(`wrote ${out}`);
  }
  const mapsDir = stringFlag(flags, 'maps');
  if (mapsDir) {
    await mkdir(mapsDir, { recursive: true });
    const n = dataset.test.length;
    await writeFile(resolve(mapsDir, 'maps.f32'), littleEndianF32(ev.maps));
    await writeFile(resolve(mapsDir, 'masks.u8'), ev.masks);
    await writeFile(resolve(mapsDir, 'maps.json'), JSON.stringify({ n, h: dataset.size, w: dataset.size }));
    log(`wrote maps of ${n} images to ${mapsDir}`);
  }
  trainer.dispose();
}

function littleEndianF32(values: Float32Array): Uint8Array {
  const out = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => out.setFloat32(i * 4, v, true));
  return new Uint8Array(out.buffer);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`lab: ${message.split('\n')[0]}\n`);
  if (process.argv.includes('--debug') && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(err instanceof CliError ? 2 : 1);
});
