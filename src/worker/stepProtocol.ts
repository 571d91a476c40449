/** Step-by-step training (the classroom view): one step per call, with what the method did in it. */
import type { TrainRequest } from './protocol';

/** One image of the step's batch, seen through the method after the step. */
export interface StepImage {
  name: string;
  size: number;
  channels: 1 | 3;
  /** The batch image, RGBA. */
  input: Uint8ClampedArray;
  /** Inpainting methods: a mask the method draws for it (1 = hidden, to restore), its title, the masked input and the restoration of it. */
  mask: Uint8Array | null;
  maskTitle: string | null;
  masked: Uint8ClampedArray | null;
  restored: Uint8ClampedArray | null;
  /** What the method rebuilds at test time, RGBA, and its anomaly (error) map, size * size. */
  recon: Uint8ClampedArray;
  map: Float32Array;
}

export interface StepView {
  step: number;
  totalSteps: number;
  epoch: number;
  batchSize: number;
  /** Every loss term of this step (the method's names, `total` included). */
  losses: Record<string, number>;
  image: StepImage;
}

export interface StepApi {
  /** A new run made from the request's settings, trained by stepOnce only. Replaces an earlier one. */
  stepStart(req: TrainRequest): Promise<{ totalSteps: number }>;
  /** Exactly one training step of that run. */
  stepOnce(): Promise<StepView>;
  /** Scores the stepped run on the test set, like a finished run (the results panel shows it). */
  stepScore(): Promise<void>;
  stepEnd(): void;
}
