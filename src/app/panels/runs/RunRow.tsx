import { useState } from 'react';
import type { SavedRunInfo } from '../../../worker/runsProtocol';
import { deleteRun, exportRun, openRun } from '../../labClient';
import { useLab } from '../../store';
import { OpenedRunNote } from './OpenedRunNote';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(3));

function when(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
}

/** One saved run: what it is, its headline metrics, and open / export / delete. */
export function RunRow({ info, busy, sameData }: { info: SavedRunInfo; busy: boolean; sameData: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const title = useLab((s) => s.methods.find((m) => m.id === info.method)?.title ?? info.method);
  const opened = useLab((s) => (s.openedRun?.id === info.id ? s.openedRun : null));
  const imported = useLab((s) => s.lastImported === info.id);
  const m = info.metrics;
  return (
    <li className={`saved-set run-row${opened ? ' open' : ''}`} data-testid="saved-run" data-run-id={info.id} data-metrics={JSON.stringify(m)}>
      <div className="saved-head">
        <strong className="saved-name">{title}</strong>
        {info.origin === 'imported' && <span className="tag">{imported ? 'just imported' : 'imported'}</span>}
        {!sameData && <span className="tag" title="Trained on another data set: opening it shows its saved metrics">other data</span>}
      </div>
      <p className="muted small run-meta">
        {info.dataset.name} · {info.steps} steps · {info.backend} · {when(info.createdAt)}
      </p>
      <p className="small run-metrics">
        image AUROC <b>{fmt(m?.imageAUROC)}</b> · pixel AUROC <b>{fmt(m?.pixelAUROC)}</b> · AUPRO <b>{fmt(m?.aupro)}</b>
      </p>
      {info.notes.length > 0 && (
        <ul className="run-notes small muted">
          {info.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="small-button" disabled={busy || opened?.mode === 'opening'} onClick={() => void openRun(info.id)} aria-label={`Open run ${title} from ${when(info.createdAt)}`}>
          Open
        </button>
        <button type="button" className="secondary small-button" onClick={() => void exportRun(info.id)} aria-label={`Export run ${title} from ${when(info.createdAt)}`}>
          Export .zip
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger small-button" onClick={() => void deleteRun(info.id)}>
              Delete for good
            </button>
            <button type="button" className="secondary small-button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="secondary small-button" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
      {opened && <OpenedRunNote info={info} mode={opened.mode} identical={opened.identical} />}
    </li>
  );
}
