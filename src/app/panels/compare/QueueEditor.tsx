import { configDiff } from '../../../core/compare/board';
import type { Budget } from '../../../worker/protocol';
import { runCompareQueue, stopCompareQueue } from '../../labClient';
import { useLab } from '../../store';
import { useT, type MessageKey } from '../../i18n';
import { useMethodTitle } from '../../i18n/methods';
import { useEntryLabel } from '../../i18n/entry';
import { useMessageText } from '../../i18n/messages';

const BUDGET_LIMITS: Record<Budget['kind'], [number, number]> = { steps: [1, 100_000], seconds: [1, 86_400], epochs: [1, 1000] };

function budgetValue(b: Budget): number {
  return b.kind === 'steps' ? b.steps : b.kind === 'seconds' ? b.seconds : b.epochs;
}

function makeBudget(kind: Budget['kind'], value: number): Budget {
  const [lo, hi] = BUDGET_LIMITS[kind];
  const v = Math.min(hi, Math.max(lo, Math.round(Number.isFinite(value) ? value : lo)));
  return kind === 'steps' ? { kind, steps: v } : kind === 'seconds' ? { kind, seconds: v } : { kind, epochs: v };
}

/** The queue: methods with their settings, and what every run shares (budget, seed, batch). */
export function QueueEditor() {
  const t = useT();
  const entryLabel = useEntryLabel();
  const title = useMethodTitle();
  const methods = useLab((s) => s.methods);
  const methodId = useLab((s) => s.methodId);
  const config = useLab((s) => s.methodConfigs[s.methodId]);
  const queue = useLab((s) => s.queue);
  const add = useLab((s) => s.addToQueue);
  const remove = useLab((s) => s.removeFromQueue);
  const clear = useLab((s) => s.clearQueue);
  const budget = useLab((s) => s.compareBudget);
  const setBudget = useLab((s) => s.setCompareBudget);
  const seed = useLab((s) => s.compareSeed);
  const setSeed = useLab((s) => s.setCompareSeed);
  const batch = useLab((s) => s.compareBatch);
  const setBatch = useLab((s) => s.setCompareBatch);
  const status = useLab((s) => s.compareStatus);
  const trainBusy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const ready = useLab((s) => s.dataset !== null && s.backend !== null);
  const running = status === 'running';
  const info = methods.find((m) => m.id === methodId);

  const addCurrent = () => {
    if (!info || !config) return;
    const diff = configDiff(config, info.defaults);
    add({ method: info.id, config: { ...config }, label: diff ? `${info.id} · ${diff}` : `${info.id} (defaults)` });
  };

  return (
    <div className="queue">
      <p className="muted small">{t('queue.intro')}</p>
      <div className="row">
        <button type="button" className="secondary" onClick={addCurrent} disabled={!info || running}>
          {t('queue.add', { method: info ? title(info.id, methods) : t('queue.method') })}
        </button>
        <button type="button" className="secondary" onClick={clear} disabled={queue.length === 0 || running}>
          {t('queue.clear')}
        </button>
      </div>
      {queue.length > 0 ? (
        <ol className="queue-list" data-testid="compare-queue">
          {queue.map((e) => (
            <li key={e.key}>
              <span>{entryLabel(e.label)}</span>
              <button type="button" className="link-button" onClick={() => remove(e.key)} disabled={running} aria-label={t('queue.removeLabel', { label: entryLabel(e.label) })}>
                {t('queue.remove')}
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">{t('queue.empty')}</p>
      )}
      <div className="form-grid four">
        <label>
          {t('queue.budget')}
          <select aria-label={t('queue.budgetKind')} value={budget.kind} disabled={running} onChange={(e) => setBudget(makeBudget(e.target.value as Budget['kind'], budgetValue(budget)))}>
            <option value="steps">{t('queue.steps')}</option>
            <option value="seconds">{t('queue.seconds')}</option>
            <option value="epochs">{t('queue.epochs')}</option>
          </select>
        </label>
        <label>
          {budget.kind === 'steps' ? t('queue.stepsPer') : budget.kind === 'seconds' ? t('queue.secondsPer') : t('queue.epochsPer')}
          <input
            aria-label={t('queue.budgetPer')}
            type="number"
            min={BUDGET_LIMITS[budget.kind][0]}
            max={BUDGET_LIMITS[budget.kind][1]}
            value={budgetValue(budget)}
            disabled={running}
            onChange={(e) => setBudget(makeBudget(budget.kind, Number(e.target.value)))}
          />
        </label>
        <label>
          {t('train.seed')}
          <input aria-label={t('queue.seed')} type="number" min={0} value={seed} disabled={running} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
        </label>
        <label>
          {t('train.batch')}
          <input aria-label={t('queue.batch')} type="number" min={1} max={256} value={batch} disabled={running} onChange={(e) => setBatch(Math.min(256, Math.max(1, Math.floor(Number(e.target.value) || 1))))} />
        </label>
      </div>
      <div className="row">
        <button type="button" onClick={() => void runCompareQueue()} disabled={running || trainBusy || !ready || queue.length === 0}>
          {t('queue.run')}
        </button>
        <button type="button" className="secondary" onClick={() => void stopCompareQueue()} disabled={!running}>
          {t('queue.stop')}
        </button>
        {trainBusy && !running && <span className="muted small">{t('queue.waits')}</span>}
      </div>
      <QueueProgress />
    </div>
  );
}

function QueueProgress() {
  const t = useT();
  const entryLabel = useEntryLabel();
  const msg = useMessageText();
  const p = useLab((s) => s.compareProgress);
  const status = useLab((s) => s.compareStatus);
  const message = useLab((s) => s.compareMessage);
  const board = useLab((s) => s.board);
  if (status === 'idle') return null;
  const label = p ? entryLabel(board?.entries.find((e) => e.key === p.key)?.label ?? p.key) : '';
  const overall = p ? (p.index + p.fraction) / p.total : status === 'done' ? 1 : 0;
  const text = p
    ? t('queue.progress', {
        i: p.index + 1,
        n: p.total,
        label,
        what: p.phase === 'scoring' ? t('queue.scoring') : t('queue.stepAt', { step: p.step, s: (p.elapsedMs / 1000).toFixed(0) }),
      })
    : status === 'running'
      ? t('header.starting')
      : t('queue.finished', { done: board?.results.length ?? 0, total: board?.entries.length ?? 0 });
  return (
    <div className="progress" data-testid="compare-progress">
      <div className="progress-track" role="progressbar" aria-label={t('queue.progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(overall * 100)}>
        <div className="progress-fill" style={{ width: `${(overall * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-text">
        <span className={`state state-${status}`}>{t(`state.${status}` as MessageKey)}</span> {text}
      </span>
      {message && <p className={status === 'error' ? 'error' : 'muted'}>{msg(message)}</p>}
    </div>
  );
}
