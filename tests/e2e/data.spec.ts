import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { encode } from 'fast-png';
import { zipSync } from 'fflate';

/**
 * Bringing your own images: an MVTec-layout set made here (PNG bytes from fast-png), imported as
 * a zip dropped on the drop zone and as a picked folder, still listed and reopened after a reload;
 * a folder mixing valid and broken files; gallery edits that are saved; a 5,000-image gallery.
 */
const SIDE = 24;

function grayPng(value: number, rect?: [x0: number, x1: number, y0: number, y1: number]): Uint8Array {
  const data = new Uint8Array(SIDE * SIDE).fill(rect ? 0 : value);
  if (rect) for (let y = rect[2]; y < rect[3]; y++) for (let x = rect[0]; x < rect[1]; x++) data[y * SIDE + x] = 255;
  else for (let i = 0; i < data.length; i++) data[i] = (value + ((i * 13) % 40)) & 255;
  return encode({ width: SIDE, height: SIDE, data, channels: 1, depth: 8 });
}

/** 10 train, 3 test normal, 4 anomalous in two types; every anomalous image has a mask. */
function mvtecFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 10; i++) files[`parts/train/good/${String(i).padStart(3, '0')}.png`] = grayPng(60 + i);
  for (let i = 0; i < 3; i++) files[`parts/test/good/${i}.png`] = grayPng(70 + i);
  for (const [type, n] of [['dent', 3], ['hole', 1]] as const) {
    for (let i = 0; i < n; i++) {
      files[`parts/test/${type}/${i}.png`] = grayPng(90 + i);
      files[`parts/ground_truth/${type}/${i}_mask.png`] = grayPng(0, [4, 10, 4, 12]);
    }
  }
  return files;
}

function writeTree(files: Record<string, Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'reconlab-e2e-'));
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}

/** Drops files on the drop zone through a DataTransfer built in the page, as a real drop would. */
async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, files.map((f) => ({ name: f.name, bytes: [...f.bytes] })));
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

async function openImportTab(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('dataset-summary')).toContainText('Built-in');
  await page.getByRole('tab', { name: 'Your images' }).click();
  await page.getByLabel('Working size').selectOption('32');
}

/** Waits for the report of an import started after `before` (its data-ms changes). */
async function nextReport(page: Page, start: () => Promise<void>) {
  const report = page.getByTestId('import-result');
  const before = (await report.count()) ? await report.getAttribute('data-set-id') : null;
  await start();
  await expect(report).not.toHaveAttribute('data-set-id', before ?? '__none__');
  await expect(report).toBeVisible();
  return report;
}

test('an MVTec set dropped as a zip and picked as a folder is imported, saved and reopened after a reload', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openImportTab(page);
  const files = mvtecFiles();

  const zipped = zipSync(files);
  const fromZip = await nextReport(page, () => dropFiles(page, [{ name: 'parts.zip', bytes: zipped }]));
  await expect(fromZip.getByTestId('import-counts')).toHaveText('10 train · 3 test normal · 4 anomalous');
  await expect(fromZip).toContainText('4 masks');
  await expect(fromZip.getByTestId('import-saved')).toContainText('“parts”');
  await expect(page.getByTestId('dataset-counts')).toHaveText('train 10 normal · test 3 normal, 4 anomalous (2 types)');
  await expect(page.getByTestId('group-test:dent')).toContainText('3');
  // The gallery draws the thumbnails of the chosen group, with the masks.
  await page.getByTestId('group-test:*').click();
  await expect(page.getByTestId('gallery').getByRole('img')).toHaveCount(4);
  await expect(page.getByTestId('dataset-stats')).toContainText('4 of 4 anomalous images');

  const root = writeTree(files);
  try {
    const fromFolder = await nextReport(page, () => page.getByTestId('folder-input').setInputFiles(join(root, 'parts')));
    await expect(fromFolder.getByTestId('import-counts')).toHaveText('10 train · 3 test normal · 4 anomalous');
    await expect(fromFolder).toContainText('4 masks');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  await page.getByLabel('Set name').fill('');

  // Rename the folder import, so the two are told apart after the reload.
  await page.getByRole('tab', { name: /^Saved/ }).click();
  const sets = page.getByTestId('saved-set');
  await expect(sets).toHaveCount(2);
  await sets.first().getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New name for parts').fill('parts from a folder');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(sets.first()).toContainText('parts from a folder');
  await expect(page.getByTestId('storage-used')).toContainText('Site storage used');

  await page.reload();
  // The built-in set is still what a page opens with; the saved sets are listed and reopen.
  await expect(page.getByTestId('dataset-summary')).toContainText('Built-in');
  await expect(page.getByTestId('last-opened')).toContainText('parts from a folder');
  await page.getByTestId('last-opened').getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('parts from a folder');
  await expect(page.getByTestId('dataset-counts')).toHaveText('train 10 normal · test 3 normal, 4 anomalous (2 types)');
  await expect(page.getByTestId('dataset-stats')).toContainText('saved in this browser');
  await page.getByRole('tab', { name: /^Saved/ }).click();
  await expect(page.getByTestId('saved-set')).toHaveCount(2);
  await page.getByTestId('saved-set').filter({ hasNotText: 'from a folder' }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('dataset-summary').getByRole('heading')).toHaveText('parts');
  expect(errors).toEqual([]);
});

