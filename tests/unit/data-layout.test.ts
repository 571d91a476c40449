import { describe, expect, it } from 'vitest';
import { detectLayout, normalisePath } from '../../src/core/data/layout';

const MVTEC = [
  'train/good/000.png',
  'train/good/001.png',
  'test/good/000.png',
  'test/crack/000.png',
  'test/crack/001.png',
  'test/hole/000.jpg',
  'ground_truth/crack/000_mask.png',
  'ground_truth/crack/001_mask.png',
  'ground_truth/hole/000_mask.png',
];

describe('detectLayout', () => {
  it('labels an MVTec set and matches masks by defect and stem', () => {
    const layout = detectLayout(MVTEC);
    expect(layout.kind).toBe('mvtec');
    expect(layout.root).toBe('');
    const byPath = Object.fromEntries(layout.images.map((i) => [i.path, i]));
    expect(layout.images).toHaveLength(6);
    expect(byPath['train/good/000.png']).toMatchObject({ split: 'train', label: 'good', key: 'train/good/000.png' });
    expect(byPath['test/good/000.png']).toMatchObject({ split: 'test', label: 'good' });
    expect(byPath['test/good/000.png']!.maskPath).toBeUndefined();
    expect(byPath['test/crack/001.png']).toMatchObject({ split: 'test', label: 'crack', maskPath: 'ground_truth/crack/001_mask.png' });
    // The mask's extension need not match the image's.
    expect(byPath['test/hole/000.jpg']!.maskPath).toBe('ground_truth/hole/000_mask.png');
    expect(layout.orphanMasks).toEqual([]);
    expect(layout.missingMasks).toEqual([]);
    expect(layout.unknown).toEqual([]);
  });

  it('finds the set under a common top folder (a dropped folder, a zip with a top folder)', () => {
    const paths = MVTEC.map((p) => `downloads/magnetic-tile/${p}`).concat('downloads/magnetic-tile/license.txt');
    const layout = detectLayout(paths);
    expect(layout.kind).toBe('mvtec');
    expect(layout.root).toBe('downloads/magnetic-tile');
    expect(layout.images).toHaveLength(6);
    expect(layout.images.find((i) => i.label === 'crack')).toMatchObject({
      key: 'test/crack/000.png',
      maskPath: 'downloads/magnetic-tile/ground_truth/crack/000_mask.png',
    });
    expect(layout.unknown).toEqual([{ path: 'downloads/magnetic-tile/license.txt', reason: expect.stringMatching(/not part of the MVTec layout/) }]);
  });

  it('reports masks without images and images without masks', () => {
    const layout = detectLayout([
      'train/good/a.png',
      'test/crack/x.png',
      'test/crack/y.png',
      'ground_truth/crack/x_mask.png',
      'ground_truth/crack/z_mask.png',
      'ground_truth/hole/x_mask.png',
      'ground_truth/good/a_mask.png',
    ]);
    expect(layout.missingMasks).toEqual(['test/crack/y.png']);
    expect(layout.orphanMasks.map((m) => m.path).sort()).toEqual([
      'ground_truth/crack/z_mask.png',
      'ground_truth/good/a_mask.png',
      'ground_truth/hole/x_mask.png',
    ]);
    expect(layout.orphanMasks.find((m) => m.path.endsWith('z_mask.png'))!.reason).toBe('mask without an image: no test/crack/z.*');
  });

  it('accepts masks named like their image, and flags a second mask', () => {
    const layout = detectLayout(['train/good/a.png', 'test/dent/p.png', 'ground_truth/dent/p.png', 'ground_truth/dent/p_mask.png']);
    expect(layout.images.find((i) => i.path === 'test/dent/p.png')!.maskPath).toBe('ground_truth/dent/p.png');
    expect(layout.orphanMasks).toEqual([{ path: 'ground_truth/dent/p_mask.png', reason: expect.stringMatching(/^second mask/) }]);
  });

  it('flags files out of place', () => {
    const layout = detectLayout(['train/good/a.png', 'train/bad/b.png', 'test/crack/deeper/c.png', 'notes.md']);
    const reasons = Object.fromEntries(layout.unknown.map((u) => [u.path, u.reason]));
    expect(reasons['train/bad/b.png']).toMatch(/train\/good/);
    expect(reasons['test/crack/deeper/c.png']).toMatch(/unexpected location/);
    expect(reasons['notes.md']).toMatch(/not part of the MVTec layout/);
  });

  it('picks the biggest of several sets and flags the others', () => {
    const layout = detectLayout(['bottle/train/good/1.png', 'bottle/train/good/2.png', 'cable/train/good/1.png']);
    expect(layout.root).toBe('bottle');
    expect(layout.unknown).toEqual([{ path: 'cable/train/good/1.png', reason: expect.stringMatching(/another set \(cable\)/) }]);
  });

  it('treats loose images as a flat set in train/good', () => {
    const layout = detectLayout(['photos/b.png', 'photos/a.jpg', 'c.bmp']);
    expect(layout.kind).toBe('flat');
    expect(layout.images.map((i) => [i.path, i.split, i.label])).toEqual([
      ['c.bmp', 'train', 'good'],
      ['photos/a.jpg', 'train', 'good'],
      ['photos/b.png', 'train', 'good'],
    ]);
    // A single folder called test with images directly inside is flat too.
    expect(detectLayout(['test/a.png']).kind).toBe('flat');
  });

  it('skips OS clutter and directory entries, refuses unsafe paths', () => {
    const layout = detectLayout([
      'set/train/good/a.png',
      'set/',
      '__MACOSX/set/train/good/._a.png',
      'set/.DS_Store',
      'set/train/good/Thumbs.db',
      '../evil.png',
      'set/../../evil.png',
      '/etc/passwd',
      'C:\\Windows\\evil.png',
      'set\\train\\good\\b.png',
    ]);
    expect(layout.images.map((i) => i.path)).toEqual(['set/train/good/a.png', 'set/train/good/b.png']);
    expect(layout.ignored).toHaveLength(3);
    expect(layout.unsafe.map((u) => u.path)).toEqual(['../evil.png', 'set/../../evil.png', '/etc/passwd', 'C:\\Windows\\evil.png']);
    expect(layout.unsafe.map((u) => u.reason)).toEqual([
      'unsafe path: contains ../',
      'unsafe path: contains ../',
      'unsafe path: absolute',
      'unsafe path: starts with a drive letter',
    ]);
  });

  it('is empty for no paths', () => {
    expect(detectLayout([]).kind).toBe('empty');
    expect(normalisePath('./a//b/./c.png')).toEqual({ path: 'a/b/c.png' });
  });
});
