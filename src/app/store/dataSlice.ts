import type { StateCreator } from 'zustand';
import type { DatasetSummary, ImageView } from '../../worker/protocol';
import type { LabState } from '.';

export interface DataSlice {
  dataset: DatasetSummary | null;
  datasetLoading: boolean;
  /** A few images of each split for the data panel's preview strip. */
  previews: ImageView[];
  setDataset(d: DatasetSummary | null, previews?: ImageView[]): void;
  setDatasetLoading(v: boolean): void;
}

export const createDataSlice: StateCreator<LabState, [], [], DataSlice> = (set) => ({
  dataset: null,
  datasetLoading: false,
  previews: [],
  setDataset: (dataset, previews = []) => set({ dataset, previews, datasetLoading: false }),
  setDatasetLoading: (datasetLoading) => set({ datasetLoading }),
});
