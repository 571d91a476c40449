import { FIT_MODES, WORKING_SIZES } from '../../../core/data/resize';
import { cancelImport, importDropped } from '../../labClient';
import { useT } from '../../i18n';
import { useLab } from '../../store';
import type { FlatChoice } from '../../store/dataSlice';
import { DropZone } from './DropZone';
import { ImportResult } from './ImportResult';

/** Your own images: import settings, the drop zone, progress, and the outcome. */
export function ImportSource() {
  const t = useT();
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
          {t('import.size')}
          <select aria-label={t('import.size')} value={adding ? details.size : settings.size} disabled={adding} onChange={(e) => set({ size: Number(e.target.value) })}>
            {WORKING_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}×{s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('builtin.colour')}
          <select aria-label={t('import.colourLabel')} value={adding ? details.channels : settings.channels} disabled={adding} onChange={(e) => set({ channels: Number(e.target.value) === 3 ? 3 : 1 })}>
            <option value={1}>{t('data.gray')}</option>
            <option value={3}>RGB</option>
          </select>
        </label>
        <label>
          {t('import.fit')}
          <select aria-label={t('import.fit')} value={settings.fit} onChange={(e) => set({ fit: e.target.value as typeof settings.fit })}>
            {FIT_MODES.map((f) => (
              <option key={f} value={f}>
                {t(`fit.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('import.into')}
          <select aria-label={t('import.into')} value={adding ? 'add' : 'new'} onChange={(e) => set({ mode: e.target.value === 'add' ? 'add' : 'new' })}>
            <option value="new">{t('import.intoNew')}</option>
            <option value="add" disabled={!canAdd}>
              {t('import.intoOpen')}
              {canAdd ? '' : t('import.importFirst')}
            </option>
          </select>
        </label>
        <label>
          {t('import.flat')}
          <select aria-label={t('import.flat')} value={settings.flat} onChange={(e) => set({ flat: e.target.value as FlatChoice })}>
            <option value="train">{t('gallery.trainNormal')}</option>
            <option value="test-good">{t('gallery.testNormal')}</option>
            <option value="test-anomalous">{t('gallery.testAnomalous')}</option>
          </select>
        </label>
        {settings.flat === 'test-anomalous' ? (
          <label>
            {t('import.defect')}
            <input aria-label={t('import.defectLabel')} value={settings.flatLabel} maxLength={60} onChange={(e) => set({ flatLabel: e.target.value })} />
          </label>
        ) : (
          <label>
            {t('import.name')}
            <input aria-label={t('import.nameLabel')} value={settings.name} placeholder={t('import.namePlaceholder')} maxLength={200} disabled={adding} onChange={(e) => set({ name: e.target.value })} />
          </label>
        )}
      </div>
      <p className="muted small">
        {adding
          ? t('import.adding', { name: details.name, size: details.size, colour: details.channels === 1 ? t('data.gray') : 'RGB' })
          : t('import.hint')}
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
              ? t('import.reading', { n: task.done })
              : task.phase === 'decoding'
                ? t('import.decoding', { done: task.done, total: task.total })
                : t('import.saving')}{' '}
            {task.phase === 'decoding' && (
              <button type="button" className="link-button" onClick={() => void cancelImport()}>
                {t('common.cancel')}
              </button>
            )}
          </span>
        </div>
      )}
      <ImportResult />
    </div>
  );
}
