import type { StateCreator } from 'zustand';
import type { BackendInfo, EvaluationSummary, LabEvent, RunState, SampleView } from '../../worker/protocol';
import type { LabState } from '.';

export interface Progress {
  step: number;
  totalSteps: number;
  epoch: number;
  epochs: number;
  elapsedMs: number;
  etaMs: number;
  /** Absent for a saved run opened without training. */
  tensors?: number;
  tensorBytes?: number;
}

export interface RunSlice {
  backend: BackendInfo | null;
  backendError: string | null;
  runState: RunState | 'evaluating';
  runMessage: string | null;
  progress: Progress | null;
  losses: { steps: number[]; terms: Record<string, number[]> };
  evaluation: EvaluationSummary | null;
  samples: SampleView[];
  setBackend(info: BackendInfo | null, error?: string | null): void;
  setSamples(s: SampleView[]): void;
  startRun(): void;
  failRun(message: string): void;
  applyEvent(e: LabEvent): void;
}

const emptyLosses = () => ({ steps: [] as number[], terms: {} as Record<string, number[]> });

export const createRunSlice: StateCreator<LabState, [], [], RunSlice> = (set, get) => ({
  backend: null,
  backendError: null,
  runState: 'idle',
  runMessage: null,
  progress: null,
  losses: emptyLosses(),
  evaluation: null,
  samples: [],
  setBackend: (backend, backendError = null) => set({ backend, backendError }),
  setSamples: (samples) => set({ samples }),
  startRun: () =>
    set({ runState: 'training', runMessage: null, progress: null, losses: emptyLosses(), evaluation: null, samples: [] }),
  failRun: (runMessage) => set({ runState: 'error', runMessage }),
  applyEvent: (e) => {
    switch (e.type) {
      case 'progress': {
        const { type: _t, ...progress } = e;
        void _t;
        set({ progress });
        break;
      }
      case 'losses': {
        const prev = get().losses;
        const terms = { ...prev.terms };
        for (const [k, v] of Object.entries(e.terms)) terms[k] = [...(terms[k] ?? []), ...v];
        set({ losses: { steps: [...prev.steps, ...e.steps], terms } });
        break;
      }
      case 'state':
        set({ runState: e.state, runMessage: e.message ?? null });
        break;
      case 'evaluating':
        set({ runState: 'evaluating' });
        break;
      case 'evaluation':
        // When it ends a run this page trained, that run's checkpoint is about to be cleared (the
        // run is being saved) and is nothing to offer resuming meanwhile.
        set(get().runState === 'evaluating' ? { evaluation: e.summary, runState: 'done', checkpoint: null } : { evaluation: e.summary });
        break;
      case 'backend':
        set({ backend: e.info, backendError: null });
        break;
    }
  },
});
