import { expect, test } from '@playwright/test';

interface LongTask {
  start: number;
  duration: number;
  name: string;
  attribution: string;
}

/**
 * Training runs in the worker: the main thread only receives progress, loss and preview events
 * and draws them (canvases from transferred pixel buffers, the loss curve), so it never blocks
 * for more than 50 ms while a method trains. Long tasks are recorded with a PerformanceObserver
 * from the first step shown until the last, after the page has settled from loading.
 */
test('the main thread has no long task (> 50 ms) while a method trains on wasm', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?backend=wasm');
  // The page is cross-origin isolated, so wasm runs its threaded build (see vite.config.ts).
  await expect(page.getByTestId('backend')).toHaveText(/^wasm · threads \+ SIMD$/);

  await page.getByLabel('Size', { exact: true }).selectOption('32');
  await page.getByLabel('Colour', { exact: true }).selectOption('1');
  await page.getByRole('button', { name: 'Generate data set' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');
  await page.getByLabel('Base channels', { exact: true }).fill('8');
  await page.getByLabel('Epochs', { exact: true }).fill('6');
  await page.getByLabel('Batch size', { exact: true }).fill('16');
  await page.getByLabel('Loss readback every').fill('2');

  // Settle: wait until a whole second passes without a long task (loading, first renders).
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = performance.now();
        new PerformanceObserver(() => (last = performance.now())).observe({ type: 'longtask', buffered: true });
        const check = () => (performance.now() - last > 1000 ? resolve() : setTimeout(check, 100));
        setTimeout(check, 100);
      }),
  );
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Observe from the first step shown on: the click's own re-render (clearing the last results) is
  // the start of a run, not work done while it trains.
  await expect(page.getByTestId('progress')).toContainText(/step [1-9]\d*\//);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: LongTask[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const a = (e as PerformanceEntry & { attribution?: { containerType?: string; containerName?: string }[] }).attribution?.[0];
        w.__longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration), name: e.name, attribution: a ? `${a.containerType} ${a.containerName}` : '' });
      }
    }).observe({ type: 'longtask' });
    (window as unknown as { __loaf: unknown[] }).__loaf = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const f = e as PerformanceEntry & { blockingDuration: number; scripts: { sourceURL: string; sourceFunctionName: string; invoker: string; duration: number }[] };
        (window as unknown as { __loaf: unknown[] }).__loaf.push({
          start: Math.round(e.startTime),
          duration: Math.round(e.duration),
          blocking: Math.round(f.blockingDuration),
          scripts: f.scripts.map((s) => `${s.invoker} ${s.sourceFunctionName} ${s.sourceURL.split('/').pop()} ${Math.round(s.duration)} ms`),
        });
      }
    }).observe({ type: 'long-animation-frame' });
  });

  const started = await page.evaluate(() => performance.now());
  // 240 training images, batch 16: 15 steps an epoch, 90 steps in all. Training ends when the last
  // step is shown (scoring and the result charts come after, and are not part of this test).
  const ended = await page.waitForFunction(
    () => (document.querySelector('[data-testid="progress"]')?.textContent?.includes('step 90/90') ? performance.now() : 0),
    null,
    { polling: 'raf', timeout: 120_000 },
  );
  const endedAt = (await ended.jsonValue()) as number;
  // Entries are delivered asynchronously: give the observer a moment to report the last ones.
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(
    (end) => (window as unknown as { __longTasks: LongTask[] }).__longTasks.filter((t) => t.start < end),
    endedAt,
  );

  // The loss curve really updated during training, so the main thread had work to do.
  expect(Number(await page.getByTestId('loss-plot').locator('.plot').getAttribute('data-points'))).toBeGreaterThan(10);
  // The window observed is real training, seconds of it.
  expect(endedAt - started).toBeGreaterThan(1000);
  // On failure the long animation frames say which scripts ran (a long task entry names none).
  const frames = await page.evaluate(() => (window as unknown as { __loaf: unknown[] }).__loaf);
  expect(longTasks, JSON.stringify(frames)).toEqual([]);
  expect(errors).toEqual([]);
});
