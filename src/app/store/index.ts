import { create } from 'zustand';
import { createCompareSlice, type CompareSlice } from './compareSlice';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';

/** One bound store made of small slices; components select narrowly. */
export type LabState = SettingsSlice & DataSlice & RunSlice & CompareSlice & RunsSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createDataSlice(...a),
  ...createRunSlice(...a),
  ...createCompareSlice(...a),
  ...createRunsSlice(...a),
}));
