import { useState } from 'react';
import type { SavedRunInfo } from '../../../worker/runsProtocol';
import { deleteRun, exportRun, openRun } from '../../labClient';
import { useLab } from '../../store';
import { useT } from '../../i18n';
import { useMessageText } from '../../i18n/messages';
import { OpenedRunNote } from './OpenedRunNote';
import { datasetNameText } from '../../i18n/labels';
import { useMethodTitle } from '../../i18n/methods';
import { usePrefs, type Lang } from '../../prefs';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(3));

function whenText(ms: number, lang: Lang): string {
  const d = new Date(ms);
  // English follows the browser's own date style; Chinese writes Chinese dates.
  const locale = lang === 'zh' ? 'zh-CN' : undefined;
  return `${d.toLocaleDateString(locale, { month: 'short', day: 'numeric' })} ${d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })}`;
}

/** One saved run: what it is, its headline metrics, and open / export / delete. */
export function RunRow({ info, busy, sameData }: { info: SavedRunInfo; busy: boolean; sameData: boolean }) {
  const t = useT();
  const msg = useMessageText();
  const [confirming, setConfirming] = useState(false);
  const lang = usePrefs((s) => s.lang);
  const methods = useLab((s) => s.methods);
  const methodTitle = useMethodTitle();
  const title = methodTitle(info.method, methods);
  const when = (ms: number) => whenText(ms, lang);
  const opened = useLab((s) => (s.openedRun?.id === info.id ? s.openedRun : null));
  const imported = useLab((s) => s.lastImported === info.id);
  const m = info.metrics;
  return (
    <li className={`saved-set run-row${opened ? ' open' : ''}`} data-testid="saved-run" data-run-id={info.id} data-metrics={JSON.stringify(m)}>
      <div className="saved-head">
        <strong className="saved-name">{title}</strong>
        {info.origin === 'imported' && <span className="tag">{imported ? t('run.justImported') : t('run.imported')}</span>}
        {!sameData && <span className="tag" title={t('run.otherDataHelp')}>
            {t('run.otherData')}
          </span>}
      </div>
      <p className="muted small run-meta">
        {datasetNameText(t, info.dataset.id, info.dataset.name)} · {t('run.steps', { n: info.steps })} · {info.backend} · {when(info.createdAt)}
      </p>
      <p className="small run-metrics">
        {t('run.imageAuroc')} <b>{fmt(m?.imageAUROC)}</b> · {t('run.pixelAuroc')} <b>{fmt(m?.pixelAUROC)}</b> · AUPRO <b>{fmt(m?.aupro)}</b>
      </p>
      {info.notes.length > 0 && (
        <ul className="run-notes small muted">
          {info.notes.map((n) => (
            <li key={n}>{msg(n)}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="small-button" disabled={busy || opened?.mode === 'opening'} onClick={() => void openRun(info.id)} aria-label={t('run.openLabel', { title, when: when(info.createdAt) })}>
          {t('run.open')}
        </button>
        <button type="button" className="secondary small-button" onClick={() => void exportRun(info.id)} aria-label={t('run.exportLabel', { title, when: when(info.createdAt) })}>
          {t('run.export')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger small-button" onClick={() => void deleteRun(info.id)}>
              {t('run.deleteForGood')}
            </button>
            <button type="button" className="secondary small-button" onClick={() => setConfirming(false)}>
              {t('run.keep')}
            </button>
          </>
        ) : (
          <button type="button" className="secondary small-button" onClick={() => setConfirming(true)}>
            {t('run.delete')}
          </button>
        )}
      </div>
      {opened && <OpenedRunNote info={info} mode={opened.mode} identical={opened.identical} />}
    </li>
  );
}
