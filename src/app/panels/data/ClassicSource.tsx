import { CLASSIC_SETS, type ClassicSetId } from '../../../core/data/classic';
import { loadClassicSet } from '../../labClient';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { useLab } from '../../store';

/** One-class MNIST and Fashion-MNIST: one class is normal, the others are the anomalies. */
export function ClassicSource() {
  const t = useT();
  const c = useLab((s) => s.classic);
  const set = useLab((s) => s.setClassic);
  const task = useLab((s) => s.dataTask);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.datasetLoading);
  const classes: readonly string[] = CLASSIC_SETS[c.set].classes;
  return (
    <div>
      <p className="muted small">{t('classic.intro')}</p>
      <div className="form-grid">
        <label>
          {t('classic.set')}
          <select aria-label={t('classic.setLabel')} value={c.set} onChange={(e) => set({ set: e.target.value as ClassicSetId })}>
            {(Object.keys(CLASSIC_SETS) as ClassicSetId[]).map((id) => (
              <option key={id} value={id}>
                {CLASSIC_SETS[id].title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('classic.normal')}
          <select aria-label={t('classic.normal')} value={c.normalClass} onChange={(e) => set({ normalClass: Number(e.target.value) })}>
            {classes.map((name, i) => (
              <option key={name} value={i}>
                {i} · {className(t, c.set, name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('classic.ratio')}
          <input
            aria-label={t('classic.ratio')}
            type="number"
            min={0.05}
            max={0.9}
            step={0.05}
            value={c.anomalyRatio}
            onChange={(e) => set({ anomalyRatio: Math.min(0.9, Math.max(0.01, Number(e.target.value) || 0.3)) })}
          />
        </label>
        <label>
          {t('builtin.size')}
          <select aria-label={t('classic.size')} value={c.size} onChange={(e) => set({ size: Number(e.target.value) })}>
            <option value={32}>32×32</option>
            <option value={64}>64×64</option>
          </select>
        </label>
      </div>
      <button type="button" disabled={busy} onClick={() => void loadClassicSet()}>
        {task && (task.phase === 'fetching' || task.phase === 'building')
          ? task.phase === 'fetching'
            ? t('classic.fetching', { done: task.done, total: task.total })
            : t('classic.splitting')
          : t('classic.load', { set: CLASSIC_SETS[c.set].title })}
      </button>
    </div>
  );
}

/** MNIST classes are digits; Fashion-MNIST classes have names, translated. */
function className(t: Translate, set: string, name: string): string {
  if (set === 'mnist') return t('classic.digit', { n: name.replace('digit-', '') });
  const key = `fashion.${name}` as MessageKey;
  return t(key);
}
