import type { StateCreator } from 'zustand';
import type { ClassicSetId, DatasetDetails, FitMode, ImportReport, SavedSets } from '../../worker/dataProtocol';
import type { DatasetSummary, ImageView } from '../../worker/protocol';
import type { LabState } from '.';

export type DataTab = 'builtin' | 'classic' | 'import' | 'saved';

/** Where the images of a flat drop go: train normal, test normal or test anomalous. */
export type FlatChoice = 'train' | 'test-good' | 'test-anomalous';

export interface ImportSettings {
  size: number;
  channels: 1 | 3;
  fit: FitMode;
  flat: FlatChoice;
  /** Defect label given to a flat drop put in test-anomalous. */
  flatLabel: string;
  mode: 'new' | 'add';
  /** '' lets the worker name the set after the folder or zip. */
  name: string;
}

export interface ClassicSettings {
  set: ClassicSetId;
  normalClass: number;
  anomalyRatio: number;
  size: number;
  seed: number;
}

export interface TaskStatus {
  phase: 'reading' | 'decoding' | 'saving' | 'fetching' | 'building';
  done: number;
  total: number;
}

export interface DataSlice {
  dataset: DatasetSummary | null;
  datasetLoading: boolean;
  /** A few images of each split for the data panel's preview strip. */
  previews: ImageView[];
  setDataset(d: DatasetSummary | null, previews?: ImageView[]): void;
  setDatasetLoading(v: boolean): void;

  dataTab: DataTab;
  importSettings: ImportSettings;
  classic: ClassicSettings;
  /** What a running import or classic load is doing; null when idle. */
  dataTask: TaskStatus | null;
  importReport: ImportReport | null;
  /** The last failure of a data action (import, load, edit, open...), one line. */
  dataError: string | null;
  /** Statistics and gallery groups of the current set. */
  details: DatasetDetails | null;
  /** Bumped when the current set's images change, so the gallery refetches its pages. */
  galleryVersion: number;
  saved: SavedSets | null;
  setDataTab(t: DataTab): void;
  setImportSettings(p: Partial<ImportSettings>): void;
  setClassic(p: Partial<ClassicSettings>): void;
  setDataTask(t: TaskStatus | null): void;
  setImportReport(r: ImportReport | null): void;
  setDataError(message: string | null): void;
  setDetails(d: DatasetDetails | null): void;
  setSaved(s: SavedSets): void;
}

export const createDataSlice: StateCreator<LabState, [], [], DataSlice> = (set, get) => ({
  dataset: null,
  datasetLoading: false,
  previews: [],
  setDataset: (dataset, previews = []) => set({ dataset, previews, datasetLoading: false }),
  setDatasetLoading: (datasetLoading) => set({ datasetLoading }),

  dataTab: 'builtin',
  importSettings: { size: 64, channels: 1, fit: 'stretch', flat: 'train', flatLabel: 'anomaly', mode: 'new', name: '' },
  classic: { set: 'mnist', normalClass: 3, anomalyRatio: 0.3, size: 32, seed: 1 },
  dataTask: null,
  importReport: null,
  dataError: null,
  details: null,
  galleryVersion: 0,
  saved: null,
  setDataTab: (dataTab) => set({ dataTab }),
  setImportSettings: (p) => set({ importSettings: { ...get().importSettings, ...p } }),
  setClassic: (p) => set({ classic: { ...get().classic, ...p } }),
  setDataTask: (dataTask) => set({ dataTask }),
  setImportReport: (importReport) => set({ importReport }),
  setDataError: (dataError) => set({ dataError }),
  setDetails: (details) => set({ details, galleryVersion: get().galleryVersion + 1 }),
  setSaved: (saved) => set({ saved }),
});
