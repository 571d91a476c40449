import type { Confusion } from '../../../core/metrics/threshold';
import { useT } from '../../i18n';
import { fmt } from './MetricCards';

export type ScaleMode = 'centred' | 'raw';

/** A threshold slider over [min, max] with a button back to its F1-max value. */
export function ThresholdSlider(props: {
  label: string;
  help: string;
  value: number;
  min: number;
  max: number;
  best: number | null;
  onChange(v: number): void;
  testId: string;
}) {
  const { label, help, value, min, max, best, onChange, testId } = props;
  const step = (max - min) / 1000 || 1e-6;
  return (
    <div className="threshold">
      <label title={help}>
        <span>
          {label}: <strong data-testid={testId}>{fmt(value)}</strong>
        </span>
        <input aria-label={label} type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} />
      </label>
      <button type="button" className="secondary small-button" disabled={best === null || best === value} onClick={() => best !== null && onChange(best)}>
        F1-max
      </button>
    </div>
  );
}

/** Image-level confusion matrix at the slider's threshold, with the rates it implies. */
export function ConfusionMatrix({ c, threshold }: { c: Confusion; threshold: number }) {
  const t = useT();
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  const accuracy = (c.tp + c.tn) / Math.max(1, c.tp + c.tn + c.fp + c.fn);
  const rate = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  return (
    <div className="confusion">
      <table data-testid="confusion-matrix" aria-label={t('cm.label', { t: fmt(threshold) })}>
        <thead>
          <tr>
            <td />
            <th scope="col">{t('cm.calledNormal')}</th>
            <th scope="col">{t('cm.calledAnomalous')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('common.normal')}</th>
            <td className="cm-ok" title={t('cm.tn')}>{c.tn}</td>
            <td className="cm-bad" title={t('cm.fp')}>{c.fp}</td>
          </tr>
          <tr>
            <th scope="row">{t('common.anomalous')}</th>
            <td className="cm-bad" title={t('cm.fn')}>{c.fn}</td>
            <td className="cm-ok" title={t('cm.tp')}>{c.tp}</td>
          </tr>
        </tbody>
      </table>
      <p className="small muted">
        {t('cm.rates', { p: rate(precision), r: rate(recall), f: rate(f1), a: accuracy.toFixed(3) })}
      </p>
    </div>
  );
}

export function ScaleSwitch({ mode, onChange, name }: { mode: ScaleMode; onChange(m: ScaleMode): void; name: string }) {
  const t = useT();
  return (
    <fieldset className="switch">
      <legend>{t('scale.legend')}</legend>
      <label className="check">
        <input type="radio" name={name} checked={mode === 'centred'} onChange={() => onChange('centred')} />
        {t('scale.centred')}
      </label>
      <label className="check">
        <input type="radio" name={name} checked={mode === 'raw'} onChange={() => onChange('raw')} />
        {t('scale.raw')}
      </label>
    </fieldset>
  );
}
