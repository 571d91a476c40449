import { BACKEND_ORDER, type BackendName } from '../../core/backend/names';
import { useT } from '../i18n';
import { adapterText, choiceText } from '../i18n/labels';
import { switchBackend } from '../labClient';
import { useLab } from '../store';

export function Header() {
  const t = useT();
  const backend = useLab((s) => s.backend);
  const error = useLab((s) => s.backendError);
  const choice = useLab((s) => s.backendChoice);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const skipped = backend?.skipped.map((s) => `${s.name}: ${s.reason}`).join('\n');
  return (
    <header className="header">
      <div>
        <h1>ReconLab</h1>
        <p className="tagline">{t('header.tagline')}</p>
      </div>
      <div className="backend">
        <span className="backend-badge" data-testid="backend" title={skipped || undefined} lang="en">
          {backend ? `${backend.name}${backend.adapter ? ` · ${adapterText(t, backend.adapter)}` : ''}` : error ? t('header.noBackend') : t('header.starting')}
        </span>
        {backend?.software && (backend.name === 'webgpu' || backend.name === 'webgl') && (
          <span className="hint" title={t('header.softwareHelp')}>
            {t('header.software')}
          </span>
        )}
        {backend?.choice && (
          <span
            className="hint"
            data-testid="backend-choice"
            title={`${t('header.choiceHelp')}${backend.choice.adapter ? ` (${backend.choice.adapter})` : ''}`}
          >
            {choiceText(t, backend.choice)}
          </span>
        )}
        <label>
          {t('header.backend')}{' '}
          <select
            value={choice}
            disabled={busy}
            onChange={(e) => void switchBackend(e.target.value as BackendName | 'auto')}
            aria-label={t('header.force')}
          >
            <option value="auto">{t('header.auto')}</option>
            {BACKEND_ORDER.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        {error && <span className="error">{error}</span>}
      </div>
    </header>
  );
}

