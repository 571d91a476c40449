import type { TrainConfig } from '../train/engine';

/** What every run of a comparison gets: the same number of steps, seconds or epochs. */
export type Budget = { kind: 'steps'; steps: number } | { kind: 'seconds'; seconds: number } | { kind: 'epochs'; epochs: number };

/** Epochs that never bind before a step or time cap does. */
const UNBOUNDED_EPOCHS = 1_000_000;

/** The budget as trainer settings over `base` (batch size, seed, readbacks). */
export function budgetToTrain(budget: Budget, base: TrainConfig): TrainConfig {
  const { maxSteps: _s, maxSeconds: _t, ...rest } = base;
  void _s;
  void _t;
  if (budget.kind === 'epochs') return { ...rest, epochs: budget.epochs };
  if (budget.kind === 'steps') return { ...rest, epochs: UNBOUNDED_EPOCHS, maxSteps: budget.steps };
  return { ...rest, epochs: UNBOUNDED_EPOCHS, maxSeconds: budget.seconds };
}

export function describeBudget(b: Budget): string {
  if (b.kind === 'steps') return `${b.steps} steps`;
  if (b.kind === 'seconds') return `${b.seconds} s`;
  return `${b.epochs} epochs`;
}
