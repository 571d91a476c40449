/**
 * Times the metrics in a module worker in headless Chromium (the page's own path), on the same
 * fixture as scripts/bench-metrics.ts: npx tsx scripts/bench-metrics-browser.ts [N H W]
 * Vite's dev server compiles the worker; nothing is fetched from outside.
 */
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/chromium';

const [n = 500, h = 128, w = 128] = process.argv.slice(2, 5).map(Number);
const server = await createServer({ logLevel: 'error', server: { port: 4331, strictPort: false, host: '127.0.0.1' } });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4331/';
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  // Any same-origin page will do; a static file keeps the app (and its own worker) from starting.
  await page.goto(new URL('/package.json', url).href);
  const browserVersion = browser.version();
  const lines = await page.evaluate(
    ([n, h, w]) =>
      new Promise<string[]>((resolve, reject) => {
        const worker = new Worker('/scripts/bench-metrics.worker.ts', { type: 'module' });
        worker.onmessage = (e: MessageEvent<string[]>) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage({ n, h, w });
      }),
    [n, h, w] as const,
  );
  console.log(`Chromium ${browserVersion}, module worker, ${n} x ${h} x ${w} = ${((n * h * w) / 1e6).toFixed(2)}M pixels`);
  for (const line of lines) console.log(line);
} finally {
  await browser.close();
  await server.close();
}
