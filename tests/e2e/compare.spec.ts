import { expect, test, type Page } from '@playwright/test';

/**
 * The compare board: three runs from the queue (different methods where the registry has them)
 * on the built-in set at 32x32 gray, a few steps each on the wasm backend, fill the leaderboard,
 * the overlaid ROC plot and the image grid, and the board exports.
 */

interface QueuedRun {
  method: string;
  settings: Record<string, string>;
}

/** AE with an L2 loss first, then up to two other methods, then AE variants to make three. */
function plan(methodIds: string[]): QueuedRun[] {
  const others = methodIds.filter((id) => id !== 'ae').slice(0, 2);
  const runs: QueuedRun[] = [{ method: 'ae', settings: { 'Loss and map': 'l2' } }, ...others.map((method) => ({ method, settings: {} }))];
  const fillers: QueuedRun[] = [
    { method: 'ae', settings: { 'Loss and map': 'ssim' } },
    { method: 'ae', settings: { 'Loss and map': 'l2', 'Base channels': '4' } },
  ];
  return [...runs, ...fillers].slice(0, 3);
}

async function setUpMethod(page: Page, run: QueuedRun): Promise<void> {
  await page.getByLabel('Method', { exact: true }).selectOption(run.method);
  const small = { 'Base channels': '8', 'Code size': '16', 'Latent size': '16', ...run.settings };
  for (const [label, value] of Object.entries(small)) {
    const control = page.getByLabel(label, { exact: true });
    if ((await control.count()) === 0) continue;
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
}

test('three queued runs fill the leaderboard, the overlaid ROC plot and the image grid', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveText(/ · /);
  // Software WebGPU takes ~1 s a step; the trainable wasm backend is much faster for tiny models.
  await page.getByLabel('Force a backend').selectOption('wasm');
  await expect(page.getByTestId('backend')).toHaveText(/^wasm/);

  await expect(page.getByTestId('dataset-summary')).toContainText('train 240 normal');
  await page.getByLabel('Size', { exact: true }).selectOption('32');
  await page.getByLabel('Colour', { exact: true }).selectOption('1');
  await page.getByRole('button', { name: 'Generate data set' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');

  const methodIds = await page.getByLabel('Method', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const runs = plan(methodIds);
  for (const run of runs) {
    await setUpMethod(page, run);
    await page.getByRole('button', { name: 'Add to queue' }).click();
  }
  await expect(page.getByTestId('compare-queue').locator('li')).toHaveCount(3);

  await page.getByLabel('Budget kind').selectOption('steps');
  await page.getByLabel('Budget per run').fill('6');
  await page.getByRole('button', { name: 'Run queue' }).click();

  const rows = page.getByTestId('leaderboard-row');
  await expect(rows).toHaveCount(3, { timeout: 150_000 });
  await expect(page.getByTestId('compare-progress')).toContainText('3 of 3 runs finished');
  for (let i = 0; i < 3; i++) {
    const cells = rows.nth(i).locator('td');
    await expect(cells.nth(0)).toHaveText(/^\d\.\d{3}$/); // image AUROC
    await expect(cells.nth(1)).toHaveText(/^\d\.\d{3}$/); // pixel AUROC
    await expect(cells.nth(2)).toHaveText(/^\d\.\d{3}$/); // AUPRO
    await expect(cells.nth(5)).toContainText('6 steps');
  }

  const roc = page.getByTestId('compare-roc');
  await expect(roc).toHaveAttribute('data-traces', '3');
  await expect(roc.locator('.scatterlayer .trace')).toHaveCount(3);

  const gridRows = page.getByTestId('compare-grid-row');
  await expect(gridRows).toHaveCount(3);
  // Each row: a reconstruction and a heatmap per chosen image, really drawn.
  const painted = await gridRows.nth(2).locator('canvas').evaluateAll((cs) =>
    cs.map((el) => {
      const c = el as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return new Set(Array.from({ length: d.length / 4 }, (_, i) => d[4 * i]! * 65536 + d[4 * i + 1]! * 256 + d[4 * i + 2]!)).size;
    }),
  );
  expect(painted.length).toBeGreaterThanOrEqual(4);
  expect(Math.min(...painted)).toBeGreaterThan(1);

  // Exports happen in the page, as downloads.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = await (await csv.createReadStream()).toArray();
  const lines = Buffer.concat(text).toString('utf8').trim().split('\r\n');
  expect(lines).toHaveLength(4);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save grid as PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(errors).toEqual([]);
});
