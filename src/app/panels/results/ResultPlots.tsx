import { useMemo } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { Confusion } from '../../../core/metrics/threshold';
import { Plot } from '../../components/Plot';
import {
  INK,
  SERIES_COLOURS,
  histogramLayout,
  perTypeBarTrace,
  perTypeLayout,
  prLayout,
  prTrace,
  rocLayout,
  rocTrace,
  scoreHistogramTraces,
} from '../../components/charts';
import { useT } from '../../i18n';
import type { EvaluationSummary } from '../../../worker/protocol';

/** ROC and PR curves (image and pixel), the score histograms and the per-type AUROC bars. */
export function ResultPlots({ ev, imageThreshold, confusion }: { ev: EvaluationSummary; imageThreshold: number; confusion: Confusion }) {
  const t = useT();
  const { curves, metrics } = ev;
  const operating = useMemo((): PlotTrace | null => {
    const negatives = confusion.fp + confusion.tn;
    const positives = confusion.tp + confusion.fn;
    if (!negatives || !positives) return null;
    return {
      x: [confusion.fp / negatives],
      y: [confusion.tp / positives],
      name: t('plots.imageThreshold'),
      type: 'scatter',
      mode: 'markers',
      marker: { color: INK },
      hovertemplate: `${t('plots.atSlider')}: FPR %{x:.3f}, TPR %{y:.3f}<extra></extra>`,
    };
  }, [confusion, t]);
  const roc = useMemo(() => {
    const traces: PlotTrace[] = [];
    if (curves.image) traces.push(rocTrace(curves.image, t('plots.image'), SERIES_COLOURS[0]!));
    if (curves.pixel) traces.push(rocTrace(curves.pixel, t('plots.pixel'), SERIES_COLOURS[1]!, 'dash'));
    if (operating && curves.image) traces.push(operating);
    return traces;
  }, [curves, operating, t]);
  const pr = useMemo(() => {
    const traces: PlotTrace[] = [];
    if (curves.image) traces.push(prTrace(t, curves.image, t('plots.image'), SERIES_COLOURS[0]!));
    if (curves.pixel) traces.push(prTrace(t, curves.pixel, t('plots.pixel'), SERIES_COLOURS[1]!, 'dash'));
    return traces;
  }, [curves, t]);
  const histogram = useMemo(() => scoreHistogramTraces(t, ev.scores, ev.labels), [t, ev.scores, ev.labels]);
  const histLayout = useMemo(() => histogramLayout(t, imageThreshold), [t, imageThreshold]);
  const perType = useMemo(() => [perTypeBarTrace(t, metrics.perTypeAUROC)], [t, metrics.perTypeAUROC]);
  const layouts = useMemo(() => ({ roc: rocLayout(t), pr: prLayout(t), perType: perTypeLayout(t) }), [t]);
  const hasPerType = Object.keys(metrics.perTypeAUROC).length > 0;
  return (
    <div className="plot-grid">
      <figure>
        <figcaption>{t('plots.roc')}</figcaption>
        {roc.length ? <Plot traces={roc} layout={layouts.roc} label={t('plots.rocLabel')} testId="roc-plot" /> : <Missing what="ROC" />}
      </figure>
      <figure>
        <figcaption>{t('plots.pr')}</figcaption>
        {pr.length ? <Plot traces={pr} layout={layouts.pr} label={t('plots.prLabel')} testId="pr-plot" /> : <Missing what="PR" />}
      </figure>
      <figure>
        <figcaption>{t('plots.hist')}</figcaption>
        <Plot traces={histogram} layout={histLayout} label={t('plots.histLabel')} testId="score-histogram" />
      </figure>
      <figure>
        <figcaption>{t('plots.perType')}</figcaption>
        {hasPerType ? <Plot traces={perType} layout={layouts.perType} label={t('plots.perTypeLabel')} testId="per-type-plot" /> : <Missing what={t('plots.perTypeWhat')} />}
      </figure>
    </div>
  );
}

function Missing({ what }: { what: string }) {
  const t = useT();
  return <p className="muted small placeholder">{t('plots.missing', { what })}</p>;
}
