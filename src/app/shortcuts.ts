import { useEffect } from 'react';
import { pause, pauseSlowMotion, playSlowMotion, resume, stepOnce, train } from './labClient';
import { useLab } from './store';

/**
 * Keyboard shortcuts, all with Alt so that typing in a field never triggers one (and single keys
 * stay free for screen readers): Alt+T trains, Alt+P pauses or resumes (training or slow motion),
 * Alt+S takes one step, Alt+M plays slow motion. `code` is used, so the layout does not matter.
 */
export const SHORTCUTS = [
  { keys: 'Alt+T', action: 'shortcut.train' },
  { keys: 'Alt+P', action: 'shortcut.pause' },
  { keys: 'Alt+S', action: 'shortcut.step' },
  { keys: 'Alt+M', action: 'shortcut.slow' },
] as const;

function handle(e: KeyboardEvent): void {
  if (!e.altKey || e.ctrlKey || e.metaKey) return;
  const s = useLab.getState();
  const training = s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating';
  const stepping = s.stepStatus === 'stepping' || s.stepStatus === 'playing';
  const ready = s.dataset !== null && s.backend !== null && s.compareStatus !== 'running';
  switch (e.code) {
    case 'KeyT':
      if (!training && !stepping && ready) void train();
      break;
    case 'KeyP':
      if (s.stepStatus === 'playing') pauseSlowMotion();
      else if (s.runState === 'training') void pause();
      else if (s.runState === 'paused') void resume();
      else return;
      break;
    case 'KeyS':
      if (!training && !stepping && ready) void stepOnce();
      break;
    case 'KeyM':
      if (!training && !stepping && ready) void playSlowMotion();
      break;
    default:
      return;
  }
  e.preventDefault();
}

export function useShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', handle);
    return () => window.removeEventListener('keydown', handle);
  }, []);
}
