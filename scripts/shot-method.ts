/**
 * Trains one method briefly in headless Chromium (wasm backend, 32 px gray) and screenshots the page.
 *   npx tsx scripts/shot-method.ts <url> <method-id> <out.png> [epochs]
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/chromium';

const [url = 'http://127.0.0.1:4173', method = 'ae', out = '/tmp/method.png', epochs = '2'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(url);
await page.getByTestId('backend').filter({ hasText: /·/ }).waitFor({ timeout: 120_000 });
await page.getByLabel('Force a backend').selectOption('wasm');
await page.getByTestId('backend').filter({ hasText: /^wasm/ }).waitFor({ timeout: 60_000 });
await page.getByLabel('Size', { exact: true }).selectOption('32');
await page.getByLabel('Colour', { exact: true }).selectOption('1');
await page.getByRole('button', { name: 'Generate data set' }).click();
await page.getByTestId('dataset-summary').filter({ hasText: '32px, gray' }).waitFor();
await page.getByLabel('Method', { exact: true }).selectOption(method);
await page.getByLabel('Epochs', { exact: true }).fill(epochs);
await page.getByRole('button', { name: 'Train', exact: true }).click();
await page.getByTestId('image-auroc').filter({ hasText: /\d/ }).waitFor({ timeout: 600_000 });
await page.waitForTimeout(3000);
await page.screenshot({ path: out, fullPage: true });
console.log('saved', out, 'views:', await page.getByTestId('method-views').count());
await browser.close();
