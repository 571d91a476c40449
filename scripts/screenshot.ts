/**
 * Opens the lab in headless Chromium, optionally trains the AE briefly, and saves a screenshot.
 *   npx tsx scripts/screenshot.ts <url> <out.png> [--train]
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/chromium';

const [url = 'http://127.0.0.1:4173', out = 'docs/screenshot.png'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const trainIt = process.argv.includes('--train');
const backendArg = process.argv.find((a) => a.startsWith('--backend='))?.split('=')[1];
const sizeArg = process.argv.find((a) => a.startsWith('--size='))?.split('=')[1] ?? '32';
const epochsArg = process.argv.find((a) => a.startsWith('--epochs='))?.split('=')[1] ?? '2';
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('console', (m) => console.log(`[page] ${m.text()}`));
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(url);
await page.getByTestId('backend').filter({ hasText: /·/ }).waitFor({ timeout: 120_000 });
console.log('backend:', await page.getByTestId('backend').textContent());
await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
if (backendArg) {
  await page.getByLabel('Force a backend').selectOption(backendArg);
  await page.getByTestId('backend').filter({ hasText: new RegExp(`^${backendArg}`) }).waitFor({ timeout: 60_000 });
  console.log('backend now:', await page.getByTestId('backend').textContent());
}
if (trainIt) {
  if (sizeArg !== '64') {
    await page.getByLabel('Size', { exact: true }).selectOption(sizeArg);
    await page.getByRole('button', { name: 'Generate data set' }).click();
    await page.getByLabel('Base channels', { exact: true }).fill('8');
  }
  await page.getByLabel('Epochs', { exact: true }).fill(epochsArg);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByTestId('image-auroc').waitFor({ timeout: 600_000 });
  await page.waitForTimeout(1500);
}
await page.screenshot({ path: out, fullPage: true });
console.log('saved', out);
await browser.close();
