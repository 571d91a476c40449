import type { SavedRunInfo } from '../../../worker/runsProtocol';
import { useLab } from '../../store';
import { useT } from '../../i18n';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(3));

/** What opening a run did: scored it again (and whether the metrics match) or showed the saved ones. */
export function OpenedRunNote({ info, mode, identical }: { info: SavedRunInfo; mode: 'opening' | 'scored' | 'stored'; identical: boolean | null }) {
  const t = useT();
  const current = useLab((s) => s.dataset?.name ?? t('opened.none'));
  if (mode === 'opening') return <p className="muted small">{t('opened.loading')}</p>;
  if (mode === 'scored') {
    return (
      <p className={`small ${identical ? 'verdict-ok' : 'verdict-bad'}`} data-testid="reopen-check">
        {identical ? t('opened.identical') : t('opened.differs')}
      </p>
    );
  }
  const m = info.metrics;
  return (
    <div className="small opened-stored" data-testid="reopen-check">
      <p>
        {t('opened.otherData', { data: info.dataset.name, current })}
      </p>
      <dl className="stats">
        <dt>{t('metric.imageAuroc')}</dt>
        <dd>{fmt(m?.imageAUROC)}</dd>
        <dt>{t('metric.pixelAuroc')}</dt>
        <dd>{fmt(m?.pixelAUROC)}</dd>
        <dt>AUPRO</dt>
        <dd>{fmt(m?.aupro)}</dd>
        <dt>{t('metric.imageF1')}</dt>
        <dd>{fmt(m?.f1max.image?.f1)}</dd>
        <dt>{t('metric.pixelF1')}</dt>
        <dd>{fmt(m?.f1max.pixel?.f1)}</dd>
      </dl>
      <p className="muted">{t('opened.loadThat')}</p>
    </div>
  );
}
