import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Every method beyond the AE trains on WebGPU (SwiftShader here) in the worker for a few steps and
 * the page draws its results: the anomaly map, the method's own view (VAE, MemAE, MNAD, InTra) or
 * its masks (SMAI, SCADN, RIAD). One page, the methods in turn, 32 px gray and the smallest
 * networks: software WebGPU is slow, and this spec has to stay within a few minutes.
 */

/** The few steps each method trains: enough for its views to have a trained state. */
const STEPS = 4;

/** Small settings per method (parameter label -> value), and which panel shows its own view. */
const METHODS: { id: string; params: Record<string, string>; view: 'masks' | 'latent' | 'memoryUsage' | 'usageMap' | 'attention' }[] = [
  { id: 'riad', params: { 'Base channels': '4', 'U-Net depth': '2', 'Disjoint sets (n)': '2' }, view: 'masks' },
  { id: 'smai', params: { 'Base channels': '4', 'U-Net depth': '2', 'Test groups': '2' }, view: 'masks' },
  { id: 'scadn', params: { 'Base channels': '4', 'Residual blocks': '1', Downsamplings: '2' }, view: 'masks' },
  { id: 'vae', params: { 'Base channels': '4', 'Latent size': '8' }, view: 'latent' },
  { id: 'memae', params: { 'Base channels': '4', 'Code size (conv)': '8', 'Memory items N': '10' }, view: 'memoryUsage' },
  { id: 'mnad', params: { 'Base channels': '4', 'Query size': '8', 'Memory items': '4' }, view: 'usageMap' },
  { id: 'intra', params: { 'Embedding size': '16', 'Transformer blocks': '1', 'Attention heads': '1', 'Windows per image': '1' }, view: 'attention' },
];

/** How many distinct colours a canvas holds (a blank or flat canvas has one). */
async function distinctColours(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });
}

/** Whether every pixel of a canvas was painted (an undrawn canvas is transparent). */
async function fullyDrawn(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false;
    return data.length > 0;
  });
}

/**
 * Cuts the built-in set down to 16 training images and 28 test images (8 normal, the 20 holes) in
 * the gallery: scoring passes over every test image (12 times for SCADN) and calibration over up to
 * 64 training images, which on software WebGPU costs minutes at the full 240 + 120.
 */
async function trimDataSet(page: Page): Promise<void> {
  const selectAll = () => page.getByRole('button', { name: /^Select all \d+$/ }).click();
  const remove = async (n: number) => {
    await expect(page.getByText(`${n} selected`, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByText('0 selected', { exact: true })).toBeVisible();
  };
  for (const group of ['test:scratch', 'test:stain', 'test:good']) {
    await page.getByTestId(`group-${group}`).click();
    await selectAll();
    await remove(group === 'test:good' ? 60 : 20);
  }
  const thumb = (i: number) => page.getByRole('button', { name: new RegExp(`train/good/${String(i).padStart(3, '0')}\\.png$`) });
  await page.getByTestId('group-train').click();
  for (let i = 0; i < 8; i++) await thumb(i).click();
  await page.getByLabel('Move selected to').selectOption('test-good');
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.getByText('0 selected', { exact: true })).toBeVisible();
  // Keep 16 training images: select all, then unselect the first 16 that remain.
  await selectAll();
  for (let i = 8; i < 24; i++) await thumb(i).click();
  await remove(232 - 16);
  await expect(page.getByTestId('dataset-counts')).toHaveText('train 16 normal · test 8 normal, 20 anomalous');
}

let page: Page;
const errors: string[] = [];

test.describe.serial('methods on WebGPU', () => {
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    // WebGPU forced: on 'auto' a software adapter loses the speed probe to wasm, and this spec is about WebGPU.
    await page.goto('/?backend=webgpu');
    await expect(page.getByTestId('backend')).toHaveText(/^webgpu · /);
    await page.getByLabel('Size', { exact: true }).selectOption('32');
    await page.getByLabel('Colour', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Generate data set' }).click();
    await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');
    await trimDataSet(page);
    await page.getByLabel('Epochs', { exact: true }).fill('2');
    await page.getByLabel('Batch size', { exact: true }).fill('8');
    await page.getByLabel('Step limit', { exact: true }).fill(String(STEPS));
    await page.getByLabel('Loss readback every').fill('2');
  });

  test.afterAll(async () => {
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const method of METHODS) {
    test(`${method.id} trains ${STEPS} steps and shows its map and ${method.view === 'masks' ? 'masks' : 'view'}`, async () => {
      const started = Date.now();
      const lap = (() => {
        let last = started;
        return () => {
          const now = Date.now();
          const s = ((now - last) / 1000).toFixed(1);
          last = now;
          return s;
        };
      })();
      await page.getByLabel('Method', { exact: true }).selectOption(method.id);
      for (const [label, value] of Object.entries(method.params)) await page.getByLabel(label, { exact: true }).fill(value);
      const masks = page.getByTestId('mask-panel');
      if (method.view === 'masks') {
        // Before training the panel already draws the masks and masked inputs, and steps through them.
        await expect(masks.getByTestId('mask-position')).toHaveText(/^mask 1 of \d+$/);
        await expect(masks.getByTestId('mask-canvas')).toBeVisible();
        await expect(masks.getByText('shown once the method is trained')).toBeVisible();
        await masks.getByRole('button', { name: 'Next mask' }).click();
        await expect(masks.getByTestId('mask-position')).toHaveText(/^mask 2 of \d+$/);
      } else {
        await expect(masks).toContainText('does not hide parts of its input');
      }

      const before = lap();
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      // The last method's results go first, so that what follows is this run's.
      await expect(page.getByTestId('image-auroc')).toHaveCount(0);
      await expect(page.getByTestId('progress')).toContainText(`step ${STEPS}/${STEPS}`, { timeout: 240_000 });
      const training = lap();
      await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/, { timeout: 240_000 });
      const scoring = lap();
      const heatmap = page.getByRole('img', { name: /^anomaly heatmap of / }).first();
      await expect(heatmap).toBeVisible();
      expect(await distinctColours(heatmap)).toBeGreaterThan(4);

      if (method.view === 'masks') {
        // Trained: a restoration per mask, and the combined reconstruction and map of the run.
        await expect(masks.getByTestId('mask-combined')).toBeVisible();
        await expect(masks.getByRole('img', { name: /: restoration$/ })).toBeVisible();
        await expect(masks.getByTestId('mask-combined')).toContainText(`trained ${STEPS} steps`);
        expect(await distinctColours(masks.getByTestId('mask-map').locator('canvas'))).toBeGreaterThan(4);
        expect(await distinctColours(masks.getByTestId('mask-canvas').locator('canvas'))).toBeGreaterThan(1);
      } else {
        const view = page.getByTestId('method-views').locator(`[data-kind="${method.view}"]`).first();
        await expect(view).toBeVisible();
        if (method.view === 'latent') await expect(view.locator('.js-plotly-plot .scatterlayer .trace').first()).toBeAttached();
        if (method.view === 'memoryUsage') expect(await view.locator('.bar').count()).toBeGreaterThan(1);
        if (method.view === 'usageMap') expect(await fullyDrawn(view.locator('canvas'))).toBe(true);
        if (method.view === 'attention') expect(await view.locator('button.patch').count()).toBeGreaterThan(1);
      }
      console.log(`${method.id}: set-up ${before} s, training ${training} s, scoring ${scoring} s, views ${lap()} s; ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
    });
  }
});
