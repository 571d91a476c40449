import { describe, expect, it } from 'vitest';
import { filesFromEntries, filesFromInput } from '../../src/app/panels/data/collectFiles';

/** Fake File System entries, with directory readers that hand out entries in small batches as browsers do. */
type Fake = { name: string; fullPath: string; isFile: boolean; isDirectory: boolean; file?: (ok: (f: File) => void) => void; createReader?: () => { readEntries: (ok: (e: Fake[]) => void) => void } };
function fakeFile(fullPath: string): Fake {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  return { name, fullPath, isFile: true, isDirectory: false, file: (ok) => ok(new File([name], name)) };
}
function fakeDir(fullPath: string, children: Fake[]): Fake {
  return {
    name: fullPath.slice(fullPath.lastIndexOf('/') + 1),
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          const batch = children.slice(at, at + 2);
          at += batch.length;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  };
}

describe('collecting dropped files', () => {
  it('walks folders recursively, reading every batch of a directory, with paths relative to the drop', async () => {
    const tree = fakeDir('/set', [
      fakeDir('/set/train', [fakeDir('/set/train/good', ['a', 'b', 'c', 'd', 'e'].map((n) => fakeFile(`/set/train/good/${n}.png`)))]),
      fakeDir('/set/empty', []),
      fakeFile('/set/readme.txt'),
    ]);
    const found: number[] = [];
    const files = await filesFromEntries([tree, fakeFile('/loose.png')] as unknown as FileSystemEntry[], (n) => found.push(n));
    expect(files.map((f) => f.path)).toEqual([
      'set/train/good/a.png',
      'set/train/good/b.png',
      'set/train/good/c.png',
      'set/train/good/d.png',
      'set/train/good/e.png',
      'set/readme.txt',
      'loose.png',
    ]);
    expect(files[0]!.file.name).toBe('a.png');
    expect(found.at(-1)).toBe(7);
  });

  it('takes a picked folder’s relative paths, and plain names for picked files', () => {
    const inFolder = new File(['x'], 'a.png');
    Object.defineProperty(inFolder, 'webkitRelativePath', { value: 'set/train/good/a.png' });
    const loose = new File(['y'], 'b.png');
    expect(filesFromInput([inFolder, loose]).map((f) => f.path)).toEqual(['set/train/good/a.png', 'b.png']);
  });
});
