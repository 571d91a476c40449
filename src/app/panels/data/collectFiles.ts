/**
 * Files from a drop or a file input, with their paths relative to what was dropped or picked:
 * folders are walked through the File System entries API (a drop gives entries, not files, for
 * folders; a directory reader hands its entries over in batches until it returns none).
 */
export interface PickedFile {
  path: string;
  file: File;
}

/** From an <input type=file>: a folder pick (webkitdirectory) gives each file its relative path. */
export function filesFromInput(list: FileList | readonly File[]): PickedFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/**
 * The entries of a drop. Must be called while the drop event is being handled: the browser
 * empties the DataTransfer as soon as the handler returns.
 */
export function entriesOf(dt: DataTransfer): { entries: FileSystemEntry[]; files: File[] } {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
  }
  return { entries, files: Array.from(dt.files ?? []) };
}

const isFileEntry = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;
const isDirectoryEntry = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;

const fileOf = (entry: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => entry.file(resolve, reject));

async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Walks entries depth first; `onFound` reports the running count for a "reading…" line. */
export async function filesFromEntries(entries: readonly FileSystemEntry[], onFound?: (n: number) => void): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (isFileEntry(entry)) {
      out.push({ path: entry.fullPath.replace(/^\/+/, '') || entry.name, file: await fileOf(entry) });
      if (out.length % 100 === 0) onFound?.(out.length);
    } else if (isDirectoryEntry(entry)) {
      for (const child of await readAll(entry)) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  onFound?.(out.length);
  return out;
}
