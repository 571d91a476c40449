import { create } from 'zustand';
import { createCompareSlice, type CompareSlice } from './compareSlice';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';
import { createStepSlice, type StepSlice } from './stepSlice';

/** One bound store made of small slices; components select narrowly. */
export type LabState = SettingsSlice & DataSlice & RunSlice & CompareSlice & RunsSlice & StepSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createDataSlice(...a),
  ...createRunSlice(...a),
  ...createCompareSlice(...a),
  ...createRunsSlice(...a),
  ...createStepSlice(...a),
}));
