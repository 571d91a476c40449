import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';

/**
 * The classroom lab (issue 9): shared links, step mode, the Chinese interface, accessibility and
 * offline use. Everything trains on the wasm backend at 32 px gray, for a few steps only.
 */
const TINY = 'backend=wasm&data=procedural&texture=woven&size=32&colour=gray&dseed=1';

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('backend')).toHaveText(/^wasm/);
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
}

test('a shared link restores the settings, and a bad value is ignored with a notice', async ({ page, context }) => {
  await page.goto('/?backend=wasm&data=procedural&size=32&colour=purple&method=riad&p.base=12&p.up=upsample&epochs=3&batch=8&seed=7&steps=9&p.depth=99&nonsense=1');
  await ready(page);
  await expect(page.getByLabel('Method', { exact: true })).toHaveValue('riad');
  await expect(page.getByLabel('Base channels', { exact: true })).toHaveValue('12');
  await expect(page.getByLabel('Upsampling', { exact: true })).toHaveValue('upsample');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('3');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('8');
  await expect(page.getByLabel('Training seed')).toHaveValue('7');
  await expect(page.getByLabel('Step limit')).toHaveValue('9');
  await expect(page.getByTestId('dataset-summary')).toContainText('32px');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('p.depth=99');
  await expect(notice).toContainText('colour=purple');
  await expect(notice).toContainText('nonsense=1');
  // The bad colour fell back to RGB; everything else came through.
  await expect(page.getByTestId('dataset-summary')).toContainText('RGB');

  // Changes are written back into the address, and that address reproduces them in a new tab.
  await page.getByLabel('Epochs', { exact: true }).fill('4');
  await page.getByLabel('Base channels', { exact: true }).fill('16');
  // The address follows each change a moment later: wait for both.
  await expect.poll(() => new URL(page.url()).searchParams.get('epochs')).toBe('4');
  await expect.poll(() => new URL(page.url()).searchParams.get('p.base')).toBe('16');
  const link = page.url();
  expect(new URL(link).searchParams.has('nonsense')).toBe(false);
  const other = await context.newPage();
  await other.goto(link);
  await ready(other);
  await expect(other.getByLabel('Method', { exact: true })).toHaveValue('riad');
  await expect(other.getByLabel('Base channels', { exact: true })).toHaveValue('16');
  await expect(other.getByLabel('Epochs', { exact: true })).toHaveValue('4');
  await expect(other.getByTestId('notice')).toHaveCount(0);
});

test('step mode takes exactly one step per click and shows that step’s images and losses', async ({ page }) => {
  await page.goto(`/?${TINY}&method=riad&p.base=4&p.depth=2&epochs=1&batch=4`);
  await ready(page);
  const status = page.getByTestId('step-status');
  const panel = page.getByTestId('step-panel');
  await panel.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toHaveText(/^step 1\/\d+/);
  // Inpainting: the batch image, the mask, the masked input, its restoration, the reconstruction and the map.
  const images = page.getByTestId('step-images').locator('figure');
  await expect(images).toHaveCount(6);
  for (const kind of ['input', 'mask', 'masked', 'restored', 'recon', 'map']) {
    await expect(page.getByTestId('step-images').locator(`figure[data-kind="${kind}"] canvas`)).toBeVisible();
  }
  const losses = page.getByTestId('step-losses').locator('tbody tr');
  await expect(losses.first()).toBeVisible();
  const firstLoss = await page.getByTestId('step-losses').innerText();
  // No step is taken without a click.
  await page.waitForTimeout(1500);
  await expect(status).toHaveText(/^step 1\//);
  await panel.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toHaveText(/^step 2\//);
  await expect(page.getByTestId('step-losses')).not.toHaveText(firstLoss);
  // The keyboard shortcut takes one more.
  await page.keyboard.press('Alt+KeyS');
  await expect(status).toHaveText(/^step 3\//);
  await page.waitForTimeout(1000);
  await expect(status).toHaveText(/^step 3\//);
  // The loss curve has one point per step for each loss term.
  const plot = page.getByTestId('loss-plot').locator('.plot');
  const traces = Number(await plot.getAttribute('data-traces'));
  expect(traces).toBeGreaterThan(0);
  await expect(plot).toHaveAttribute('data-points', String(3 * traces));
});

/** Text on the page that is English UI: Latin words outside names, identifiers and elements marked lang="en". */
async function leftoverEnglish(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const allowed = new Set(
      [
        'ReconLab', 'MNIST', 'Fashion-MNIST', 'Fashion', 'AUROC', 'AUPRO', 'RGB', 'px', 'wasm', 'webgpu', 'webgl', 'cpu', 'SSIM',
        'MSGMS', 'PSNR', 'RIAD', 'MemAE', 'MEMAE', 'SMAI', 'SCADN', 'InTra', 'MNAD', 'VAE', 'Adam', 'SLIC', 'U-Net', 'Net', 'GAN', 'PatchGAN',
        'Transformer', 'zip', 'json', 'run.json', 'TF.js', 'English', 'viridis', 'jet', 'lambda', 'beta', 'ELBO', 'KL', 'MVTec', 'F1-max',
        'max', 'min', 'mean', 'Alt', 'k-means', 'SwiftShader', 'inpainting', 'DOM', 'MB', 'KB',
        'ROC', 'FPR', 'TPR', 'CSV', 'PNG', 'JPEG', 'BMP', 'WebP', 'GIF', 'AD',
      ].map((w) => w.toLowerCase()),
    );
    const out: string[] = [];
    const roots = document.querySelectorAll('header, nav, main, .wide');
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest('[lang="en"], code, kbd, canvas, .js-plotly-plot, script, style')) continue;
        // Paths (/data, train/good/0001) and folder names (train/) are names, not words.
        const text = (node.textContent ?? '').replace(/\S*\/\S*/g, '');
        const words = text.match(/[A-Za-z][A-Za-z.-]*[A-Za-z]/g) ?? [];
        const bad = words.filter((w) => w.length >= 3 && !allowed.has(w.toLowerCase()) && !/^(digit|seed|conv|[a-z]\d)/i.test(w));
        if (bad.length) out.push(`${el.closest('section')?.getAttribute('aria-labelledby') ?? el.tagName}: ${text.trim()}`);
      }
    }
    return out;
  });
}

