import { useEffect } from 'react';
import { openSaved, refreshDetails, refreshSaved } from '../labClient';
import { useLab } from '../store';
import type { DataTab } from '../store/dataSlice';
import type { DatasetSummary } from '../../worker/protocol';
import { BuiltinSource } from './data/BuiltinSource';
import { ClassicSource } from './data/ClassicSource';
import { DatasetStats } from './data/DatasetStats';
import { Gallery } from './data/Gallery';
import { ImportSource } from './data/ImportSource';
import { SavedSets } from './data/SavedSets';

/** Where the data comes from (tabs), the current set's summary and statistics, and its gallery. */
const TABS: { id: DataTab; title: string }[] = [
  { id: 'builtin', title: 'Procedural' },
  { id: 'classic', title: 'MNIST' },
  { id: 'import', title: 'Your images' },
  { id: 'saved', title: 'Saved' },
];

/** "train 714 normal · test 238 normal, 392 anomalous (5 types)". */
function summaryLine(d: DatasetSummary): string {
  const { good = 0, ...defects } = d.testLabels;
  const types = Object.keys(defects).length;
  const anomalous = Object.values(defects).reduce((a, b) => a + b, 0);
  const test = d.testCount === 0 ? 'no test images' : `test ${good} normal, ${anomalous} anomalous${types > 1 ? ` (${types} types)` : ''}`;
  return `train ${d.trainCount} normal · ${test}`;
}

function LastOpenedHint() {
  const saved = useLab((s) => s.saved);
  const openId = useLab((s) => s.dataset?.id);
  const busy = useLab((s) => s.datasetLoading || s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const last = saved?.sets.find((s) => s.id === saved.lastOpened);
  if (!last || last.id === openId) return null;
  return (
    <div className="last-opened" data-testid="last-opened">
      <span>
        Last opened: <strong>{last.name}</strong>
      </span>
      <button type="button" className="small-button" disabled={busy} onClick={() => void openSaved(last.id)}>
        Reopen
      </button>
    </div>
  );
}

export function DataPanel() {
  const tab = useLab((s) => s.dataTab);
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
      <h2 id="data-title">1 · Data</h2>
      <LastOpenedHint />
      <div className="tabs" role="tablist" aria-label="Data source">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" onClick={() => setTab(t.id)}>
            {t.title}
            {t.id === 'saved' && savedCount > 0 ? ` (${savedCount})` : ''}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        {tab === 'builtin' && <BuiltinSource />}
        {tab === 'classic' && <ClassicSource />}
        {tab === 'import' && <ImportSource />}
        {tab === 'saved' && <SavedSets />}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="data-error">
          {error}
        </p>
      )}
      {dataset && (
        <div className="dataset-summary" data-testid="dataset-summary">
          <h3 className="dataset-name">{dataset.name}</h3>
          <p data-testid="dataset-counts">{summaryLine(dataset)}</p>
          <p className="muted small">
            {dataset.size}px, {dataset.channels === 1 ? 'gray' : 'RGB'}
            {dataset.testCount === 0 && ' · no test images yet: training works, metrics need a test set'}
          </p>
          <DatasetStats />
          <Gallery />
        </div>
      )}
    </section>
  );
}