test('a folder of valid and broken files imports the valid ones and names each bad file with its reason', async ({ page }) => {
  await openImportTab(page);
  const pngBytes = grayPng(120);
  const bomb = grayPng(5);
  new DataView(bomb.buffer, bomb.byteOffset).setUint32(16, 30000);
  new DataView(bomb.buffer, bomb.byteOffset).setUint32(20, 30000);
  const text = (s: string) => new TextEncoder().encode(s);
  const root = writeTree({
    'mixed/a.png': grayPng(10),
    'mixed/b.png': grayPng(50),
    'mixed/sub/c.png': grayPng(90),
    'mixed/empty.png': new Uint8Array(0),
    'mixed/notes.png': text('not an image at all\n'),
    'mixed/cut.png': pngBytes.slice(0, pngBytes.length >> 1),
    'mixed/drawing.svg': text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'),
    'mixed/bomb.png': bomb,
  });
  try {
    const report = await nextReport(page, () => page.getByTestId('folder-input').setInputFiles(join(root, 'mixed')));
    await expect(report).toContainText('Imported 3 images');
    const lines = report.getByTestId('rejected-list').getByRole('listitem');
    await expect(lines).toHaveCount(5);
    const reasons = Object.fromEntries(
      (await lines.allInnerTexts()).map((line) => {
        const [path, ...rest] = line.split(' ');
        return [path!, rest.join(' ')];
      }),
    );
    expect(reasons).toEqual({
      'mixed/empty.png': 'empty file (0 bytes)',
      'mixed/notes.png': 'a text file, not an image',
      'mixed/cut.png': 'truncated PNG (data ends early)',
      'mixed/drawing.svg': 'SVG is a vector format and is not supported: export it as PNG',
      'mixed/bomb.png': expect.stringMatching(/^PNG header declares 30000x30000 .*refused before decoding$/),
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  // Only normal images: a valid start. Training works; the metrics say there is no test set yet.
  await expect(page.getByTestId('dataset-counts')).toHaveText('train 3 normal · no test images');
  await expect(page.getByTestId('dataset-summary')).toContainText('metrics need a test set');

  // Move one image to test as anomalous in the gallery; the change is saved with the set.
  await page.getByRole('button', { name: /a\.png/ }).click();
  await page.getByLabel('Move selected to').selectOption('test-anomalous');
  await page.getByLabel('Defect label for selected').fill('dark');
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.getByTestId('dataset-counts')).toHaveText('train 2 normal · test 0 normal, 1 anomalous');
  await page.reload();
  await page.getByTestId('last-opened').getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByTestId('dataset-counts')).toHaveText('train 2 normal · test 0 normal, 1 anomalous');
});

test('a flat drop can go straight to the test set, and 5,000 thumbnails render a window at a time', async ({ page }) => {
  await openImportTab(page);
  await page.getByLabel('Loose images go to').selectOption('test-anomalous');
  await page.getByLabel('Defect label for loose images').fill('scratch');
  const report = await nextReport(page, () =>
    dropFiles(page, [
      { name: 'x.png', bytes: grayPng(30) },
      { name: 'y.png', bytes: grayPng(40) },
    ]),
  );
  await expect(report.getByTestId('import-counts')).toHaveText('0 train · 0 test normal · 2 anomalous');
  await expect(page.getByTestId('group-test:*')).toContainText('2');

  // One-class Fashion-MNIST, trousers: 5,600 training images in the gallery.
  await page.getByRole('tab', { name: 'MNIST' }).click();
  await page.getByLabel('Classic set').selectOption('fashion-mnist');
  await page.getByLabel('Normal class').selectOption('1');
  await page.getByRole('button', { name: /^Load Fashion-MNIST/ }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('trouser normal');
  const count = Number((await page.getByTestId('group-train').innerText()).replace(/\D+/g, ''));
  expect(count).toBeGreaterThan(5000);
  const scroller = page.locator('.gallery-scroll');
  await expect(page.locator('.gallery-scroll canvas').first()).toBeVisible();
  const frames = await scroller.evaluate(async (el) => {
    const times: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 40; i++) {
      el.scrollTop += el.scrollHeight / 40;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times.sort((a, b) => a - b);
  });
  console.log(`gallery scroll over ${count} images: median frame ${frames[20]!.toFixed(1)} ms, worst ${frames[39]!.toFixed(1)} ms`);
  // Scrolled to the end: the last image is drawn, and only a window of cells exists.
  await expect(page.getByRole('img', { name: /^train good image trouser-\d+$/ }).last()).toBeVisible();
  expect(await page.locator('.thumb-cell').count()).toBeLessThan(150);
  const lastCell = await scroller.evaluate((el) => {
    const cells = [...el.querySelectorAll<HTMLElement>('.thumb-cell')];
    return Math.max(...cells.map((c) => c.offsetTop + c.offsetHeight)) >= el.scrollHeight - 120;
  });
  expect(lastCell).toBe(true);
});
