import type { StateCreator } from 'zustand';
import type { StepView } from '../../worker/stepProtocol';
import type { LabState } from '.';

/**
 * Step-by-step training: 'ready' has a run to step, 'stepping' waits for one step, 'playing' steps
 * on its own at a readable pace (slow motion) until paused.
 */
export type StepStatus = 'off' | 'ready' | 'stepping' | 'playing';

export interface StepSlice {
  stepStatus: StepStatus;
  stepView: StepView | null;
  stepTotal: number;
  stepError: string | null;
  /** Milliseconds between two slow-motion steps. */
  slowMotionMs: number;
  setStepStatus(s: StepStatus): void;
  setStepView(v: StepView | null, total?: number): void;
  setStepError(message: string | null): void;
  setSlowMotionMs(ms: number): void;
}

export const createStepSlice: StateCreator<LabState, [], [], StepSlice> = (set) => ({
  stepStatus: 'off',
  stepView: null,
  stepTotal: 0,
  stepError: null,
  slowMotionMs: 1200,
  setStepStatus: (stepStatus) => set({ stepStatus }),
  setStepView: (stepView, total) => set(total === undefined ? { stepView } : { stepView, stepTotal: total }),
  setStepError: (stepError) => set({ stepError }),
  setSlowMotionMs: (slowMotionMs) => set({ slowMotionMs }),
});
