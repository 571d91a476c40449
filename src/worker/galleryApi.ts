import * as Comlink from 'comlink';
import type { Dataset } from '../core/data/types';
import type { DataSetApi, DatasetDetails, EditReport, Thumbnail } from './dataProtocol';
import { relabel, removeRecords } from './datasetEdit';
import { galleryGroups, groupRecords, originalSizeRanges, thumbnailMask, thumbnailRgba } from './gallery';
import { isUserSet, requireIdle, sourceColoursById } from './importApi';
import { currentDataset, requireDataset, setCurrentDataset } from './state';
import { datasetBytes, getSetInfo, updateImages } from './storage';

/** The gallery's view of the current set, and its edits (saved too when the set is stored). */
const originOf = (d: Dataset): DatasetDetails['origin'] =>
  d.id.startsWith('user-') ? 'user' : d.id.startsWith('synthetic-') ? 'builtin' : 'classic';

const storedInfo = async (d: Dataset) => (isUserSet(d) ? getSetInfo(d.id).catch(() => undefined) : undefined);

async function saveEdit(next: Dataset, changed: Dataset['train'], removed: string[]): Promise<EditReport> {
  const summary = setCurrentDataset(next);
  const report: EditReport = { summary, changed: changed.length + removed.length, storageError: null };
  if (report.changed > 0 && (await storedInfo(next))) {
    try {
      await updateImages(next, changed, removed);
    } catch (error) {
      report.storageError = `${error instanceof Error ? error.message : String(error)} (the change holds for this session only)`;
    }
  }
  return report;
}

export const galleryApi: Pick<DataSetApi, 'datasetDetails' | 'galleryPage' | 'groupIds' | 'relabelImages' | 'removeImages'> = {
  async datasetDetails() {
    const d = currentDataset();
    if (!d) return null;
    const info = await storedInfo(d);
    const ranges = originalSizeRanges([...d.train, ...d.test]);
    return {
      id: d.id,
      name: d.name,
      size: d.size,
      channels: d.channels,
      groups: galleryGroups(d),
      originalWidth: ranges.width,
      originalHeight: ranges.height,
      sourceColours: info?.sourceColours ?? sourceColoursById.get(d.id) ?? {},
      origin: originOf(d),
      stored: info !== undefined,
      bytes: datasetBytes(d),
    };
  },

  async galleryPage(group, start, count, maxSide) {
    const d = requireDataset();
    const records = groupRecords(d, group);
    const from = Math.max(0, Math.floor(start));
    const items: Thumbnail[] = records.slice(from, from + Math.max(0, Math.floor(count))).map((r, i) => {
      const { side, rgba } = thumbnailRgba(r.pixels, d.size, d.channels, maxSide);
      return {
        position: from + i,
        id: r.id,
        name: r.name,
        split: r.split,
        label: r.label,
        side,
        rgba,
        mask: r.mask ? thumbnailMask(r.mask, d.size, maxSide) : null,
        originalWidth: r.originalWidth ?? null,
        originalHeight: r.originalHeight ?? null,
      };
    });
    const page = { total: records.length, start: from, items };
    const buffers = items.flatMap((t) => (t.mask ? [t.rgba.buffer, t.mask.buffer] : [t.rgba.buffer])) as ArrayBuffer[];
    return Comlink.transfer(page, buffers);
  },

  async groupIds(group) {
    return groupRecords(requireDataset(), group).map((r) => r.id);
  },

  async relabelImages(ids, target) {
    requireIdle();
    const { dataset, changed } = relabel(requireDataset(), ids, target);
    return saveEdit(dataset, changed, []);
  },

  async removeImages(ids) {
    requireIdle();
    const { dataset, removed } = removeRecords(requireDataset(), ids);
    return saveEdit(dataset, [], removed);
  },
};
