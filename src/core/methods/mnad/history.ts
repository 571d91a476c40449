import * as tf from '@tensorflow/tfjs';
import type { MemoryEvolutionView } from '../types';

/** At most this many snapshots are kept; beyond it every other one is dropped and the interval doubles. */
const MAX_SNAPSHOTS = 64;

/**
 * Snapshots of the memory items during training (on the device, no readback per step), for the
 * view of their evolution: each item's cosine to its initial value, step by step.
 */
export class MemoryHistory {
  private readonly snapshots: tf.Tensor2D[] = [];
  private readonly steps: number[] = [];
  private step = 0;
  private every = 5;

  constructor(initial: tf.Tensor2D) {
    this.record(initial);
  }

  afterStep(items: tf.Tensor2D): void {
    this.step++;
    if (this.step % this.every !== 0) return;
    this.record(items);
    if (this.snapshots.length > MAX_SNAPSHOTS) {
      // Keep the first (initial) snapshot and every other one after it.
      for (let i = this.snapshots.length - 1; i >= 1; i--) {
        if (i % 2 === 1) {
          this.snapshots[i]!.dispose();
          this.snapshots.splice(i, 1);
          this.steps.splice(i, 1);
        }
      }
      this.every *= 2;
    }
  }

  private record(items: tf.Tensor2D): void {
    this.snapshots.push(items.clone());
    this.steps.push(this.step);
  }

  /** Cosine of each item to its initial value at every snapshot, and now. */
  async view(current: tf.Tensor2D): Promise<MemoryEvolutionView> {
    const withNow = this.steps[this.steps.length - 1] === this.step ? this.snapshots : [...this.snapshots, current];
    const steps = this.steps[this.steps.length - 1] === this.step ? this.steps : [...this.steps, this.step];
    const cos = tf.tidy(() => {
      const first = this.snapshots[0]!;
      // [S, M]: items are unit-norm, so the row-wise dot product is the cosine.
      return tf.stack(withNow.map((s) => s.mul(first).sum(1))).transpose();
    });
    const values = Float32Array.from(await cos.data());
    cos.dispose();
    return {
      kind: 'memoryEvolution',
      title: 'Cosine of each memory item to its initial value during training',
      steps: Float32Array.from(steps),
      values,
      items: current.shape[0],
    };
  }

  dispose(): void {
    tf.dispose(this.snapshots);
    this.snapshots.length = 0;
  }
}
