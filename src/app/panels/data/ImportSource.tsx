import { FIT_MODES, WORKING_SIZES } from '../../../core/data/resize';
import { cancelImport, importDropped } from '../../labClient';
import { useLab } from '../../store';
import type { FlatChoice } from '../../store/dataSlice';
import { DropZone } from './DropZone';
import { ImportResult } from './ImportResult';

const FIT_TITLES: Record<string, string> = { stretch: 'stretch', crop: 'centre crop', pad: 'pad (letterbox)' };

/** Your own images: import settings, the drop zone, progress, and the outcome. */
export function ImportSource() {
  const settings = useLab((s) => s.importSettings);
  const set = useLab((s) => s.setImportSettings);
  const task = useLab((s) => s.dataTask);
  const details = useLab((s) => s.details);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const canAdd = details?.origin === 'user';
  const adding = settings.mode === 'add' && canAdd;

  return (
    <div className="import-source">
      <div className="form-grid">
        <label>
          Working size
          <select aria-label="Working size" value={adding ? details.size : settings.size} disabled={adding} onChange={(e) => set({ size: Number(e.target.value) })}>
            {WORKING_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}×{s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour
          <select aria-label="Import colour" value={adding ? details.channels : settings.channels} disabled={adding} onChange={(e) => set({ channels: Number(e.target.value) === 3 ? 3 : 1 })}>
            <option value={1}>gray</option>
            <option value={3}>RGB</option>
          </select>
        </label>
        <label>
          Fit
          <select aria-label="Fit" value={settings.fit} onChange={(e) => set({ fit: e.target.value as typeof settings.fit })}>
            {FIT_MODES.map((f) => (
              <option key={f} value={f}>
                {FIT_TITLES[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Import into
          <select aria-label="Import into" value={adding ? 'add' : 'new'} onChange={(e) => set({ mode: e.target.value === 'add' ? 'add' : 'new' })}>
            <option value="new">a new data set</option>
            <option value="add" disabled={!canAdd}>
              the open set{canAdd ? '' : ' (import one first)'}
            </option>
          </select>
        </label>
        <label>
          Loose images go to
          <select aria-label="Loose images go to" value={settings.flat} onChange={(e) => set({ flat: e.target.value as FlatChoice })}>
            <option value="train">train · normal</option>
            <option value="test-good">test · normal</option>
            <option value="test-anomalous">test · anomalous</option>
          </select>
        </label>
        {settings.flat === 'test-anomalous' ? (
          <label>
            Defect label
            <input aria-label="Defect label for loose images" value={settings.flatLabel} maxLength={60} onChange={(e) => set({ flatLabel: e.target.value })} />
          </label>
        ) : (
          <label>
            Name
            <input aria-label="Set name" value={settings.name} placeholder="from the folder or zip" maxLength={200} disabled={adding} onChange={(e) => set({ name: e.target.value })} />
          </label>
        )}
      </div>
      <p className="muted small">
        {adding
          ? `Adding to “${details.name}” at its ${details.size}×${details.size} ${details.channels === 1 ? 'gray' : 'RGB'}.`
          : 'Images are resized once, at import, and kept with the set in this browser. “Loose images” are those outside train/ and test/ folders.'}
      </p>
      <DropZone
        disabled={busy || task !== null}
        onReading={(found) => useLab.getState().setDataTask({ phase: 'reading', done: found, total: 0 })}
        onFiles={(files) => void importDropped(files)}
      />
      {task && task.phase !== 'fetching' && task.phase !== 'building' && (
        <div className="progress" data-testid="import-progress">
          <div className="progress-track">
            <div className="progress-fill" style={{ width: `${task.total ? Math.round((100 * task.done) / task.total) : 5}%` }} />
          </div>
          <span className="progress-text">
            {task.phase === 'reading'
              ? `Reading folders… ${task.done} files found`
              : task.phase === 'decoding'
                ? `Decoding and resizing ${task.done} / ${task.total}`
                : 'Saving to browser storage…'}{' '}
            {task.phase === 'decoding' && (
              <button type="button" className="link-button" onClick={() => void cancelImport()}>
                Cancel
              </button>
            )}
          </span>
        </div>
      )}
      <ImportResult />
    </div>
  );
}
