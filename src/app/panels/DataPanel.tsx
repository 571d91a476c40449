import { useEffect } from 'react';
import { openSaved, refreshDetails, refreshSaved } from '../labClient';
import { useLab } from '../store';
import { useT, type MessageKey, type Translate } from '../i18n';
import { datasetNameText } from '../i18n/labels';
import { useMessageText } from '../i18n/messages';
import type { DataTab } from '../store/dataSlice';
import type { DatasetSummary } from '../../worker/protocol';
import { BuiltinSource } from './data/BuiltinSource';
import { ClassicSource } from './data/ClassicSource';
import { DatasetStats } from './data/DatasetStats';
import { Gallery } from './data/Gallery';
import { ImportSource } from './data/ImportSource';
import { SavedSets } from './data/SavedSets';

/** Where the data comes from (tabs), the current set's summary and statistics, and its gallery. */
const TABS: { id: DataTab; title: MessageKey }[] = [
  { id: 'builtin', title: 'data.tab.builtin' },
  { id: 'classic', title: 'data.tab.classic' },
  { id: 'import', title: 'data.tab.import' },
  { id: 'saved', title: 'data.tab.saved' },
];

/** "train 714 normal · test 238 normal, 392 anomalous (5 types)". */
function summaryLine(d: DatasetSummary, t: Translate): string {
  const { good = 0, ...defects } = d.testLabels;
  const types = Object.keys(defects).length;
  const anomalous = Object.values(defects).reduce((a, b) => a + b, 0);
  const test =
    d.testCount === 0 ? t('data.noTest') : t('data.testLine', { good, anomalous, types: types > 1 ? t('data.types', { n: types }) : '' });
  return t('data.summary', { train: d.trainCount, test });
}

/** Built-in sets are named from their id in the reader's language; imported sets keep their own names. */
function datasetTitle(d: DatasetSummary, t: Translate): string {
  return datasetNameText(t, d.id, d.name);
}

function LastOpenedHint() {
  const t = useT();
  const saved = useLab((s) => s.saved);
  const openId = useLab((s) => s.dataset?.id);
  const busy = useLab((s) => s.datasetLoading || s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const last = saved?.sets.find((s) => s.id === saved.lastOpened);
  if (!last || last.id === openId) return null;
  return (
    <div className="last-opened" data-testid="last-opened">
      <span>
        {t('data.lastOpened')} <strong>{last.name}</strong>
      </span>
      <button type="button" className="small-button" disabled={busy} onClick={() => void openSaved(last.id)}>
        {t('data.reopen')}
      </button>
    </div>
  );
}

export function DataPanel() {
  const t = useT();
  const msg = useMessageText();
  const current = useLab((s) => s.dataTab);
  const setTab = useLab((s) => s.setDataTab);
  const dataset = useLab((s) => s.dataset);
  const savedCount = useLab((s) => s.saved?.sets.length ?? 0);
  const error = useLab((s) => s.dataError);

  useEffect(() => {
    void refreshSaved();
  }, []);
  // Every change of the current set (generated, loaded, imported, edited) refreshes its statistics.
  useEffect(() => {
    if (dataset) void refreshDetails();
  }, [dataset]);

  return (
    <section className="panel data-panel" aria-labelledby="data-title">
      <h2 id="data-title">{t('data.title')}</h2>
      <LastOpenedHint />
      <div className="tabs" role="tablist" aria-label={t('data.source')}>
        {TABS.map((tab) => (
          <button key={tab.id} type="button" role="tab" aria-selected={current === tab.id} className="tab" onClick={() => setTab(tab.id)}>
            {t(tab.title)}
            {tab.id === 'saved' && savedCount > 0 ? ` (${savedCount})` : ''}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        {current === 'builtin' && <BuiltinSource />}
        {current === 'classic' && <ClassicSource />}
        {current === 'import' && <ImportSource />}
        {current === 'saved' && <SavedSets />}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="data-error">
          {msg(error)}
        </p>
      )}
      {dataset && (
        <div className="dataset-summary" data-testid="dataset-summary">
          <h3 className="dataset-name">{datasetTitle(dataset, t)}</h3>
          <p data-testid="dataset-counts">{summaryLine(dataset, t)}</p>
          <p className="muted small">
            {dataset.size}px, {dataset.channels === 1 ? t('data.gray') : 'RGB'}
            {dataset.testCount === 0 && ` · ${t('data.noTestYet')}`}
          </p>
          <DatasetStats />
          <Gallery />
        </div>
      )}
    </section>
  );
}
