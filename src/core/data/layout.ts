import type { Split } from './types';

/**
 * Recognises the layout of a set of relative file paths (a dropped folder, a zip's entries, a
 * folder walked by the CLI). The MVTec AD layout is
 *
 *   [top/]train/good/*   [top/]test/good/*   [top/]test/<defect>/*
 *   [top/]ground_truth/<defect>/<stem>_mask.*
 *
 * and masks are matched to test images by defect and stem. Anything else is a flat set of images,
 * put in train/good until the user assigns splits. Only paths are looked at here: whether a file
 * really is an image is decided by its bytes, later.
 */
export type LayoutKind = 'mvtec' | 'flat' | 'empty';

export interface LayoutImage {
  /** The path as given (normalised: forward slashes). */
  path: string;
  /** The path under the set's top folder: stable, unique, used as the record id. */
  key: string;
  split: Split;
  label: string;
  maskPath?: string;
}

export interface PathIssue {
  path: string;
  reason: string;
}

export interface Layout {
  kind: LayoutKind;
  /** The top folder of the MVTec set inside the drop ('' when the drop is the set itself). */
  root: string;
  images: LayoutImage[];
  /** Masks that match no image. */
  orphanMasks: PathIssue[];
  /** Anomalous test images without a mask: allowed, reported. */
  missingMasks: string[];
  /** Files that have no place in the layout. */
  unknown: PathIssue[];
  /** Paths refused for safety: parent references, absolute paths, drive letters. */
  unsafe: PathIssue[];
  /** OS clutter skipped without comment: __MACOSX/, .DS_Store, Thumbs.db, hidden files. */
  ignored: string[];
}

/** A safe relative path with forward slashes, or the reason it is refused. */
export function normalisePath(raw: string): { path: string } | { reason: string } {
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.includes('\0')) return { reason: 'unsafe path: contains a NUL character' };
  if (/^[A-Za-z]:/.test(slashed)) return { reason: 'unsafe path: starts with a drive letter' };
  if (slashed.startsWith('/')) return { reason: 'unsafe path: absolute' };
  const segments = slashed.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { reason: 'unsafe path: contains ../' };
  if (segments.length === 0) return { reason: 'empty path' };
  return { path: segments.join('/') };
}

const CLUTTER = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);
/** OS metadata that a zip or a folder drop carries along: skipped, not reported as an error. */
export function isClutter(path: string): boolean {
  const segments = path.split('/');
  const base = segments[segments.length - 1]!;
  return segments.some((s) => s === '__MACOSX') || CLUTTER.has(base.toLowerCase()) || base.startsWith('.');
}

const SECTIONS = ['train', 'test', 'ground_truth'] as const;
type Section = (typeof SECTIONS)[number];
const sectionOf = (segment: string): Section | undefined =>
  SECTIONS.find((s) => s === segment.toLowerCase());

/** File name without its last extension; a mask's trailing `_mask` is dropped too. */
export function stemOf(fileName: string, isMask = false): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  return isMask && stem.endsWith('_mask') ? stem.slice(0, -'_mask'.length) : stem;
}

/** Candidate top folders: every prefix followed by train/<x>/<file>, test/<x>/<file> or ground_truth/<x>/<file>. */
function rootVotes(paths: string[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const path of paths) {
    const segments = path.split('/');
    const n = segments.length;
    // A slot is section/<folder>/<file>: the section is third from the end.
    if (n < 3) continue;
    const section = sectionOf(segments[n - 3]!);
    if (!section || section === 'ground_truth') continue;
    if (section === 'train' && segments[n - 2]!.toLowerCase() !== 'good') continue;
    const root = segments.slice(0, n - 3).join('/');
    votes.set(root, (votes.get(root) ?? 0) + 1);
  }
  return votes;
}

