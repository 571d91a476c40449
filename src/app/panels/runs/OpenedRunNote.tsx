import type { SavedRunInfo } from '../../../worker/runsProtocol';
import { useLab } from '../../store';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(3));

/** What opening a run did: scored it again (and whether the metrics match) or showed the saved ones. */
export function OpenedRunNote({ info, mode, identical }: { info: SavedRunInfo; mode: 'opening' | 'scored' | 'stored'; identical: boolean | null }) {
  const current = useLab((s) => s.dataset?.name ?? 'none');
  if (mode === 'opening') return <p className="muted small">Loading its weights and scoring the test set…</p>;
  if (mode === 'scored') {
    return (
      <p className={`small ${identical ? 'verdict-ok' : 'verdict-bad'}`} data-testid="reopen-check">
        {identical
          ? 'Scored again on this data set from its saved weights: every metric equals the saved one exactly. Results are shown above.'
          : 'Scored again on this data set from its saved weights: the metrics differ from the saved ones (another backend rounds differently). Results are shown above.'}
      </p>
    );
  }
  const m = info.metrics;
  return (
    <div className="small opened-stored" data-testid="reopen-check">
      <p>
        Trained on <b>{info.dataset.name}</b>; the current data set is <b>{current}</b>, so it cannot be scored here. Its saved metrics:
      </p>
      <dl className="stats">
        <dt>Image AUROC</dt>
        <dd>{fmt(m?.imageAUROC)}</dd>
        <dt>Pixel AUROC</dt>
        <dd>{fmt(m?.pixelAUROC)}</dd>
        <dt>AUPRO</dt>
        <dd>{fmt(m?.aupro)}</dd>
        <dt>Image F1-max</dt>
        <dd>{fmt(m?.f1max.image?.f1)}</dd>
        <dt>Pixel F1-max</dt>
        <dd>{fmt(m?.f1max.pixel?.f1)}</dd>
      </dl>
      <p className="muted">Load that data set and open the run again to see its maps.</p>
    </div>
  );
}
