import { useRef } from 'react';
import { importRunFile } from '../labClient';
import { useT } from '../i18n';
import { useMessageText } from '../i18n/messages';
import { useLab } from '../store';
import { RunRow } from './runs/RunRow';

/**
 * Saved runs: every trained run is kept in this browser with its weights, settings, loss curve and
 * metrics. Open one to see its results again without training, export it as a .zip, import one.
 */
export function RunsPanel() {
  const t = useT();
  const msg = useMessageText();
  const runs = useLab((s) => s.savedRuns);
  const error = useLab((s) => s.runsError);
  const datasetId = useLab((s) => s.dataset?.id ?? null);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.compareStatus === 'running');
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <section className="panel runs-panel" aria-labelledby="runs-title">
      <h2 id="runs-title">{t('runs.title')}</h2>
      <p className="muted small">{t('runs.intro')}</p>
      <div className="row align-center">
        <button type="button" className="secondary small-button" onClick={() => fileInput.current?.click()}>
          {t('runs.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".zip,application/zip"
          aria-label={t('runs.importFile')}
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importRunFile(file);
          }}
        />
        <span className="muted small">{t('runs.checked')}</span>
      </div>
      {error && (
        <p className="error small" role="alert" data-testid="runs-error">
          {msg(error)}
        </p>
      )}
      {runs === null ? (
        <p className="muted">{t('runs.reading')}</p>
      ) : runs.length === 0 ? (
        <p className="muted placeholder" data-testid="no-runs">
          {t('runs.none')}
        </p>
      ) : (
        <ul className="saved-list" aria-label={t('runs.title')}>
          {runs.map((r) => (
            <RunRow key={r.id} info={r} busy={busy} sameData={r.dataset.id === datasetId} />
          ))}
        </ul>
      )}
    </section>
  );
}
