import type { StateCreator } from 'zustand';
import type { BackendName, MethodConfig, MethodInfo, SyntheticOptions, TrainConfig } from '../../worker/protocol';
import type { LabState } from '.';

export interface SettingsSlice {
  backendChoice: BackendName | 'auto';
  synthetic: Pick<SyntheticOptions, 'texture' | 'size' | 'channels' | 'seed'>;
  methods: MethodInfo[];
  methodId: string;
  /** The user's values per method (over the method's defaults). */
  methodConfigs: Record<string, MethodConfig>;
  train: TrainConfig;
  setBackendChoice(b: BackendName | 'auto'): void;
  setSynthetic(p: Partial<SettingsSlice['synthetic']>): void;
  setMethods(list: MethodInfo[]): void;
  setMethodId(id: string): void;
  setMethodParam(key: string, value: number | string | boolean): void;
  resetMethodConfig(which: 'defaults' | 'paper'): void;
  setTrain(p: Partial<TrainConfig>): void;
}

export const createSettingsSlice: StateCreator<LabState, [], [], SettingsSlice> = (set, get) => ({
  backendChoice: 'auto',
  synthetic: { texture: 'woven', size: 64, channels: 3, seed: 1 },
  methods: [],
  methodId: 'ae',
  methodConfigs: {},
  train: { epochs: 10, batchSize: 16, seed: 1, lossEvery: 5 },
  setBackendChoice: (backendChoice) => set({ backendChoice }),
  setSynthetic: (p) => set({ synthetic: { ...get().synthetic, ...p } }),
  setMethods: (methods) =>
    set({
      methods,
      methodConfigs: Object.fromEntries(methods.map((m) => [m.id, { ...m.defaults, ...get().methodConfigs[m.id] }])),
    }),
  setMethodId: (methodId) => set({ methodId }),
  setMethodParam: (key, value) => {
    const { methodId, methodConfigs } = get();
    set({ methodConfigs: { ...methodConfigs, [methodId]: { ...methodConfigs[methodId], [key]: value } } });
  },
  resetMethodConfig: (which) => {
    const { methodId, methodConfigs, methods } = get();
    const info = methods.find((m) => m.id === methodId);
    if (!info) return;
    set({ methodConfigs: { ...methodConfigs, [methodId]: { ...(which === 'paper' ? info.paperDefaults : info.defaults) } } });
  },
  setTrain: (p) => set({ train: { ...get().train, ...p } }),
});
