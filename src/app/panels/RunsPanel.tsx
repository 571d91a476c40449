import { useRef } from 'react';
import { importRunFile } from '../labClient';
import { useLab } from '../store';
import { RunRow } from './runs/RunRow';

/**
 * Saved runs: every trained run is kept in this browser with its weights, settings, loss curve and
 * metrics. Open one to see its results again without training, export it as a .zip, import one.
 */
export function RunsPanel() {
  const runs = useLab((s) => s.savedRuns);
  const error = useLab((s) => s.runsError);
  const datasetId = useLab((s) => s.dataset?.id ?? null);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.compareStatus === 'running');
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <section className="panel runs-panel" aria-labelledby="runs-title">
      <h2 id="runs-title">Saved runs</h2>
      <p className="muted small">
        Every trained run stays in this browser with its weights. Open one to see its results again without training, or export it as a .zip (run.json + TF.js
        weights) to share.
      </p>
      <div className="row align-center">
        <button type="button" className="secondary small-button" onClick={() => fileInput.current?.click()}>
          Import a run…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".zip,application/zip"
          aria-label="Import a run file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importRunFile(file);
          }}
        />
        <span className="muted small">checked in full before anything is kept</span>
      </div>
      {error && (
        <p className="error small" role="alert" data-testid="runs-error">
          {error}
        </p>
      )}
      {runs === null ? (
        <p className="muted">Reading saved runs…</p>
      ) : runs.length === 0 ? (
        <p className="muted placeholder" data-testid="no-runs">
          No saved runs yet: train a model, and it appears here.
        </p>
      ) : (
        <ul className="saved-list" aria-label="Saved runs">
          {runs.map((r) => (
            <RunRow key={r.id} info={r} busy={busy} sameData={r.dataset.id === datasetId} />
          ))}
        </ul>
      )}
    </section>
  );
}
