/**
 * `npm run bench`: every method (and the reference autoencoder) on every backend this machine
 * offers, in Node (wasm; cpu for the reference autoencoder) and in headless Chromium (webgpu,
 * webgl, wasm in a module worker of a production build served by `vite preview`). Writes
 * bench/results.json and docs/benchmarks.md; runs with a filter write to bench/tmp/ instead.
 *
 *   npm run bench [-- --quick] [--backends node-wasm,node-cpu,webgpu,webgl,wasm,wasm-1t|node|browser]
 *                 [--methods ae,vae,...,reference-ae] [--port 4402] [--out DIR] [--publish]
 *
 * --publish writes a filtered run to bench/ and docs/ as well (the table says what ran).
 *
 * See src/core/bench/measure.ts for what each column measures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { chromium, type Browser } from 'playwright-core';
import { build, preview } from 'vite';
import { registerWasmTrainingKernels } from '../src/core/backend/wasmTraining';
import { benchCase, type BenchCase, type BenchRow } from '../src/core/bench/measure';
import { METHODS } from '../src/core/methods/registry';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/chromium';

/** wasm-1t: Chromium's wasm held to one thread, to show what its threads add (reference autoencoder only). */
const TARGETS = ['node-wasm', 'node-cpu', 'webgpu', 'webgl', 'wasm', 'wasm-1t'] as const;
type BrowserTarget = 'webgpu' | 'webgl' | 'wasm' | 'wasm-1t';
type Target = (typeof TARGETS)[number];
const REFERENCE = 'reference-ae';
/** PyTorch, same 16x64x64x3 reference step, same two cores (../shared/DESIGN.md). */
const PYTORCH_REFERENCE_MS = 230;

const root = fileURLToPath(new URL('..', import.meta.url));

