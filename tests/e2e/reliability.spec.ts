import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Runs survive reloads and faults, and run files are checked before use (issue 8). The page is
 * opened with ?debug, which exposes fault injection on window.reconlabDebug. Most tests train
 * on wasm (fast here); device loss needs WebGPU (SwiftShader here), so its model is tiny.
 */
interface DebugHooks {
  loseDevice(): Promise<string>;
  poisonNextStep(): Promise<void>;
  hang(ms: number): void;
  crash(): Promise<void>;
  setHangLimit(ms: number): void;
}

async function debug<T>(page: Page, call: (hooks: DebugHooks) => T | Promise<T>): Promise<T> {
  return page.evaluate(`(${call.toString()})(window.reconlabDebug)`) as Promise<T>;
}

/** Opens the lab on `backend` with the 32px gray built-in set and a small AE. */
async function openLab(page: Page, backend: 'wasm' | 'webgpu', epochs: number, batch = 16, stepLimit = 0): Promise<void> {
  await page.goto(`/?debug&backend=${backend}`);
  await expect(page.getByTestId('backend')).toHaveText(/ · /);
  if (backend === 'wasm') {
    await page.getByLabel('Force a backend').selectOption('wasm');
    await expect(page.getByTestId('backend')).toHaveText(/^wasm · /);
  } else {
    await expect(page.getByTestId('backend')).toHaveText(/^webgpu · /);
  }
  await page.getByLabel('Size', { exact: true }).selectOption('32');
  await page.getByLabel('Colour', { exact: true }).selectOption('1');
  await page.getByRole('button', { name: 'Generate data set' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');
  await page.getByLabel('Base channels', { exact: true }).fill(backend === 'webgpu' ? '4' : '8');
  await page.getByLabel('Code size', { exact: true }).fill('16');
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByLabel('Batch size', { exact: true }).fill(String(batch));
  await page.getByLabel('Step limit', { exact: true }).fill(String(stepLimit));
}

const step = async (page: Page): Promise<number> => Number(await page.getByRole('progressbar', { name: 'Training progress' }).getAttribute('aria-valuenow'));
const runs = (page: Page) => page.getByTestId('saved-run');

test('a reload mid-training offers to resume from the last checkpoint, and the run then finishes', async ({ page }) => {
  // 240 training images, batch 16: 15 steps an epoch, a checkpoint every 15 steps; 60 in all.
  await openLab(page, 'wasm', 40, 16, 60);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => step(page), { timeout: 60_000, intervals: [100] }).toBeGreaterThan(16);
  await page.reload();

  const banner = page.getByTestId('resume-banner');
  await expect(banner).toBeVisible();
  const resumeButton = banner.getByRole('button', { name: /^Resume training from step \d+$/ });
  const from = Number((await resumeButton.textContent())!.match(/\d+$/)![0]);
  expect(from % 15).toBe(0);
  expect(from).toBeGreaterThanOrEqual(15);
  // The address keeps the data settings (shareable state), so the page comes back on the same
  // built-in set; resuming makes the run's own set again and says so.
  await resumeButton.click();
  await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');
  await expect(page.getByTestId('notice').first()).toContainText(`from its checkpoint at step ${from} of 60`);
  // It goes on from the checkpoint, not from 0, with the loss curve of the steps before it.
  await expect.poll(() => step(page)).toBeGreaterThan(from);
  expect(Number(await page.getByTestId('loss-plot').locator('.plot').getAttribute('data-points'))).toBeGreaterThanOrEqual(from);
  await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/, { timeout: 200_000 });
  await expect(page.getByTestId('progress')).toContainText('step 60/60');
  await expect(runs(page)).toHaveCount(1);
  await expect(runs(page).first()).toContainText(`resumed from the checkpoint of step ${from}`);
  await expect(page.getByTestId('resume-banner')).toHaveCount(0);
});

