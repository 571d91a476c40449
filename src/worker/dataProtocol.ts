/**
 * Types of the data-set half of the worker API (issue 3): import, classic sets, gallery, edits and
 * saved sets. Plain data and typed arrays only; protocol.ts folds DataSetApi into DataApi.
 */
import type { ClassicSetId } from '../core/data/classic';
import type { ImportStats, SizeRange } from '../core/data/importer';
import type { LayoutKind, PathIssue } from '../core/data/layout';
import type { FitMode } from '../core/data/resize';
import type { Split } from '../core/data/types';
import type { DatasetSummary } from './protocol';
import type { StoredSetInfo } from './storage';

export type { ClassicSetId, FitMode, ImportStats, LayoutKind, PathIssue, SizeRange, StoredSetInfo };

/** Where images go: train is always 'good'; test 'good' is normal, any other label anomalous. */
export interface SplitTarget {
  split: Split;
  label: string;
}

/** One dropped or picked file. A File is a Blob: it is cloned by reference, its bytes are read in the worker. */
export interface ImportInput {
  path: string;
  file: Blob;
}

export interface ImportRequest {
  /** Shown in the saved list; '' lets the worker name it after the folder or zip. */
  name: string;
  size: number;
  channels: 1 | 3;
  fit: FitMode;
  /** Where the images of a flat drop (no train/ test/ folders) go. */
  flatTarget: SplitTarget;
  /** 'new': a new data set; 'add': into the current imported set (its size and colour are kept). */
  mode: 'new' | 'add';
}

export interface ImportProgress {
  phase: 'decoding' | 'saving';
  done: number;
  total: number;
}

export interface ImportReport {
  /** The new current set, or null when nothing was imported (the current set is unchanged). */
  summary: DatasetSummary | null;
  layout: LayoutKind;
  /** The MVTec set's folder inside the drop ('' at the top). */
  root: string;
  imported: number;
  rejected: PathIssue[];
  missingMasks: string[];
  stats: ImportStats;
  /** The saved set, or null when saving failed (see storageError) or nothing was imported. */
  stored: StoredSetInfo | null;
  storageError: string | null;
  ms: number;
}

export interface ClassicRequest {
  set: ClassicSetId;
  normalClass: number;
  /** Share of anomalies in the test set (MemAE's protocol: 0.3). */
  anomalyRatio: number;
  size: number;
  channels: 1 | 3;
  seed: number;
}

/** A gallery group: 'train', 'test:good', 'test:*' (every anomalous image) or 'test:<defect>'. */
export type GroupKey = string;

export interface GalleryGroup {
  key: GroupKey;
  title: string;
  count: number;
  masks: number;
}

export interface DatasetDetails {
  id: string;
  name: string;
  size: number;
  channels: 1 | 3;
  groups: GalleryGroup[];
  /** Sizes before resizing; null when unknown. */
  originalWidth: SizeRange | null;
  originalHeight: SizeRange | null;
  /** Colour models of the source files, when known (imported sets). */
  sourceColours: Record<string, number>;
  /** 'user': imported (and saved when storage allowed); edits are saved too. */
  origin: 'builtin' | 'classic' | 'user';
  stored: boolean;
  bytes: number;
}

export interface Thumbnail {
  /** Position in the group. */
  position: number;
  id: string;
  name: string;
  split: Split;
  label: string;
  /** side x side x 4 RGBA. */
  side: number;
  rgba: Uint8ClampedArray;
  /** side x side, 0/1; null when the image has none. */
  mask: Uint8Array | null;
  originalWidth: number | null;
  originalHeight: number | null;
}

export interface GalleryPage {
  total: number;
  start: number;
  items: Thumbnail[];
}

export interface EditReport {
  summary: DatasetSummary;
  changed: number;
  storageError: string | null;
}

export interface SavedSets {
  sets: StoredSetInfo[];
  /** Most recently opened or imported; null when nothing is stored. */
  lastOpened: string | null;
  /** From navigator.storage.estimate(), in bytes; null where the browser does not say. */
  usage: number | null;
  quota: number | null;
}

export interface DataSetApi {
  /** Decodes, resizes and saves dropped files; progress goes to `onProgress`. */
  importImages(files: ImportInput[], req: ImportRequest, onProgress?: (p: ImportProgress) => void): Promise<ImportReport>;
  cancelImport(): void;
  /** One-class MNIST / Fashion-MNIST, fetched per class from /data/<set>/ and cached. */
  loadClassic(req: ClassicRequest, onProgress?: (done: number, total: number) => void): Promise<DatasetSummary>;
  datasetDetails(): Promise<DatasetDetails | null>;
  galleryPage(group: GroupKey, start: number, count: number, maxSide: number): Promise<GalleryPage>;
  groupIds(group: GroupKey): Promise<string[]>;
  relabelImages(ids: string[], target: SplitTarget): Promise<EditReport>;
  removeImages(ids: string[]): Promise<EditReport>;
  savedSets(): Promise<SavedSets>;
  openSaved(id: string): Promise<DatasetSummary>;
  renameSaved(id: string, name: string): Promise<SavedSets>;
  deleteSaved(id: string): Promise<SavedSets>;
}
