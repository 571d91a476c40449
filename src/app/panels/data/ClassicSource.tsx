import { CLASSIC_SETS, type ClassicSetId } from '../../../core/data/classic';
import { loadClassicSet } from '../../labClient';
import { useLab } from '../../store';

/** One-class MNIST and Fashion-MNIST: one class is normal, the others are the anomalies. */
export function ClassicSource() {
  const c = useLab((s) => s.classic);
  const set = useLab((s) => s.setClassic);
  const task = useLab((s) => s.dataTask);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.datasetLoading);
  const classes: readonly string[] = CLASSIC_SETS[c.set].classes;
  return (
    <div>
      <p className="muted small">
        Train on one class; test on held-out images of it plus images of the other nine as anomalies (MemAE’s protocol). The
        images are fetched the first time a set is chosen (MNIST 8 MB, Fashion-MNIST 52 MB).
      </p>
      <div className="form-grid">
        <label>
          Set
          <select aria-label="Classic set" value={c.set} onChange={(e) => set({ set: e.target.value as ClassicSetId })}>
            {(Object.keys(CLASSIC_SETS) as ClassicSetId[]).map((id) => (
              <option key={id} value={id}>
                {CLASSIC_SETS[id].title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Normal class
          <select aria-label="Normal class" value={c.normalClass} onChange={(e) => set({ normalClass: Number(e.target.value) })}>
            {classes.map((name, i) => (
              <option key={name} value={i}>
                {i} · {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Anomaly ratio
          <input
            aria-label="Anomaly ratio"
            type="number"
            min={0.05}
            max={0.9}
            step={0.05}
            value={c.anomalyRatio}
            onChange={(e) => set({ anomalyRatio: Math.min(0.9, Math.max(0.01, Number(e.target.value) || 0.3)) })}
          />
        </label>
        <label>
          Size
          <select aria-label="Classic size" value={c.size} onChange={(e) => set({ size: Number(e.target.value) })}>
            <option value={32}>32×32</option>
            <option value={64}>64×64</option>
          </select>
        </label>
      </div>
      <button type="button" disabled={busy} onClick={() => void loadClassicSet()}>
        {task && (task.phase === 'fetching' || task.phase === 'building')
          ? task.phase === 'fetching'
            ? `Fetching classes ${task.done}/${task.total}…`
            : 'Splitting…'
          : `Load ${CLASSIC_SETS[c.set].title} one-class`}
      </button>
    </div>
  );
}
