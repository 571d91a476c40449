import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { zipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportFile, type ImportOptions } from '../../src/core/data/importer';
import { unzipEntries } from '../../src/core/data/zip';
import { loadFolderDataset } from '../../src/cli/loadFolder';

const OPTS: ImportOptions = { size: 16, channels: 1, fit: 'stretch' };
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A gray PNG, w x h, filled with `value`; a mask when `box` paints a 255 rectangle [x0, x1) x [y0, y1). */
function grayPng(w: number, h: number, value: number, box?: [number, number, number, number]): Uint8Array {
  const data = new Uint8Array(w * h).fill(value);
  if (box) for (let y = box[2]; y < box[3]; y++) for (let x = box[0]; x < box[1]; x++) data[y * w + x] = 255;
  return encodePng({ width: w, height: h, data, channels: 1, depth: 8 });
}

function noisyPng(w: number, h: number): Uint8Array {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + 3) % 251;
  return encodePng({ width: w, height: h, data, channels: 3, depth: 8 });
}

function smallJpeg(w: number, h: number): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : (i * 31) % 256;
  return new Uint8Array(jpeg.encode({ width: w, height: h, data: rgba }, 90).data);
}

const half = (bytes: Uint8Array): Uint8Array => bytes.slice(0, bytes.length >> 1);

/** A PNG whose header declares 30000x30000 (no valid data behind it: the header must suffice). */
function bombHeader(): Uint8Array {
  const png = grayPng(4, 4, 0);
  const view = new DataView(png.buffer, png.byteOffset);
  view.setUint32(16, 30000);
  view.setUint32(20, 30000);
  return png;
}

/** A drop mixing valid and broken files, under a top folder. */
function mixedDrop(): ImportFile[] {
  const files: Record<string, Uint8Array> = {
    'train/good/000.png': grayPng(40, 30, 100),
    'train/good/001.png': grayPng(40, 30, 110),
    'train/good/002.jpg': smallJpeg(40, 30),
    'train/good/jpeg-named.png': smallJpeg(24, 24),
    'train/good/empty.png': new Uint8Array(0),
    'train/good/notes.png': text('this is a text file\n'),
    'train/good/vector.png': text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'),
    'train/good/cut.png': half(noisyPng(32, 32)),
    'train/good/cut.jpg': half(smallJpeg(32, 32)),
    'train/good/bomb.png': bombHeader(),
    'test/good/100.png': grayPng(40, 30, 105),
    'test/crack/a.png': grayPng(40, 30, 90),
    'test/crack/b.png': grayPng(40, 30, 90),
    'test/crack/c.png': grayPng(40, 30, 90),
    'ground_truth/crack/a_mask.png': grayPng(40, 30, 0, [0, 20, 0, 30]),
    'ground_truth/crack/b_mask.png': grayPng(20, 20, 0, [0, 10, 0, 10]),
    'ground_truth/crack/lost_mask.png': grayPng(40, 30, 0),
    'readme.txt': text('Magnetic tiles'),
  };
  return Object.entries(files).map(([path, bytes]) => ({ path: `tiles/${path}`, bytes }));
}