interface Options {
  quick: boolean;
  targets: Target[];
  models: string[];
  port: number;
  outDir: string;
  mdPath: string;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const known = new Set(['--quick', '--backends', '--methods', '--port', '--out', '--publish']);
  for (const a of argv) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown flag ${a} (flags: ${[...known].join(', ')})`);
  const quick = argv.includes('--quick');
  const backendsArg = value('--backends');
  const methodsArg = value('--methods');
  let targets: Target[] = [...TARGETS];
  if (backendsArg) {
    targets = [];
    for (const b of backendsArg.split(',')) {
      if (b === 'node') targets.push('node-wasm', 'node-cpu');
      else if (b === 'browser') targets.push('webgpu', 'webgl', 'wasm', 'wasm-1t');
      else if ((TARGETS as readonly string[]).includes(b)) targets.push(b as Target);
      else throw new Error(`unknown backend "${b}" (one of ${TARGETS.join(', ')}, node, browser)`);
    }
  }
  const allModels = [...METHODS.map((m) => m.id as string), REFERENCE];
  let models = allModels;
  if (methodsArg) {
    models = methodsArg.split(',').map((m) => (m === 'ref' ? REFERENCE : m));
    const bad = models.filter((m) => !allModels.includes(m));
    if (bad.length) throw new Error(`unknown method ${bad.join(', ')} (one of ${allModels.join(', ')})`);
  }
  // The committed results come from the full run (or one run with --publish); a filtered run writes
  // beside them, ignored by git.
  const partial = (quick || !!backendsArg || !!methodsArg) && !argv.includes('--publish');
  const outDir = value('--out') ?? join(root, partial ? 'bench/tmp' : 'bench');
  return {
    quick,
    targets: [...new Set(targets)],
    models,
    port: Number(value('--port') ?? 4402),
    outDir,
    mdPath: partial || value('--out') ? join(outDir, 'benchmarks.md') : join(root, 'docs/benchmarks.md'),
  };
}

/**
 * What runs where. Per-method rows: 32x32x3, batch 8 (comparable across backends). The
 * reference autoencoder: 64x64x3, batch 16. SwiftShader's webgpu and webgl take seconds per step,
 * so they get few steps; the cpu backend only runs the reference autoencoder (about 30 s a step).
 */
function plan(target: Target, models: string[], quick: boolean): BenchCase[] {
  const slow = target === 'webgpu' || target === 'webgl';
  const method = (model: string): BenchCase => {
    const base = { model, size: 32, channels: 3 as const, batch: 8 };
    // SwiftShader: 5-25 s a step and up to 6 s an image at test time (SMAI's groups) here.
    if (slow) return { ...base, warmup: 1, steps: quick ? 1 : 2, inferRepeats: 1, inferBatch: 1 };
    if (quick) return { ...base, warmup: 2, steps: 3, inferRepeats: 1 };
    return { ...base, warmup: 3, steps: target === 'wasm' ? 10 : 20, inferRepeats: 3 };
  };
  const reference = (): BenchCase | null => {
    const base = { model: REFERENCE, size: 64, channels: 3 as const, batch: 16 };
    if (target === 'node-cpu') return quick ? null : { ...base, warmup: 1, steps: 1, inferRepeats: 1, inferBatch: 4 };
    if (slow) return quick ? null : { ...base, warmup: 1, steps: 1, inferRepeats: 1, inferBatch: 4 };
    return { ...base, warmup: 2, steps: quick ? 3 : 10, inferRepeats: 3 };
  };
  const cases: BenchCase[] = [];
  for (const m of models) {
    if (m === REFERENCE) {
      const r = reference();
      if (r) cases.push(r);
    } else if (target !== 'node-cpu' && target !== 'wasm-1t') cases.push(method(m));
  }
  return cases;
}

const fmt = (v: number | null, digits = 0) => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(digits));

function progress(row: BenchRow): void {
  const where = `${row.env}/${row.backend}`.padEnd(16);
  const what = `${row.model} ${row.size}x${row.size}x${row.channels} b${row.batch}`.padEnd(30);
  if (row.error) console.log(`  ${where} ${what} FAILED: ${row.error}`);
  else
    console.log(
      `  ${where} ${what} step ${fmt(row.stepMsMedian).padStart(6)} ms  ${fmt(row.imagesPerSec, 1).padStart(7)} img/s  ` +
        `infer ${fmt(row.inferMsPerImage, 1).padStart(6)} ms/img  readbacks ${fmt(row.readbacksPerStep, 1)}+${fmt(row.kernelReadsPerStep, 1)}/step  ` +
        `growth ${row.tensorGrowth}  left ${row.tensorsLeftAfterDispose}  peak ${fmt(row.peakBytes / 2 ** 20, 1)} MiB  (${fmt(row.totalMs / 1000, 1)} s)`,
    );
}

async function runNode(target: 'node-wasm' | 'node-cpu', cases: BenchCase[]): Promise<BenchRow[]> {
  const backend = target === 'node-wasm' ? 'wasm' : 'cpu';
  registerWasmTrainingKernels();
  // tfjs suggests tfjs-node on first use; it cannot be installed here.
  const warn = console.warn;
  console.warn = () => {};
  try {
    if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not start`);
    await tf.ready();
  } finally {
    console.warn = warn;
  }
  const adapter =
    backend === 'wasm'
      ? `${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threads' : 'single thread'}${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? ' + SIMD' : ''}`
      : 'JavaScript';
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const row = await benchCase(c, `node ${process.version}`, adapter);
    progress(row);
    rows.push(row);
  }
  return rows;
}

