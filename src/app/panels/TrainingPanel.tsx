import { useMemo } from 'react';
import { LinePlot } from '../components/LinePlot';
import { LiveLinePlot } from '../components/LiveLinePlot';
import { useT, type MessageKey } from '../i18n';
import { termText } from '../i18n/labels';
import { useMessageText } from '../i18n/messages';
import { pause, resume, stop, train } from '../labClient';
import { useLab } from '../store';
import { TrainingAlerts } from './runs/TrainingAlerts';

const TERM_COLOURS = ['#3b5bdb', '#e8590c', '#2f9e44', '#ae3ec9', '#1098ad'];

export function TrainingPanel() {
  const t = useT();
  const msg = useMessageText();
  const cfg = useLab((s) => s.train);
  const setTrain = useLab((s) => s.setTrain);
  const state = useLab((s) => s.runState);
  const message = useLab((s) => s.runMessage);
  const dataset = useLab((s) => s.dataset);
  const backend = useLab((s) => s.backend);
  const running = state === 'training' || state === 'paused' || state === 'evaluating';
  const comparing = useLab((s) => s.compareStatus === 'running');
  const stepping = useLab((s) => s.stepStatus === 'stepping' || s.stepStatus === 'playing');
  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">{t('train.title')}</h2>
      <TrainingAlerts />
      <div className="form-grid four">
        <label>
          {t('train.epochs')}
          <input aria-label={t('train.epochs')} type="number" min={1} max={1000} value={cfg.epochs} disabled={running} onChange={(e) => setTrain({ epochs: clampInt(e.target.value, 1, 1000) })} />
        </label>
        <label>
          {t('train.batch')}
          <input aria-label={t('train.batch')} type="number" min={1} max={256} value={cfg.batchSize} disabled={running} onChange={(e) => setTrain({ batchSize: clampInt(e.target.value, 1, 256) })} />
        </label>
        <label>
          {t('train.seed')}
          <input aria-label={t('train.seedLabel')} type="number" min={0} value={cfg.seed} disabled={running} onChange={(e) => setTrain({ seed: clampInt(e.target.value, 0, 2 ** 31) })} />
        </label>
        <label title={t('train.stepLimitHelp')}>
          {t('train.stepLimit')}
          <input aria-label={t('train.stepLimit')} type="number" min={0} max={1000000} value={cfg.maxSteps ?? 0} disabled={running} onChange={(e) => setTrain({ maxSteps: clampInt(e.target.value, 0, 1000000) || undefined })} />
        </label>
        <label title={t('train.everyHelp')}>
          {t('train.every')}
          <input aria-label={t('train.every')} type="number" min={1} max={100} value={cfg.lossEvery} disabled={running} onChange={(e) => setTrain({ lossEvery: clampInt(e.target.value, 1, 100) })} />
        </label>
      </div>
      <div className="row">
        <button type="button" onClick={() => void train()} disabled={running || comparing || stepping || !dataset || !backend} aria-keyshortcuts="Alt+T">
          {t('train.train')}
        </button>
        {state === 'paused' ? (
          <button type="button" className="secondary" onClick={() => void resume()} aria-keyshortcuts="Alt+P">
            {t('train.resume')}
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => void pause()} disabled={state !== 'training'} aria-keyshortcuts="Alt+P">
            {t('train.pause')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void stop()} disabled={state !== 'training' && state !== 'paused'}>
          {t('train.stop')}
        </button>
      </div>
      <ProgressBar />
      {message && <p className={state === 'error' ? 'error' : 'muted'}>{msg(message)}</p>}
      <LossPlot />
    </section>
  );
}

function clampInt(v: string, lo: number, hi: number): number {
  const n = Math.round(Number(v));
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}

function formatDuration(ms: number, t: ReturnType<typeof useT>): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? t('time.minSec', { m, s: String(s % 60).padStart(2, '0') }) : t('time.sec', { s });
}

function ProgressBar() {
  const t = useT();
  const p = useLab((s) => s.progress);
  const state = useLab((s) => s.runState);
  const fraction = p ? p.step / Math.max(1, p.totalSteps) : 0;
  const text = !p
    ? state === 'training'
      ? t('train.compiling')
      : t('train.notStarted')
    : state === 'evaluating'
      ? t('train.scoring', { step: p.step, total: p.totalSteps })
      : t('train.progress', {
          step: p.step,
          total: p.totalSteps,
          epoch: p.epoch,
          epochs: p.epochs,
          time: state === 'training' || state === 'paused' ? t('train.left', { d: formatDuration(p.etaMs, t) }) : t('train.inAll', { d: formatDuration(p.elapsedMs, t) }),
        });
  return (
    <div className="progress" data-testid="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t('train.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={p?.totalSteps ?? 0}
        aria-valuenow={p?.step ?? 0}
      >
        <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-text">
        <span className={`state state-${state}`}>{t(`state.${state}` as MessageKey)}</span> {text}
      </span>
      {p?.tensors !== undefined && (
        <span className="progress-text muted small" data-testid="tensor-memory" title={t('train.memoryHelp')}>
          {t('train.memory', { n: p.tensors, mb: ((p.tensorBytes ?? 0) / 2 ** 20).toFixed(1) })}
        </span>
      )}
    </div>
  );
}

function LossPlot() {
  const t = useT();
  const losses = useLab((s) => s.losses);
  // While training runs the curve is drawn on a canvas (cheap); plotly takes over when it ends.
  const live = useLab((s) => s.runState === 'training' || s.runState === 'paused');
  const traces = useMemo(
    () =>
      Object.entries(losses.terms).map(([name, values], i) => ({
        x: losses.steps,
        y: values,
        name: termText(t, name),
        type: 'scatter' as const,
        mode: 'lines' as const,
        line: { color: TERM_COLOURS[i % TERM_COLOURS.length]!, width: 2 },
      })),
    [losses, t],
  );
  return losses.steps.length === 0 ? (
    <p className="muted placeholder">{t('train.lossPlaceholder')}</p>
  ) : (
    <div data-testid="loss-plot">
      {live ? (
        <LiveLinePlot traces={traces} xTitle={t('train.axisStep')} yTitle={t('train.axisLoss')} label={t('train.lossLabel')} logY />
      ) : (
        <LinePlot traces={traces} xTitle={t('train.axisStep')} yTitle={t('train.axisLoss')} label={t('train.lossLabel')} logY />
      )}
    </div>
  );
}