test.describe.serial('run files', () => {
  let exported: Uint8Array;
  let metrics: string;

  test('export then import of a run reproduces its metrics exactly', async ({ page }) => {
    await openLab(page, 'wasm', 1);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const auroc = page.getByTestId('image-auroc');
    await expect(auroc).toHaveText(/^\d\.\d{3}$/);
    const shown = await auroc.textContent();
    await expect(runs(page)).toHaveCount(1);
    metrics = (await runs(page).first().getAttribute('data-metrics'))!;
    expect(JSON.parse(metrics).imageAUROC).toBeGreaterThan(0);

    const download = page.waitForEvent('download');
    await runs(page).first().getByRole('button', { name: /^Export run/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^ae-synthetic-woven-32-gray-s1-\d{4}-\d\d-\d\d\.zip$/);
    exported = new Uint8Array(await readFile((await file.path())!));
    const entries = unzipSync(exported);
    expect(Object.keys(entries).sort()).toEqual(['run.json', 'weights.bin']);
    const doc = JSON.parse(strFromU8(entries['run.json']!));
    expect(doc).toMatchObject({ format: 'reconlab-run', version: 1, method: 'ae', seed: 1, shape: [32, 32, 1] });
    expect(doc.weightsManifest[0].paths).toEqual(['weights.bin']);

    // Gone from the browser, then back from the file.
    await runs(page).first().getByRole('button', { name: 'Delete' }).click();
    await runs(page).first().getByRole('button', { name: 'Delete for good' }).click();
    await expect(runs(page)).toHaveCount(0);
    await page.getByLabel('Import a run file').setInputFiles({ name: 'shared-run.zip', mimeType: 'application/zip', buffer: Buffer.from(exported) });
    await expect(runs(page)).toHaveCount(1);
    await expect(runs(page).first()).toContainText('just imported');
    expect(await runs(page).first().getAttribute('data-metrics')).toBe(metrics);

    // Opened on the same data set, it is scored again from the imported weights: the same numbers.
    await page.reload();
    await expect(page.getByTestId('backend')).toHaveText(/ · /);
    await page.getByLabel('Force a backend').selectOption('wasm');
    await expect(page.getByTestId('backend')).toHaveText(/^wasm · /);
    // The address keeps the data settings, so the reloaded page makes the same 32px gray set.
    await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');
    await runs(page).first().getByRole('button', { name: /^Open run/ }).click();
    await expect(page.getByTestId('reopen-check')).toContainText('every metric equals the saved one exactly');
    await expect(page.getByTestId('image-auroc')).toHaveText(shown!);
  });

  test('a tampered run file is refused with a reason and changes nothing', async ({ page }) => {
    expect(exported).toBeDefined();
    await page.goto('/?debug');
    await expect(page.getByTestId('backend')).toHaveText(/ · /);
    await expect(page.getByTestId('no-runs')).toBeVisible();
    const files = unzipSync(exported);
    const doc = JSON.parse(strFromU8(files['run.json']!));
    const rezip = (edit: (d: typeof doc) => void) => {
      const copy = structuredClone(doc);
      edit(copy);
      return zipSync({ 'run.json': strToU8(JSON.stringify(copy)), 'weights.bin': files['weights.bin']! });
    };
    const hugeDeclared = declareSize(exported, 'weights.bin', 0xf0000000);
    const cases: [string, Uint8Array, RegExp][] = [
      ['wrong-shapes.zip', rezip((d) => (d.config.width = 16)), /wrong-shapes\.zip was refused: weight "\w+\/\d+" has shape [\dx]+, expected [\dx]+ for ae/],
      ['wrong-method.zip', rezip((d) => (d.method = 'keras-model')), /wrong-method\.zip was refused: unknown method "keras-model"/],
      ['truncated.zip', exported.slice(0, Math.floor(exported.length / 2)), /truncated\.zip was refused: the zip archive is truncated or corrupt/],
      ['huge.zip', hugeDeclared, /huge\.zip was refused: "weights\.bin" declares 3\.8 GiB uncompressed, more than the 256 MiB limit/],
    ];
    for (const [name, bytes, reason] of cases) {
      await page.getByLabel('Import a run file').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
      await expect(page.getByTestId('runs-error')).toHaveText(reason);
      await expect(page.getByTestId('no-runs')).toBeVisible();
    }
  });
});

test('a lost WebGPU device moves training to the next backend from the last checkpoint', async ({ page }) => {
  // Batch 32: 7 steps an epoch; two epochs, a checkpoint at step 7.
  await openLab(page, 'webgpu', 2, 32);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => step(page), { timeout: 120_000, intervals: [100] }).toBeGreaterThanOrEqual(8);
  expect(await debug(page, (d) => d.loseDevice())).toBe('the WebGPU device was destroyed');
  await expect(page.getByTestId('notice').first()).toContainText(/The GPU device was lost .*Training goes on with the (webgl|wasm|cpu) backend from the checkpoint of step 7/);
  await expect(page.getByTestId('backend')).toHaveText(/^(webgl|wasm|cpu) · /);
  await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/, { timeout: 200_000 });
  await expect(page.getByTestId('progress')).toContainText('step 14/14');
  await expect(runs(page).first()).toContainText(/webgpu device lost at step \d+; continued on \w+ from the checkpoint of step 7/);
});

test('a NaN loss stops training and rolls back to the last finite checkpoint, whose results are shown', async ({ page }) => {
  await openLab(page, 'wasm', 40, 16, 90);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => step(page), { timeout: 60_000, intervals: [100] }).toBeGreaterThan(16);
  await debug(page, (d) => d.poisonNextStep());
  const message = page.locator('.panel p.error').filter({ hasText: /non-finite/ });
  await expect(message).toContainText(/loss "total" became non-finite at step \d+: lower the learning rate and train again\. Rolled back to the last finite checkpoint \(step \d+\)/);
  const rolledBack = Number((await message.textContent())!.match(/checkpoint \(step (\d+)\)/)![1]);
  expect(rolledBack % 15).toBe(0);
  expect(rolledBack).toBeGreaterThanOrEqual(15);
  // The rolled-back weights are finite: they are scored and saved.
  await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/);
  await expect(runs(page)).toHaveCount(1);
  await expect(runs(page).first()).toContainText(`${rolledBack} steps`);
  await expect(page.getByTestId('progress')).toContainText('error');
});

test('a hung or crashed worker is replaced, with the data set made again and saved runs kept', async ({ page }) => {
  await openLab(page, 'wasm', 1);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/);
  await expect(runs(page)).toHaveCount(1);
  await debug(page, (d) => d.setHangLimit(3000));
  await debug(page, (d) => d.hang(60_000));
  await expect(page.getByTestId('notice').first()).toContainText(/worker stopped answering for 3 s and was restarted on wasm\. Saved runs and data sets are kept/, { timeout: 30_000 });
  await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');
  await expect(runs(page)).toHaveCount(1);
  await debug(page, (d) => d.crash());
  await expect(page.getByTestId('notice').filter({ hasText: 'crashed' })).toContainText(/worker crashed \(.*debug crash.*\) and was restarted/);
  // The new worker trains.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(runs(page)).toHaveCount(2, { timeout: 60_000 });
});

/** Rewrites the uncompressed size an entry declares, in its local header and the central directory. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const local = sig === 0x04034b50;
    if (!local && sig !== 0x02014b50) continue;
    const at = i + (local ? 30 : 46);
    const len = view.getUint16(i + (local ? 26 : 28), true);
    if (len === nameBytes.length && nameBytes.every((b, k) => out[at + k] === b)) view.setUint32(i + (local ? 22 : 24), size, true);
  }
  return out;
}