async function runBrowser(
  targets: BrowserTarget[],
  plans: Map<Target, BenchCase[]>,
  port: number,
  onRows: (rows: BenchRow[], browser: string) => void,
): Promise<{ rows: BenchRow[]; browser: string }> {
  const configFile = join(root, 'scripts/bench-page/vite.config.ts');
  console.log('building the benchmark page (scripts/bench-page -> dist-bench/)');
  await build({ configFile, logLevel: 'error' });
  const server = await preview({ configFile, logLevel: 'error', preview: { port, strictPort: true, host: '127.0.0.1' } });
  let browser: Browser | null = null;
  const rows: BenchRow[] = [];
  try {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    page.on('console', (m) => {
      const text = m.text();
      if (text.startsWith('bench-row ')) progress(JSON.parse(text.slice('bench-row '.length)) as BenchRow);
    });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'runBench' in window);
    for (const t of targets) {
      const cases = plans.get(t)!;
      if (!cases.length) continue;
      try {
        const got = await page.evaluate(
          ([b, cs]) => (window as unknown as { runBench(b: string, c: BenchCase[]): Promise<BenchRow[]> }).runBench(b, cs),
          [t, cases] as const,
        );
        rows.push(...got);
        onRows(got, `Chromium ${browser.version()}`);
      } catch (err) {
        console.log(`  chromium/${t}: backend failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    }
    return { rows, browser: `Chromium ${browser.version()}` };
  } finally {
    await browser?.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

interface Results {
  date: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; gpu: string; os: string; node: string; browser: string | null; loadAverage: { start: number; end: number } };
  pytorchReferenceMs: number;
  rows: BenchRow[];
}

function markdown(r: Results): string {
  const m = r.machine;
  const adapters = [...new Set(r.rows.map((x) => `${x.env.startsWith('node') ? 'Node' : 'Chromium'} ${x.backend}: ${x.adapter ?? 'n/a'}`))];
  const ref = r.rows.filter((x) => x.model === REFERENCE && !x.error);
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`${r.command}\` on ${r.date.slice(0, 10)}. The table is what that run measured; run it again`,
    'to get this machine\'s figures (a run with a filter writes to `bench/tmp/`).',
    '',
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.gpu}; ${m.os}; Node ${m.node}${m.browser ? `; headless ${m.browser}` : ''}.`,
    `One-minute load average ${m.loadAverage.start.toFixed(1)} at the start and ${m.loadAverage.end.toFixed(1)} at the end: above ${m.cpus}, other jobs shared the cores and the times are inflated.`,
    '',
    'Backends and adapters:',
    '',
    ...adapters.map((a) => `- ${a}`),
    '',
    '## Reference autoencoder',
    '',
    'One training step of the reference conv autoencoder (3 conv 32/64/128, kernel 4, stride 2, 3',
    `mirrored transposed convs, MSE, Adam) at batch 16, 64x64x3. PyTorch on the same cores: ${r.pytorchReferenceMs} ms.`,
    '',
    '| Where | Backend | Adapter | Median step (ms) | vs PyTorch | Images/s | Timed steps |',
    '|---|---|---|---:|---:|---:|---:|',
    ...ref.map(
      (x) =>
        `| ${x.env.startsWith('node') ? 'Node' : 'Chromium'} | ${x.backend} | ${x.adapter ?? '–'} | ${fmt(x.stepMsMedian)} | ${fmt(x.stepMsMedian / r.pytorchReferenceMs, 1)}x | ${fmt(x.imagesPerSec, 1)} | ${x.steps} |`,
    ),
    '',
    '## All rows',
    '',
    'Columns: median train-step time after the warm-up steps (the first warm-up step, with shader',
    'compilation, shown apart; – when the only warm-up step was the profiled one); images/s = batch / median step; inference ms per image = median of',
    'timed `infer` calls on one batch (every test-time pass of the method: RIAD\'s and SCADN\'s masks,',
    'InTra\'s windows, SMAI\'s groups) divided by the batch; readbacks = backend `read`/`readSync` calls',
    '(`data`, `dataSync`, `array`) during one `trainStep` / one `infer`, written A + K: A made by the',
    'method\'s code (a pipeline stall on a GPU; the training engine adds one loss readback per N steps),',
    'K made by kernels reading their own inputs (on wasm a copy out of the wasm heap, such as Slice',
    'and SplitV; on a GPU backend an op run on the CPU); growth = tensors gained over the timed steps (0: no leak;',
    'MNAD keeps one snapshot of its memory every 5 steps, at most 64, for its evolution view); left =',
    'tensors still alive after the run was disposed; peak = the most tensor memory held during one',
    'training step (the last warm-up step, run under `tf.profile`; weights and optimiser state included);',
    'kernels = kernels launched by that step.',
    '',
    '| Where | Backend | Model | Input | Batch | Warm-up + timed | First step (ms) | Median step (ms) | Images/s | Infer (ms/img, batch) | Readbacks/step | Readbacks/infer | Kernels/step | Growth | Left | Peak (MiB) | Params |',
    '|---|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map((x) =>
      x.error
        ? `| ${x.env.startsWith('node') ? 'Node' : 'Chromium'} | ${x.backend} | ${x.model} | ${x.size}x${x.size}x${x.channels} | ${x.batch} | failed: ${x.error.replace(/\|/g, '/')} |||||||||||`
        : `| ${x.env.startsWith('node') ? 'Node' : 'Chromium'} | ${x.backend}${x.backend === 'wasm' && x.adapter ? ` (${x.adapter})` : ''} | ${x.model} | ${x.size}x${x.size}x${x.channels} | ${x.batch} | ${x.warmup} + ${x.steps} | ${fmt(x.firstStepMs)} | ${fmt(x.stepMsMedian)} | ${fmt(x.imagesPerSec, 1)} | ${fmt(x.inferMsPerImage, 1)} (${x.inferBatch ?? x.batch}) | ${fmt(x.readbacksPerStep, 1)} + ${fmt(x.kernelReadsPerStep, 1)} | ${x.readbacksPerInfer === null ? '–' : `${x.readbacksPerInfer} + ${x.kernelReadsPerInfer ?? 0}`} | ${fmt(x.kernelsPerStep)} | ${x.tensorGrowth} | ${x.tensorsLeftAfterDispose} | ${fmt(x.peakBytes / 2 ** 20, 1)} | ${x.params.toLocaleString('en')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  const plans = new Map(opts.targets.map((t) => [t, plan(t, opts.models, opts.quick)] as const));
  const rows: BenchRow[] = [];
  let browserName: string | null = null;
  const jsonPath = join(opts.outDir, 'results.json');
  /** Written after every backend, so that an interrupted run leaves what it measured. */
  const save = () => {
    const adapters = rows.map((r) => r.adapter ?? '').join(' ');
    const results: Results = {
      date: new Date().toISOString(),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        gpu: /swiftshader/i.test(adapters) ? 'no GPU (WebGPU and WebGL run on SwiftShader, a CPU rasteriser)' : 'GPU: see the adapters',
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        browser: browserName,
        loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
      },
      pytorchReferenceMs: PYTORCH_REFERENCE_MS,
      rows,
    };
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
    mkdirSync(dirname(opts.mdPath), { recursive: true });
    writeFileSync(opts.mdPath, markdown(results));
  };

  const browserTargets = opts.targets.filter((t): t is BrowserTarget => t === 'webgpu' || t === 'webgl' || t === 'wasm' || t === 'wasm-1t');
  if (browserTargets.some((t) => plans.get(t)!.length)) {
    console.log(`Chromium: ${browserTargets.join(', ')}`);
    await runBrowser(browserTargets, plans, opts.port, (got, name) => {
      rows.push(...got);
      browserName = name;
      save();
    });
  }
  for (const t of opts.targets) {
    if (t !== 'node-wasm' && t !== 'node-cpu') continue;
    const cases = plans.get(t)!;
    if (!cases.length) continue;
    console.log(`Node: ${t}`);
    rows.push(...(await runNode(t, cases)));
    save();
  }
  save();
  console.log(`\nwrote ${jsonPath} and ${opts.mdPath} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const failed = rows.filter((r) => r.error);
  if (failed.length) {
    console.log(`${failed.length} row(s) failed: ${failed.map((r) => `${r.backend}/${r.model}`).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
