import * as Comlink from 'comlink';
import { syntheticDataset } from '../core/data/synthetic';
import { galleryApi } from './galleryApi';
import { importApi, requireIdle } from './importApi';
import { toRgba } from './pixels';
import type { DataApi, ImageView } from './protocol';
import { savedApi } from './savedApi';
import { requireDataset, setCurrentDataset } from './state';

/**
 * Data sets in the worker: the built-in generator and image views for the page, plus import and
 * the classic sets (importApi), the gallery and its edits (galleryApi) and saved sets (savedApi).
 */
export const dataApi: DataApi = {
  async loadSynthetic(opts) {
    requireIdle();
    return setCurrentDataset(syntheticDataset(opts));
  },
  async images(split, indices) {
    const d = requireDataset();
    const list = split === 'train' ? d.train : d.test;
    const views: ImageView[] = indices
      .filter((i) => i >= 0 && i < list.length)
      .map((index) => {
        const r = list[index]!;
        return { index, id: r.id, name: r.name, label: r.label, rgba: toRgba(r.pixels, d.channels), mask: r.mask ?? null };
      });
    return Comlink.transfer(views, views.map((v) => v.rgba.buffer as ArrayBuffer));
  },
  ...importApi,
  ...galleryApi,
  ...savedApi,
};
