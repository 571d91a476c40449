import { create } from 'zustand';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';

/** One bound store made of small slices; components select narrowly. */
export type LabState = SettingsSlice & DataSlice & RunSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createDataSlice(...a),
  ...createRunSlice(...a),
}));
