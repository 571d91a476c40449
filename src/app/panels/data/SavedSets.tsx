import { useState } from 'react';
import type { StoredSetInfo } from '../../../worker/dataProtocol';
import { deleteSaved, openSaved, renameSaved } from '../../labClient';
import { useT } from '../../i18n';
import { useLab } from '../../store';
import { countsLine, formatBytes } from './format';

/** Sets kept in this browser: open, rename, delete; and how much storage they take. */
function SavedRow({ info, isOpen, isLast, busy }: { info: StoredSetInfo; isOpen: boolean; isLast: boolean; busy: boolean }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const t = useT();
  return (
    <li className={`saved-set${isOpen ? ' open' : ''}`} data-testid="saved-set">
      {renaming === null ? (
        <div className="saved-head">
          <strong className="saved-name">{info.name}</strong>
          {isOpen && <span className="tag good">{t('saved.open')}</span>}
          {isLast && !isOpen && <span className="tag">{t('saved.last')}</span>}
        </div>
      ) : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void renameSaved(info.id, renaming).then(() => setRenaming(null));
          }}
        >
          <input aria-label={t('saved.newName', { name: info.name })} value={renaming} maxLength={200} autoFocus onChange={(e) => setRenaming(e.target.value)} />
          <button type="submit" className="small-button" disabled={renaming.trim() === ''}>
            {t('common.save')}
          </button>
          <button type="button" className="secondary small-button" onClick={() => setRenaming(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      <p className="muted small">
        {countsLine(t, info.trainCount, info.testLabels)} · {info.size}px {info.channels === 1 ? t('data.gray') : 'RGB'} · {formatBytes(info.bytes)}
      </p>
      <div className="row">
        <button type="button" className="small-button" disabled={busy || isOpen} onClick={() => void openSaved(info.id)}>
          {t('run.open')}
        </button>
        <button type="button" className="secondary small-button" onClick={() => setRenaming(info.name)}>
          {t('common.rename')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger small-button" onClick={() => void deleteSaved(info.id)}>
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
    </li>
  );
}

export function SavedSets() {
  const t = useT();
  const saved = useLab((s) => s.saved);
  const openId = useLab((s) => s.dataset?.id);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.datasetLoading || s.dataTask !== null);
  if (!saved) return <p className="muted">{t('saved.reading')}</p>;
  const stored = saved.sets.reduce((n, s) => n + s.bytes, 0);
  const share = saved.usage !== null && saved.quota ? saved.usage / saved.quota : null;
  return (
    <div className="saved-sets">
      <div className="storage-meter" data-testid="storage-used">
        <span>
          {saved.sets.length === 0 ? t('saved.none') : t('saved.count', { n: saved.sets.length, bytes: formatBytes(stored) })}
        </span>
        {saved.usage !== null && saved.quota !== null && (
          <>
            <div className="progress-track" title={t('saved.quotaHelp')}>
              <div className="progress-fill" style={{ width: `${Math.max(1, Math.round((share ?? 0) * 100))}%` }} />
            </div>
            <span className="muted small">
              {t('saved.usage', { used: formatBytes(saved.usage), quota: formatBytes(saved.quota) })}
            </span>
          </>
        )}
      </div>
      <ul className="saved-list">
        {saved.sets.map((info) => (
          <SavedRow key={info.id} info={info} isOpen={info.id === openId} isLast={info.id === saved.lastOpened} busy={busy} />
        ))}
      </ul>
    </div>
  );
}
