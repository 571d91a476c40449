import type { ParamDef } from '../../core/methods/types';
import { useT } from '../i18n';
import { methodText } from '../i18n/methods';
import { usePrefs } from '../prefs';
import { useLab } from '../store';

export function MethodPanel() {
  const t = useT();
  const lang = usePrefs((s) => s.lang);
  const methods = useLab((s) => s.methods);
  const methodId = useLab((s) => s.methodId);
  const setMethodId = useLab((s) => s.setMethodId);
  const config = useLab((s) => s.methodConfigs[s.methodId]);
  const setParam = useLab((s) => s.setMethodParam);
  const reset = useLab((s) => s.resetMethodConfig);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const info = methods.find((m) => m.id === methodId);
  const text = info ? methodText(info, lang) : null;
  return (
    <section className="panel" aria-labelledby="method-title">
      <h2 id="method-title">{t('method.title')}</h2>
      <label>
        {t('method.method')}
        <select aria-label={t('method.method')} value={methodId} onChange={(e) => setMethodId(e.target.value)} disabled={busy}>
          {methods.map((m) => (
            <option key={m.id} value={m.id}>
              {methodText(m, lang).title}
            </option>
          ))}
        </select>
      </label>
      {info && text && config && (
        <>
          <div className="method-card">
            <p>{text.summary}</p>
            <div className="pros-cons">
              <ul aria-label={t('method.pros')}>
                {text.pros.map((p) => (
                  <li key={p} className="pro">
                    {p}
                  </li>
                ))}
              </ul>
              <ul aria-label={t('method.cons')}>
                {text.cons.map((c) => (
                  <li key={c} className="con">
                    {c}
                  </li>
                ))}
              </ul>
            </div>
            <p className="small">
              {t('method.paper')}{' '}
              <a lang="en" href={info.paper.url} target="_blank" rel="noreferrer noopener">
                {info.paper.title}
              </a>{' '}
              <span lang="en">({info.paper.venue})</span>
            </p>
          </div>
          <div className="form-grid">
            {info.params.map((p) => (
              <ParamControl key={p.key} def={{ ...p, ...text.params[p.key] }} value={config[p.key]} disabled={busy} onChange={(v) => setParam(p.key, v)} />
            ))}
          </div>
          <div className="row">
            <button type="button" className="secondary" disabled={busy} onClick={() => reset('defaults')}>
              {t('method.browserDefaults')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => reset('paper')}>
              {t('method.paperValues')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ParamControl(props: { def: ParamDef; value: unknown; disabled: boolean; onChange: (v: number | string | boolean) => void }) {
  const { def, value, disabled, onChange } = props;
  if (def.kind === 'choice') {
    return (
      <label title={def.help}>
        {def.label}
        <select aria-label={def.label} value={String(value)} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          {def.options.map((o) => (
            <option key={o} lang="en">
              {o}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (def.kind === 'bool') {
    return (
      <label title={def.help} className="check">
        <input aria-label={def.label} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
        {def.label}
      </label>
    );
  }
  return (
    <label title={def.help}>
      {def.label}
      <input
        aria-label={def.label}
        type="number"
        min={def.min}
        max={def.max}
        step={def.step ?? (def.kind === 'int' ? 1 : 'any')}
        value={Number(value)}
        disabled={disabled}
        onChange={(e) => {
          const n = Number(e.target.value);
          if (Number.isFinite(n)) onChange(def.kind === 'int' ? Math.round(n) : n);
        }}
      />
    </label>
  );
}
