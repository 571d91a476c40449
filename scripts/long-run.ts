/**
 * Load check (issue 8, item 6), run by hand, not in CI: in headless Chromium, load one-class
 * Fashion-MNIST (over 5,000 training images) at 64x64, train the autoencoder on wasm for
 * `--minutes` (default 20), and sample once a minute the worker's live tensors and tensor bytes (the
 * training panel shows them) and the page's memory (performance.measureUserAgentSpecificMemory,
 * which counts the worker too; the page is cross-origin isolated). Prints a table and writes
 * bench/long-run.json. Serve a build first:
 *
 *   npx vite build && npx vite preview --port 4420 --strictPort &
 *   npx tsx scripts/long-run.ts --url http://127.0.0.1:4420 --minutes 20
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/chromium';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const url = flag('url', 'http://127.0.0.1:4420');
const minutes = Number(flag('minutes', '20'));

interface Sample {
  minute: number;
  step: number;
  tensors: number;
  tensorMB: number;
  /** All memory of the page and its worker, MB (null where the browser does not measure it). */
  pageMB: number | null;
  /** The main thread's JS heap, MB. */
  mainHeapMB: number;
}

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/?backend=wasm`);
  await page.getByTestId('backend').filter({ hasText: /^wasm · / }).waitFor({ timeout: 120_000 });
  await page.getByRole('tab', { name: 'MNIST' }).click();
  await page.getByLabel('Classic set').selectOption('fashion-mnist');
  await page.getByLabel('Normal class').selectOption('1');
  await page.getByLabel('Classic size').selectOption('64');
  const loadStart = Date.now();
  await page.getByRole('button', { name: /^Load Fashion-MNIST/ }).click();
  await page.getByTestId('dataset-summary').filter({ hasText: 'trouser normal' }).waitFor({ timeout: 300_000 });
  const loadSeconds = (Date.now() - loadStart) / 1000;
  const counts = await page.getByTestId('dataset-counts').innerText();
  console.log(`loaded in ${loadSeconds.toFixed(1)} s: ${counts}`);

  await page.getByLabel('Epochs', { exact: true }).fill('200');
  await page.getByLabel('Batch size', { exact: true }).fill('16');
  await page.getByLabel('Step limit', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByTestId('tensor-memory').waitFor({ timeout: 300_000 });

  const samples: Sample[] = [];
  const started = Date.now();
  for (let minute = 0; minute <= minutes; minute++) {
    const wait = started + minute * 60_000 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    const memoryText = await page.getByTestId('tensor-memory').innerText();
    const [, tensors, mb] = /(\d+) tensors · ([\d.]+) MB/.exec(memoryText) ?? [];
    const step = Number(await page.getByRole('progressbar', { name: 'Training progress' }).getAttribute('aria-valuenow'));
    const memory = await page.evaluate(async () => {
      const perf = performance as Performance & {
        memory?: { usedJSHeapSize: number };
        measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
      };
      const all = perf.measureUserAgentSpecificMemory ? await perf.measureUserAgentSpecificMemory().catch(() => null) : null;
      return { all: all ? all.bytes : null, main: perf.memory?.usedJSHeapSize ?? 0 };
    });
    const sample: Sample = {
      minute,
      step,
      tensors: Number(tensors),
      tensorMB: Number(mb),
      pageMB: memory.all === null ? null : memory.all / 2 ** 20,
      mainHeapMB: memory.main / 2 ** 20,
    };
    samples.push(sample);
    console.log(
      `${String(minute).padStart(3)} min · step ${String(step).padStart(6)} · ${sample.tensors} tensors, ${sample.tensorMB.toFixed(1)} MB · page ${sample.pageMB?.toFixed(1) ?? 'n/a'} MB · main heap ${sample.mainHeapMB.toFixed(1)} MB`,
    );
  }
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  const peak = (f: (s: Sample) => number | null) => Math.max(...samples.map((s) => f(s) ?? 0));
  const result = {
    url,
    minutes,
    dataset: counts,
    loadSeconds,
    samples,
    peakTensorMB: peak((s) => s.tensorMB),
    peakPageMB: peak((s) => s.pageMB),
    peakMainHeapMB: peak((s) => s.mainHeapMB),
    tensorsFlat: new Set(samples.slice(1).map((s) => s.tensors)).size === 1,
    pageErrors: errors,
  };
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/long-run.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `peak tensors ${result.peakTensorMB.toFixed(1)} MB · peak page ${result.peakPageMB.toFixed(1)} MB · peak main heap ${result.peakMainHeapMB.toFixed(1)} MB · tensor count flat: ${result.tensorsFlat} · page errors: ${errors.length}`,
  );
} finally {
  await browser.close();
}
