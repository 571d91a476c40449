import { useMemo } from 'react';
import { LinePlot } from '../components/LinePlot';
import { pause, resume, stop, train } from '../labClient';
import { useLab } from '../store';
import { TrainingAlerts } from './runs/TrainingAlerts';

const TERM_COLOURS = ['#3b5bdb', '#e8590c', '#2f9e44', '#ae3ec9', '#1098ad'];

export function TrainingPanel() {
  const cfg = useLab((s) => s.train);
  const setTrain = useLab((s) => s.setTrain);
  const state = useLab((s) => s.runState);
  const message = useLab((s) => s.runMessage);
  const dataset = useLab((s) => s.dataset);
  const backend = useLab((s) => s.backend);
  const running = state === 'training' || state === 'paused' || state === 'evaluating';
  const comparing = useLab((s) => s.compareStatus === 'running');
  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">3 · Train</h2>
      <TrainingAlerts />
      <div className="form-grid four">
        <label>
          Epochs
          <input aria-label="Epochs" type="number" min={1} max={1000} value={cfg.epochs} disabled={running} onChange={(e) => setTrain({ epochs: clampInt(e.target.value, 1, 1000) })} />
        </label>
        <label>
          Batch size
          <input aria-label="Batch size" type="number" min={1} max={256} value={cfg.batchSize} disabled={running} onChange={(e) => setTrain({ batchSize: clampInt(e.target.value, 1, 256) })} />
        </label>
        <label>
          Seed
          <input aria-label="Training seed" type="number" min={0} value={cfg.seed} disabled={running} onChange={(e) => setTrain({ seed: clampInt(e.target.value, 0, 2 ** 31) })} />
        </label>
        <label title="Stop after this many steps even if epochs remain (0: no limit). Handy for quick looks.">
          Step limit
          <input aria-label="Step limit" type="number" min={0} max={1000000} value={cfg.maxSteps ?? 0} disabled={running} onChange={(e) => setTrain({ maxSteps: clampInt(e.target.value, 0, 1000000) || undefined })} />
        </label>
        <label title="Losses are read back from the GPU once every N steps; each readback stalls it.">
          Loss readback every
          <input aria-label="Loss readback every" type="number" min={1} max={100} value={cfg.lossEvery} disabled={running} onChange={(e) => setTrain({ lossEvery: clampInt(e.target.value, 1, 100) })} />
        </label>
      </div>
      <div className="row">
        <button type="button" onClick={() => void train()} disabled={running || comparing || !dataset || !backend}>
          Train
        </button>
        {state === 'paused' ? (
          <button type="button" className="secondary" onClick={() => void resume()}>
            Resume
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => void pause()} disabled={state !== 'training'}>
            Pause
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void stop()} disabled={state !== 'training' && state !== 'paused'}>
          Stop
        </button>
      </div>
      <ProgressBar />
      {message && <p className={state === 'error' ? 'error' : 'muted'}>{message}</p>}
      <LossPlot />
    </section>
  );
}

function clampInt(v: string, lo: number, hi: number): number {
  const n = Math.round(Number(v));
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

function ProgressBar() {
  const p = useLab((s) => s.progress);
  const state = useLab((s) => s.runState);
  const fraction = p ? p.step / Math.max(1, p.totalSteps) : 0;
  const text = !p
    ? state === 'training'
      ? 'compiling shaders and taking the first step…'
      : 'not started'
    : state === 'evaluating'
      ? `step ${p.step}/${p.totalSteps} · scoring the test set…`
      : `step ${p.step}/${p.totalSteps} · epoch ${p.epoch}/${p.epochs} · ${state === 'training' || state === 'paused' ? `${formatDuration(p.etaMs)} left` : `${formatDuration(p.elapsedMs)} in all`}`;
  return (
    <div className="progress" data-testid="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={p?.totalSteps ?? 0}
        aria-valuenow={p?.step ?? 0}
      >
        <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-text">
        <span className={`state state-${state}`}>{state}</span> {text}
      </span>
    </div>
  );
}

function LossPlot() {
  const losses = useLab((s) => s.losses);
  const traces = useMemo(
    () =>
      Object.entries(losses.terms).map(([name, values], i) => ({
        x: losses.steps,
        y: values,
        name,
        type: 'scatter' as const,
        mode: 'lines' as const,
        line: { color: TERM_COLOURS[i % TERM_COLOURS.length]!, width: 2 },
      })),
    [losses],
  );
  return losses.steps.length === 0 ? (
    <p className="muted placeholder">The loss curve appears here as the model trains.</p>
  ) : (
    <div data-testid="loss-plot">
      <LinePlot traces={traces} xTitle="step" yTitle="loss" label="Training loss per step" logY />
    </div>
  );
}
