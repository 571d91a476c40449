import { discardCheckpoint, resumeCheckpoint } from '../../labClient';
import { useT } from '../../i18n';
import { useMessageText } from '../../i18n/messages';
import { useLab } from '../../store';

/** Above the training controls: faults the lab handled, and a checkpoint that can be resumed. */
export function TrainingAlerts() {
  return (
    <>
      <Notices />
      <ResumeBanner />
    </>
  );
}

function Notices() {
  const t = useT();
  const msg = useMessageText();
  const notices = useLab((s) => s.notices);
  const dismiss = useLab((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" role="status" aria-label={t('notices.label')}>
      {notices.map((n) => (
        <li key={n.id} className={`notice ${n.level}`} data-testid="notice">
          <span>{msg(n.text)}</span>
          <button type="button" className="link-button" aria-label={t('notices.dismiss')} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function ResumeBanner() {
  const t = useT();
  const cp = useLab((s) => s.checkpoint);
  const running = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.compareStatus === 'running');
  const ready = useLab((s) => s.backend !== null);
  if (!cp || running) return null;
  return (
    <div className="hint-box resume-banner" data-testid="resume-banner">
      <p>
        {t('resume.text', { step: cp.step, total: cp.totalSteps, method: cp.method, data: cp.dataset.name, when: new Date(cp.savedAt).toLocaleString() })}
      </p>
      <div className="row">
        <button type="button" className="small-button" disabled={!ready} onClick={() => void resumeCheckpoint()}>
          {t('resume.button', { step: cp.step })}
        </button>
        <button type="button" className="secondary small-button" onClick={() => void discardCheckpoint()}>
          {t('resume.discard')}
        </button>
      </div>
      <p className="muted small">{t('resume.note')}</p>
    </div>
  );
}
