import type { StateCreator } from 'zustand';
import type { LabEvent } from '../../worker/protocol';
import type { CheckpointInfo, SavedRunInfo } from '../../worker/runsProtocol';
import type { TestMetrics } from '../../core/metrics/summary';
import type { LabState } from '.';

/** A message about a fault the lab handled (device lost, worker restarted) or a resumed run. */
export interface Notice {
  id: number;
  level: 'info' | 'warning';
  text: string;
}

/** The saved run shown now, and how its results came about. */
export interface OpenedRunView {
  id: string;
  /** 'opening': loading and scoring; 'scored': scored again on this data set; 'stored': saved metrics only. */
  mode: 'opening' | 'scored' | 'stored';
  /** Whether the new scoring equals the saved metrics exactly (scored mode). */
  identical: boolean | null;
  metrics: TestMetrics | null;
}

export interface RunsSlice {
  savedRuns: SavedRunInfo[] | null;
  checkpoint: CheckpointInfo | null;
  notices: Notice[];
  openedRun: OpenedRunView | null;
  /** The last refused import or failed run action, one line. */
  runsError: string | null;
  /** The id of the run imported last, to point it out in the list. */
  lastImported: string | null;
  setSavedRuns(runs: SavedRunInfo[]): void;
  setCheckpoint(cp: CheckpointInfo | null): void;
  pushNotice(level: Notice['level'], text: string): void;
  dismissNotice(id: number): void;
  setOpenedRun(view: OpenedRunView | null): void;
  setRunsError(message: string | null): void;
  setLastImported(id: string | null): void;
  applyRunsEvent(e: LabEvent): void;
}

const MAX_NOTICES = 4;
let noticeCounter = 0;

export const createRunsSlice: StateCreator<LabState, [], [], RunsSlice> = (set, get) => ({
  savedRuns: null,
  checkpoint: null,
  notices: [],
  openedRun: null,
  runsError: null,
  lastImported: null,
  setSavedRuns: (savedRuns) => set({ savedRuns }),
  setCheckpoint: (checkpoint) => set({ checkpoint }),
  pushNotice: (level, text) => set({ notices: [...get().notices, { id: ++noticeCounter, level, text }].slice(-MAX_NOTICES) }),
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  setOpenedRun: (openedRun) => set({ openedRun }),
  setRunsError: (runsError) => set({ runsError }),
  setLastImported: (lastImported) => set({ lastImported }),
  applyRunsEvent: (e) => {
    switch (e.type) {
      case 'run-saved':
        set({ savedRuns: [e.info, ...(get().savedRuns ?? []).filter((r) => r.id !== e.info.id)], openedRun: null });
        break;
      case 'checkpoint':
        set({ checkpoint: e.info });
        break;
      case 'notice':
        get().pushNotice(e.level, e.text);
        break;
    }
  },
});
