import { useMemo } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { Plot } from '../../components/Plot';
import { SERIES_COLOURS, prLayout, prTrace, rocLayout, rocTrace } from '../../components/charts';
import { useT } from '../../i18n';
import { useEntryLabel } from '../../i18n/entry';
import { useLab } from '../../store';
import type { CompareBoard } from '../../store/compareSlice';

/** Every finished run's ROC (and PR) curve on one plot, image or pixel level. */
export function CompareRoc({ board }: { board: CompareBoard }) {
  const level = useLab((s) => s.rocLevel);
  const setLevel = useLab((s) => s.setRocLevel);
  const t = useT();
  const entryLabel = useEntryLabel();
  const layouts = useMemo(() => ({ roc: rocLayout(t), pr: prLayout(t) }), [t]);
  const [roc, pr] = useMemo(() => {
    const rocTraces: PlotTrace[] = [];
    const prTraces: PlotTrace[] = [];
    board.results.forEach((r, i) => {
      const curves = level === 'image' ? r.curves.image : r.curves.pixel;
      if (!curves) return;
      const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
      const auc = level === 'image' ? r.row.imageAUROC : r.row.pixelAUROC;
      const label = entryLabel(r.row.label);
      rocTraces.push(rocTrace(curves, `${label}${auc === null ? '' : ` (${auc.toFixed(3)})`}`, colour));
      prTraces.push(prTrace(t, curves, label, colour));
    });
    return [rocTraces, prTraces];
  }, [board.results, level, t, entryLabel]);
  return (
    <div className="compare-curves">
      <label className="inline">
        {t('croc.at')}
        <select aria-label={t('croc.levelLabel')} value={level} onChange={(e) => setLevel(e.target.value === 'pixel' ? 'pixel' : 'image')}>
          <option value="image">{t('croc.image')}</option>
          <option value="pixel">{t('croc.pixel')}</option>
        </select>
      </label>
      {roc.length ? (
        <div className="plot-grid">
          <figure>
            <figcaption>{t('croc.roc')}</figcaption>
            <Plot traces={roc} layout={layouts.roc} label={t(`croc.rocLabel.${level}`)} testId="compare-roc" />
          </figure>
          <figure>
            <figcaption>{t('croc.pr')}</figcaption>
            <Plot traces={pr} layout={layouts.pr} label={t(`croc.prLabel.${level}`)} testId="compare-pr" />
          </figure>
        </div>
      ) : (
        <p className="muted small placeholder">{t(`croc.none.${level}`)}</p>
      )}
    </div>
  );
}