test('in Chinese, no panel shows an untranslated English string, and the choice is remembered', async ({ page }) => {
  // A tiny VAE (its method views: latent plot and prior samples), two steps a run.
  await page.goto(`/?${TINY}&method=vae&p.width=4&p.latent=8&epochs=1&batch=8&steps=2`);
  await ready(page);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.getByTestId('language').selectOption('zh');
  await expect(page.locator('#train-title')).toHaveText('3 · 训练');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  const found: string[] = [];
  const scan = async (where: string) => found.push(...(await leftoverEnglish(page)).map((line) => `[${where}] ${line}`));

  // Every data tab.
  const tabs = page.getByRole('tablist', { name: '数据来源' });
  for (const tab of ['MNIST', '你的图像', '已保存', '程序生成']) {
    await tabs.getByRole('tab', { name: tab }).click();
    await expect(tabs.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await scan(tab);
  }

  // A short training run: results, method views and the saved run are on screen.
  await page.getByRole('button', { name: '训练', exact: true }).click();
  await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/);
  await expect(page.getByTestId('method-views').locator('figure.view').first()).toBeVisible();
  await expect(page.getByTestId('roc-plot')).toBeVisible();
  await expect(page.getByTestId('saved-run').first()).toBeVisible();
  await scan('trained');

  // The compare board with one finished run.
  await page.getByLabel('每次运行的预算').fill('2');
  await page.getByRole('button', { name: /^加入队列/ }).click();
  await page.getByRole('button', { name: '运行队列', exact: true }).click();
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(1);
  await expect(page.getByTestId('compare-grid')).toBeVisible();
  await scan('compared');

  // An inpainting method's masks (the mask panel), untrained.
  await page.getByLabel('方法', { exact: true }).selectOption('riad');
  await expect(page.getByTestId('mask-position')).toHaveText(/^第 1 个掩码/);
  await expect(page.getByTestId('mask-canvas')).toBeVisible();
  await scan('masks');

  // A lesson's text and a step's view are on screen too.
  await page.getByRole('button', { name: '自编码器也会重建异常' }).click();
  await expect(page.getByTestId('lesson-text')).toContainText('MNIST');
  await expect(page.getByTestId('dataset-summary')).toContainText('单类 MNIST', { timeout: 120_000 });
  await page.getByLabel('步数上限').fill('2');
  await page.getByTestId('step-panel').getByRole('button', { name: '单步', exact: true }).click();
  await expect(page.getByTestId('step-status')).toHaveText(/^第 1\//);
  await scan('lesson');
  expect(found).toEqual([]);
  await page.reload();
  await expect(page.locator('#train-title')).toHaveText('3 · 训练');
});

test.describe('accessibility', () => {
  // axe-core is injected as an inline script, which the page's own CSP rightly refuses.
  test.use({ bypassCSP: true });

test('the loaded page has no serious or critical accessibility violations (axe-core), in both themes', async ({ page }) => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.goto(`/?${TINY}`);
  await ready(page);
  const scan = async () => {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return axe.run(document, { resultTypes: ['violations'] });
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  };
  expect(await scan()).toEqual([]);
  await page.getByLabel('Theme').selectOption('dark');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await scan()).toEqual([]);
});
});

test('after a first visit the lab loads and trains with the network off', async ({ page, context }) => {
  await page.goto(`/?${TINY}&epochs=1&batch=8&steps=2&p.width=4&p.latent=8`);
  await ready(page);
  // The service worker has installed (precached the app) and controls the page after a reload.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await ready(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('progress')).toContainText('step 2/2');
  await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/);
  await context.setOffline(false);
});
