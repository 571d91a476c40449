import { discardCheckpoint, resumeCheckpoint } from '../../labClient';
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
  const notices = useLab((s) => s.notices);
  const dismiss = useLab((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" role="status" aria-label="Notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice ${n.level}`} data-testid="notice">
          <span>{n.text}</span>
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function ResumeBanner() {
  const cp = useLab((s) => s.checkpoint);
  const running = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.compareStatus === 'running');
  const ready = useLab((s) => s.backend !== null);
  if (!cp || running) return null;
  return (
    <div className="hint-box resume-banner" data-testid="resume-banner">
      <p>
        An unfinished run was checkpointed at step <b>{cp.step}</b> of {cp.totalSteps}: {cp.method} on {cp.dataset.name}, {new Date(cp.savedAt).toLocaleString()}.
      </p>
      <div className="row">
        <button type="button" className="small-button" disabled={!ready} onClick={() => void resumeCheckpoint()}>
          Resume training from step {cp.step}
        </button>
        <button type="button" className="secondary small-button" onClick={() => void discardCheckpoint()}>
          Discard
        </button>
      </div>
      <p className="muted small">Weights, step and loss curve come back; the optimiser&apos;s moment estimates start again.</p>
    </div>
  );
}
