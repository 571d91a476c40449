import type { MessageKey } from './i18n';
import type { SharedData } from './shareState';
import type { MethodConfig, TrainConfig } from '../worker/protocol';

/**
 * Guided presets for a class: a data set, a method with its settings, and what to look for. Small
 * enough to train in a few minutes on a laptop CPU; the texts live in the dictionaries.
 */
export interface Lesson {
  id: 'ae-rebuilds' | 'inpainting' | 'memory';
  title: MessageKey;
  /** What to do and what to look for, one paragraph per key. */
  body: MessageKey[];
  data: SharedData;
  method: string;
  config: MethodConfig;
  train: TrainConfig;
  /** Runs queued on the compare board, to set two methods side by side. */
  compare?: { label: string; method: string; config: MethodConfig }[];
}

export const LESSONS: Lesson[] = [
  {
    id: 'ae-rebuilds',
    title: 'lesson.ae.title',
    body: ['lesson.ae.setup', 'lesson.ae.look'],
    data: { kind: 'classic', set: 'mnist', normalClass: 3, anomalyRatio: 0.3, size: 32, seed: 1 },
    method: 'ae',
    config: { loss: 'l2', width: 16, latent: 32, lr: 1e-3 },
    train: { epochs: 3, batchSize: 32, seed: 1, lossEvery: 5 },
  },
  {
    id: 'inpainting',
    title: 'lesson.inpaint.title',
    body: ['lesson.inpaint.setup', 'lesson.inpaint.look'],
    data: { kind: 'procedural', texture: 'woven', size: 32, channels: 1, seed: 1 },
    method: 'riad',
    config: { base: 8, depth: 3, sets: 3, lr: 1e-3 },
    train: { epochs: 4, batchSize: 16, seed: 1, lossEvery: 5 },
    compare: [
      { label: 'AE', method: 'ae', config: { loss: 'l2', width: 16, latent: 32, lr: 1e-3 } },
      { label: 'RIAD', method: 'riad', config: { base: 8, depth: 3, sets: 3, lr: 1e-3 } },
    ],
  },
  {
    id: 'memory',
    title: 'lesson.memory.title',
    body: ['lesson.memory.setup', 'lesson.memory.look'],
    data: { kind: 'classic', set: 'mnist', normalClass: 3, anomalyRatio: 0.3, size: 32, seed: 1 },
    method: 'memae',
    config: { width: 16, items: 20, memory: true, lr: 1e-3 },
    train: { epochs: 3, batchSize: 32, seed: 1, lossEvery: 5 },
  },
];