export function detectLayout(rawPaths: readonly string[]): Layout {
  const layout: Layout = {
    kind: 'empty', root: '', images: [], orphanMasks: [], missingMasks: [], unknown: [], unsafe: [], ignored: [],
  };
  const paths: string[] = [];
  for (const raw of rawPaths) {
    if (raw.endsWith('/') || raw.endsWith('\\')) continue; // a directory entry
    const normal = normalisePath(raw);
    if ('reason' in normal) layout.unsafe.push({ path: raw, reason: normal.reason });
    else if (isClutter(normal.path)) layout.ignored.push(normal.path);
    else paths.push(normal.path);
  }
  paths.sort(byCodePoint);
  if (paths.length === 0) return layout;

  const votes = rootVotes(paths);
  if (votes.size === 0) {
    layout.kind = 'flat';
    layout.images = paths.map((path) => ({ path, key: path, split: 'train', label: 'good' }));
    return layout;
  }
  // The set with the most images wins; on a tie, the shallower folder.
  const [root] = [...votes].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]!;
  layout.kind = 'mvtec';
  layout.root = root;
  classifyMvtec(paths, root, votes, layout);
  return layout;
}

function classifyMvtec(paths: string[], root: string, votes: Map<string, number>, layout: Layout): void {
  const prefix = root === '' ? '' : `${root}/`;
  const masks: { path: string; key: string; defect: string; stem: string }[] = [];
  for (const path of paths) {
    if (!path.startsWith(prefix)) {
      const other = [...votes.keys()].find((r) => r !== root && (r === '' || path.startsWith(`${r}/`)));
      const reason =
        other !== undefined
          ? `belongs to another set (${other || 'top folder'}): import one set at a time`
          : `outside the set's folder ${root}/`;
      layout.unknown.push({ path, reason });
      continue;
    }
    const key = path.slice(prefix.length);
    const segments = key.split('/');
    const section = sectionOf(segments[0]!);
    if (!section) {
      const other = [...votes.keys()].find((r) => r !== root && r.startsWith(prefix) && path.startsWith(`${r}/`));
      const reason = other
        ? `belongs to another set (${other}): import one set at a time`
        : 'not part of the MVTec layout (expected train/good/, test/<type>/ or ground_truth/<type>/)';
      layout.unknown.push({ path, reason });
      continue;
    }
    if (segments.length !== 3) {
      layout.unknown.push({ path, reason: `unexpected location: expected ${section}/<folder>/<file>` });
      continue;
    }
    const folder = segments[1]!;
    const file = segments[2]!;
    if (section === 'train') {
      if (folder.toLowerCase() === 'good') layout.images.push({ path, key, split: 'train', label: 'good' });
      else layout.unknown.push({ path, reason: 'train/ holds normal images only: put them in train/good/' });
    } else if (section === 'test') {
      const label = folder.toLowerCase() === 'good' ? 'good' : folder;
      layout.images.push({ path, key, split: 'test', label });
    } else {
      masks.push({ path, key, defect: folder, stem: stemOf(file, true) });
    }
  }
  matchMasks(masks, layout);
}

function matchMasks(masks: { path: string; defect: string; stem: string }[], layout: Layout): void {
  const anomalous = new Map<string, LayoutImage>();
  for (const image of layout.images) {
    if (image.split !== 'test' || image.label === 'good') continue;
    const id = `${image.label}/${stemOf(image.key.split('/')[2]!)}`;
    if (!anomalous.has(id)) anomalous.set(id, image);
  }
  for (const mask of masks) {
    const image = anomalous.get(`${mask.defect}/${mask.stem}`);
    if (!image) {
      const reason = mask.defect.toLowerCase() === 'good'
        ? 'mask for a normal image: ground_truth/good/ is not used'
        : `mask without an image: no test/${mask.defect}/${mask.stem}.*`;
      layout.orphanMasks.push({ path: mask.path, reason });
    } else if (image.maskPath) {
      layout.orphanMasks.push({ path: mask.path, reason: `second mask for ${image.path} (already has ${image.maskPath})` });
    } else image.maskPath = mask.path;
  }
  for (const image of layout.images)
    if (image.split === 'test' && image.label !== 'good' && !image.maskPath) layout.missingMasks.push(image.path);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
