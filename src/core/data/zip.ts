import { unzipSync, type UnzipFileInfo } from 'fflate';
import { DataError, reasonOf } from './errors';
import { normalisePath, type PathIssue } from './layout';

/**
 * Zip archives through fflate, guarded against zip bombs and path tricks: entries are counted and
 * their declared sizes summed before anything is inflated (fflate inflates into a buffer of the
 * declared size and never grows it, so a lying header cannot make it allocate more), and names
 * with `../`, absolute paths or drive letters are skipped with a reason, never used as paths.
 */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes of the entries taken. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 20_000, maxTotalBytes: 1024 * 2 ** 20 };

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

/** A local file header (PK 03 04) or the end record of an empty archive (PK 05 06). */
export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 &&
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));

const mib = (n: number): string => `${Math.round(n / 2 ** 20)} MiB`;

export function unzipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { entries: ZipEntry[]; rejected: PathIssue[] } {
  const rejected: PathIssue[] = [];
  const accepted = new Map<string, string>(); // entry name -> safe path
  let count = 0;
  let total = 0;
  const admit = (info: UnzipFileInfo): boolean => {
    const name = info.name;
    if (name.endsWith('/')) return false; // a directory
    const safe = normalisePath(name);
    if ('reason' in safe) {
      rejected.push({ path: name, reason: `${safe.reason}: zip entry skipped` });
      return false;
    }
    if (count >= limits.maxEntries) {
      rejected.push({ path: name, reason: `zip has more than ${limits.maxEntries} entries: entry skipped` });
      return false;
    }
    if (total + info.originalSize > limits.maxTotalBytes) {
      const reason = `zip would unpack to more than ${mib(limits.maxTotalBytes)} (zip bomb guard): entry skipped`;
      rejected.push({ path: name, reason });
      return false;
    }
    if (info.compression !== 0 && info.compression !== 8) {
      rejected.push({ path: name, reason: `zip compression method ${info.compression} is not supported (only stored and deflate)` });
      return false;
    }
    count++;
    total += info.originalSize;
    accepted.set(name, safe.path);
    return true;
  };

  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: admit });
  } catch (error) {
    // One corrupt entry fails the whole pass: retry entry by entry to keep the good ones.
    if (accepted.size === 0 || accepted.size > 2000) throw new DataError(`invalid or corrupt zip archive (${reasonOf(error)})`);
    files = {};
    for (const name of accepted.keys()) {
      try {
        Object.assign(files, unzipSync(bytes, { filter: (info) => info.name === name }));
      } catch (entryError) {
        rejected.push({ path: name, reason: `corrupt zip entry (${reasonOf(entryError)})` });
      }
    }
  }
  const entries: ZipEntry[] = [];
  for (const [name, path] of accepted) {
    const data = files[name];
    if (data) entries.push({ path, bytes: data });
  }
  return { entries, rejected };
}
