import type { StateCreator } from 'zustand';
import type { Budget, CompareEntry, CompareEvent, CompareResult, CompareSampleRow, ImageView } from '../../worker/protocol';
import type { LabState } from '.';

export interface CompareProgress {
  index: number;
  total: number;
  key: string;
  phase: 'training' | 'scoring';
  step: number;
  elapsedMs: number;
  fraction: number;
}

/** A filled (or filling) board: what every run shared, and the finished runs in queue order. */
export interface CompareBoard {
  datasetId: string;
  datasetName: string;
  size: number;
  backend: string;
  budget: Budget;
  seed: number;
  batchSize: number;
  entries: CompareEntry[];
  results: CompareResult[];
  failures: { key: string; label: string; message: string }[];
}

/** The chosen test images: inputs, and each finished run's reconstructions and maps of them. */
export interface CompareGrid {
  indices: number[];
  inputs: ImageView[];
  rows: CompareSampleRow[];
}

export type CompareStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export interface CompareSlice {
  queue: CompareEntry[];
  compareBudget: Budget;
  compareSeed: number;
  compareBatch: number;
  compareStatus: CompareStatus;
  compareMessage: string | null;
  compareProgress: CompareProgress | null;
  board: CompareBoard | null;
  grid: CompareGrid | null;
  /** One colour scale (raw min–max over every run's maps) instead of one per run. */
  sharedScale: boolean;
  rocLevel: 'image' | 'pixel';
  addToQueue(entry: Omit<CompareEntry, 'key'>): void;
  removeFromQueue(key: string): void;
  clearQueue(): void;
  setCompareBudget(b: Budget): void;
  setCompareSeed(seed: number): void;
  setCompareBatch(batch: number): void;
  startCompare(board: Omit<CompareBoard, 'results' | 'failures'>): void;
  applyCompareEvent(e: CompareEvent): void;
  finishCompare(status: CompareStatus, message?: string): void;
  setGrid(grid: CompareGrid | null): void;
  setSharedScale(v: boolean): void;
  setRocLevel(level: 'image' | 'pixel'): void;
}

let nextKey = 1;

export const createCompareSlice: StateCreator<LabState, [], [], CompareSlice> = (set, get) => ({
  queue: [],
  compareBudget: { kind: 'steps', steps: 200 },
  compareSeed: 1,
  compareBatch: 16,
  compareStatus: 'idle',
  compareMessage: null,
  compareProgress: null,
  board: null,
  grid: null,
  sharedScale: false,
  rocLevel: 'image',
  addToQueue: (entry) => set({ queue: [...get().queue, { ...entry, key: `run${nextKey++}` }] }),
  removeFromQueue: (key) => set({ queue: get().queue.filter((e) => e.key !== key) }),
  clearQueue: () => set({ queue: [] }),
  setCompareBudget: (compareBudget) => set({ compareBudget }),
  setCompareSeed: (compareSeed) => set({ compareSeed }),
  setCompareBatch: (compareBatch) => set({ compareBatch }),
  startCompare: (board) =>
    set({
      board: { ...board, results: [], failures: [] },
      grid: null,
      compareStatus: 'running',
      compareMessage: null,
      compareProgress: null,
    }),
  applyCompareEvent: (e) => {
    const board = get().board;
    if (!board) return;
    // Progress that arrives after the queue has ended (events and results travel on different channels) is stale.
    if ((e.type === 'run-start' || e.type === 'run-progress' || e.type === 'run-scoring') && get().compareStatus !== 'running') return;
    switch (e.type) {
      case 'run-start':
        set({ compareProgress: { index: e.index, total: e.total, key: e.key, phase: 'training', step: 0, elapsedMs: 0, fraction: 0 } });
        break;
      case 'run-progress': {
        const p = get().compareProgress;
        if (p && p.key === e.key) set({ compareProgress: { ...p, step: e.step, elapsedMs: e.elapsedMs, fraction: e.fraction } });
        break;
      }
      case 'run-scoring': {
        const p = get().compareProgress;
        if (p && p.key === e.key) set({ compareProgress: { ...p, phase: 'scoring', fraction: 1 } });
        break;
      }
      case 'run-done':
        set({ board: { ...board, results: [...board.results, e.result] } });
        break;
      case 'run-failed': {
        const label = board.entries.find((x) => x.key === e.key)?.label ?? e.key;
        set({ board: { ...board, failures: [...board.failures, { key: e.key, label, message: e.message }] } });
        break;
      }
    }
  },
  finishCompare: (compareStatus, message) => set({ compareStatus, compareMessage: message ?? null, compareProgress: null }),
  setGrid: (grid) => set({ grid }),
  setSharedScale: (sharedScale) => set({ sharedScale }),
  setRocLevel: (rocLevel) => set({ rocLevel }),
});