describe('importFiles', () => {
  it('imports every valid file and gives a one-line reason for each bad one', async () => {
    const result = await importFiles(mixedDrop(), OPTS);
    expect(result.layout).toBe('mvtec');
    expect(result.root).toBe('tiles');
    expect(result.train.map((r) => r.name)).toEqual(['000.png', '001.png', '002.jpg', 'jpeg-named.png']);
    expect(result.test.map((r) => `${r.label}/${r.name}`)).toEqual(['crack/a.png', 'crack/b.png', 'crack/c.png', 'good/100.png']);

    const reasons = Object.fromEntries(result.rejected.map((r) => [r.path.replace('tiles/', ''), r.reason]));
    expect(reasons).toEqual({
      'train/good/empty.png': 'empty file (0 bytes)',
      'train/good/notes.png': 'a text file, not an image',
      'train/good/vector.png': 'SVG is a vector format and is not supported: export it as PNG',
      'train/good/cut.png': 'truncated PNG (data ends early)',
      'train/good/cut.jpg': 'truncated JPEG (data ends early)',
      'train/good/bomb.png': expect.stringMatching(/^PNG header declares 30000x30000 \(900 megapixels\), over the limit.*refused before decoding$/),
      'ground_truth/crack/b_mask.png': 'mask is 20x20 but its image is 40x30',
      'ground_truth/crack/lost_mask.png': 'mask without an image: no test/crack/lost.*',
      'readme.txt': expect.stringMatching(/^not part of the MVTec layout/),
    });
    for (const r of result.rejected) expect(r.reason).not.toMatch(/\n/);

    expect(result.missingMasks).toEqual(['tiles/test/crack/b.png', 'tiles/test/crack/c.png']);
    expect(result.stats).toMatchObject({
      files: 18,
      imported: 8,
      rejected: 9,
      train: { good: 4 },
      test: { good: 1, crack: 3 },
      masks: 1,
      missingMasks: 2,
      originalWidth: { min: 24, max: 40 },
      originalHeight: { min: 24, max: 30 },
      channelsSeen: { gray: 6, rgb: 2 },
      formats: { png: 6, jpeg: 2 },
    });
  });

  it('resizes images and masks to the working size', async () => {
    const result = await importFiles(mixedDrop(), { size: 8, channels: 3, fit: 'stretch' });
    const a = result.test.find((r) => r.name === 'a.png')!;
    expect(a).toMatchObject({ id: 'test/crack/a.png', split: 'test', label: 'crack', originalWidth: 40, originalHeight: 30 });
    expect(a.pixels).toHaveLength(8 * 8 * 3);
    expect(new Set(a.pixels)).toEqual(new Set([90]));
    // The mask's left half (x < 20 of 40) is set: columns 0-3 of 8.
    expect(Array.from(a.mask!.subarray(0, 8))).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    expect(a.mask!.reduce((s, v) => s + v, 0)).toBe(32);
    expect(result.test.find((r) => r.label === 'good')!.mask).toBeUndefined();
  });

  it('takes 0/1 masks as they are', async () => {
    const mask01 = encodePng({ width: 4, height: 4, data: Uint8Array.from({ length: 16 }, (_, i) => (i < 8 ? 1 : 0)), channels: 1, depth: 8 });
    const result = await importFiles(
      [
        { path: 'train/good/n.png', bytes: grayPng(4, 4, 1) },
        { path: 'test/dent/d.png', bytes: grayPng(4, 4, 1) },
        { path: 'ground_truth/dent/d_mask.png', bytes: mask01 },
      ],
      { size: 4, channels: 1, fit: 'stretch' },
    );
    expect(Array.from(result.test[0]!.mask!)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('accepts a flat drop into train/good, and reports an empty one', async () => {
    const flat = await importFiles(
      [
        { path: 'a.png', bytes: grayPng(10, 10, 1) },
        { path: 'b.bmp', bytes: text('nope') },
        { path: 'c.png', read: async () => grayPng(12, 8, 2) },
      ],
      OPTS,
    );
    expect(flat.layout).toBe('flat');
    expect(flat.train.map((r) => r.id)).toEqual(['a.png', 'c.png']);
    expect(flat.rejected).toEqual([{ path: 'b.bmp', reason: 'a text file, not an image' }]);

    const empty = await importFiles([], OPTS);
    expect(empty.layout).toBe('empty');
    expect(empty.rejected).toEqual([{ path: '', reason: 'empty input: no files to import' }]);
    const onlyClutter = await importFiles([{ path: '.DS_Store', bytes: new Uint8Array(8) }], OPTS);
    expect(onlyClutter.train).toEqual([]);
    expect(onlyClutter.stats.ignored).toBe(1);
    expect(onlyClutter.rejected[0]!.reason).toMatch(/^empty input: only system files/);
  });

  it('reports progress and stops when cancelled', async () => {
    const seen: number[] = [];
    await importFiles(mixedDrop(), { ...OPTS, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(14);
    const controller = new AbortController();
    controller.abort();
    await expect(importFiles(mixedDrop(), { ...OPTS, signal: controller.signal })).rejects.toThrow('import cancelled');
  });
});

describe('zip import', () => {
  it('imports the safe entries of a zip and skips ../, absolute and drive-letter names', async () => {
    const zip = zipSync({
      'set/train/good/a.png': grayPng(8, 8, 7),
      'set/test/good/b.png': grayPng(8, 8, 7),
      '../evil.png': grayPng(8, 8, 7),
      'set/../../evil2.png': grayPng(8, 8, 7),
      '/etc/evil.png': grayPng(8, 8, 7),
      'C:/evil.png': grayPng(8, 8, 7),
    });
    const result = await importFiles([{ path: 'uploads/set.zip', bytes: zip }], OPTS);
    expect(result.root).toBe('uploads/set');
    expect(result.train.map((r) => r.id)).toEqual(['train/good/a.png']);
    expect(result.test.map((r) => r.id)).toEqual(['test/good/b.png']);
    expect(result.rejected).toEqual([
      { path: 'uploads/set.zip:../evil.png', reason: 'unsafe path: contains ../: zip entry skipped' },
      { path: 'uploads/set.zip:set/../../evil2.png', reason: 'unsafe path: contains ../: zip entry skipped' },
      { path: 'uploads/set.zip:/etc/evil.png', reason: 'unsafe path: absolute: zip entry skipped' },
      { path: 'uploads/set.zip:C:/evil.png', reason: 'unsafe path: starts with a drive letter: zip entry skipped' },
    ]);
  });

  it('caps the entry count and the unpacked size (zip bomb)', () => {
    const zeros = new Uint8Array(600_000);
    const zip = zipSync({ 'a.bin': zeros, 'b.bin': zeros, 'c.bin': new Uint8Array(10), 'd.bin': new Uint8Array(10) });
    expect(zip.length).toBeLessThan(5_000);
    const sized = unzipEntries(zip, { maxEntries: 100, maxTotalBytes: 1_000_000 });
    expect(sized.entries.map((e) => e.path)).toEqual(['a.bin', 'c.bin', 'd.bin']);
    expect(sized.rejected).toEqual([{ path: 'b.bin', reason: 'zip would unpack to more than 1 MiB (zip bomb guard): entry skipped' }]);
    const counted = unzipEntries(zip, { maxEntries: 2, maxTotalBytes: 10_000_000 });
    expect(counted.entries).toHaveLength(2);
    expect(counted.rejected.map((r) => r.reason)).toEqual(['zip has more than 2 entries: entry skipped', 'zip has more than 2 entries: entry skipped']);
  });

  it('never inflates past the size an entry declares', () => {
    const zip = zipSync({ 'big.bin': new Uint8Array(1_000_000) });
    // Lie in both headers: claim 10 bytes unpacked.
    const view = new DataView(zip.buffer);
    for (let i = 0; i + 4 <= zip.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 10, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 10, true);
    }
    const { entries } = unzipEntries(zip);
    expect(entries[0]!.bytes.length).toBe(10);
  });

  it('refuses a corrupt archive with one line', async () => {
    const result = await importFiles([{ path: 'broken.zip', bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }], OPTS);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.reason).toMatch(/^invalid or corrupt zip archive/);
  });
});

describe('loadFolderDataset', () => {
  const root = mkdtempSync(join(tmpdir(), 'reconlab-data-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, bytes: Uint8Array): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  };

  it('loads an MVTec folder with masks', async () => {
    for (const [i, v] of [10, 20, 30].entries()) write(`set/train/good/${i}.png`, grayPng(20, 20, v));
    write('set/test/good/0.png', grayPng(20, 20, 15));
    write('set/test/scratch/0.png', grayPng(20, 20, 50));
    write('set/ground_truth/scratch/0_mask.png', grayPng(20, 20, 0, [0, 10, 0, 10]));
    const { dataset, rejected, layout } = await loadFolderDataset(join(root, 'set'), { size: 8, channels: 1, fit: 'stretch' });
    expect(layout).toBe('mvtec');
    expect(rejected).toEqual([]);
    expect(dataset).toMatchObject({ name: 'set', size: 8, channels: 1 });
    expect(dataset.train).toHaveLength(3);
    expect(dataset.test.map((r) => [r.label, r.mask ? r.mask.reduce((s, v) => s + v, 0) : null])).toEqual([
      ['good', null],
      ['scratch', 16],
    ]);
  });

  it('loads the same set from a .zip file', async () => {
    const zip = zipSync({ 'z/train/good/a.png': grayPng(6, 6, 3), 'z/test/bad/b.png': grayPng(6, 6, 3) });
    write('z.zip', zip);
    const { dataset } = await loadFolderDataset(join(root, 'z.zip'), { size: 4, channels: 3, fit: 'pad' });
    expect(dataset.name).toBe('z');
    expect([dataset.train.length, dataset.test.length]).toEqual([1, 1]);
  });

  it('fails with one-line DataErrors', async () => {
    const opts = { size: 8, channels: 1, fit: 'stretch' } as const;
    await expect(loadFolderDataset(join(root, 'missing'), opts)).rejects.toThrow(`data folder not found: ${join(root, 'missing')}`);
    mkdirSync(join(root, 'empty'));
    await expect(loadFolderDataset(join(root, 'empty'), opts)).rejects.toThrow(`no training images found in ${join(root, 'empty')}/train/good (the folder is empty)`);
    write('notrain/test/good/0.png', grayPng(4, 4, 0));
    await expect(loadFolderDataset(join(root, 'notrain'), opts)).rejects.toThrow(`no training images found in ${join(root, 'notrain')}/train/good`);
    write('broken/train/good/0.png', text('not a png'));
    await expect(loadFolderDataset(join(root, 'broken'), opts)).rejects.toThrow(
      /no training images found in .*broken\/train\/good \(1 file\(s\) rejected; first: train\/good\/0.png: a text file, not an image\)/,
    );
    await expect(loadFolderDataset(join(root, 'missing'), opts)).rejects.toMatchObject({ name: 'DataError' });
  });
});
