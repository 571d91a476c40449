import { expect, test, type Page } from '@playwright/test';

/** Reads the colours drawn on a canvas and returns how many distinct ones there are. */
async function distinctColours(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });
}

test('the AE trains on WebGPU in the worker and the page shows loss, heatmaps and AUROC', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?backend=webgpu');

  // The worker must really run on WebGPU: a silent fallback to another backend fails here.
  const badge = page.getByTestId('backend');
  await expect(badge).toHaveText(/^webgpu · /);

  // The built-in set is ready at once; make it tiny for software WebGPU.
  await expect(page.getByTestId('dataset-summary')).toContainText('train 240 normal');
  await page.getByLabel('Size', { exact: true }).selectOption('32');
  await page.getByLabel('Colour', { exact: true }).selectOption('1');
  await page.getByRole('button', { name: 'Generate data set' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');

  await page.getByLabel('Base channels', { exact: true }).fill('8');
  await page.getByLabel('Code size', { exact: true }).fill('32');
  await page.getByLabel('Epochs', { exact: true }).fill('2');
  await page.getByLabel('Batch size', { exact: true }).fill('16');
  await page.getByLabel('Loss readback every').fill('3');
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  // The loss curve grows while training runs (30 steps, losses read back every 3).
  const plot = page.getByTestId('loss-plot').locator('.plot');
  await expect(plot).toHaveAttribute('data-points', /^[1-9]/);
  const firstCount = Number(await plot.getAttribute('data-points'));
  await expect.poll(async () => Number(await plot.getAttribute('data-points'))).toBeGreaterThan(firstCount);

  // Scoring ends with AUROC numbers and drawn heatmaps.
  await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/, { timeout: 240_000 });
  await expect(page.getByTestId('pixel-auroc')).toHaveText(/^\d\.\d{3}$/);
  // While training a canvas draws the curve; plotly takes over when the run ends.
  await expect(page.getByTestId('loss-plot').locator('.js-plotly-plot .scatterlayer .trace')).toHaveCount(1);
  await expect(page.getByTestId('progress')).toContainText('step 30/30');
  const heatmaps = page.getByRole('img', { name: /^anomaly heatmap of / });
  await expect(heatmaps.first()).toBeVisible();
  expect(await heatmaps.count()).toBeGreaterThanOrEqual(4);
  expect(await distinctColours(page, 'canvas[aria-label^="anomaly heatmap of"]')).toBeGreaterThan(8);
  expect(errors).toEqual([]);
});
