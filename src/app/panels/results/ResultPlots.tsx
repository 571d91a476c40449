import { useMemo } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { Confusion } from '../../../core/metrics/threshold';
import { Plot } from '../../components/Plot';
import {
  PER_TYPE_LAYOUT,
  PR_LAYOUT,
  ROC_LAYOUT,
  SERIES_COLOURS,
  histogramLayout,
  perTypeBarTrace,
  prTrace,
  rocTrace,
  scoreHistogramTraces,
} from '../../components/charts';
import type { EvaluationSummary } from '../../../worker/protocol';

/** ROC and PR curves (image and pixel), the score histograms and the per-type AUROC bars. */
export function ResultPlots({ ev, imageThreshold, confusion }: { ev: EvaluationSummary; imageThreshold: number; confusion: Confusion }) {
  const { curves, metrics } = ev;
  const operating = useMemo((): PlotTrace | null => {
    const negatives = confusion.fp + confusion.tn;
    const positives = confusion.tp + confusion.fn;
    if (!negatives || !positives) return null;
    return {
      x: [confusion.fp / negatives],
      y: [confusion.tp / positives],
      name: 'image threshold',
      type: 'scatter',
      mode: 'markers',
      marker: { color: '#1d2433' },
      hovertemplate: 'at the slider: FPR %{x:.3f}, TPR %{y:.3f}<extra></extra>',
    };
  }, [confusion]);
  const roc = useMemo(() => {
    const t: PlotTrace[] = [];
    if (curves.image) t.push(rocTrace(curves.image, 'image', SERIES_COLOURS[0]!));
    if (curves.pixel) t.push(rocTrace(curves.pixel, 'pixel', SERIES_COLOURS[1]!, 'dash'));
    if (operating && curves.image) t.push(operating);
    return t;
  }, [curves, operating]);
  const pr = useMemo(() => {
    const t: PlotTrace[] = [];
    if (curves.image) t.push(prTrace(curves.image, 'image', SERIES_COLOURS[0]!));
    if (curves.pixel) t.push(prTrace(curves.pixel, 'pixel', SERIES_COLOURS[1]!, 'dash'));
    return t;
  }, [curves]);
  const histogram = useMemo(() => scoreHistogramTraces(ev.scores, ev.labels), [ev.scores, ev.labels]);
  const histLayout = useMemo(() => histogramLayout(imageThreshold), [imageThreshold]);
  const perType = useMemo(() => [perTypeBarTrace(metrics.perTypeAUROC)], [metrics.perTypeAUROC]);
  const hasPerType = Object.keys(metrics.perTypeAUROC).length > 0;
  return (
    <div className="plot-grid">
      <figure>
        <figcaption>ROC curves</figcaption>
        {roc.length ? <Plot traces={roc} layout={ROC_LAYOUT} label="ROC curves, image and pixel level" testId="roc-plot" /> : <Missing what="ROC" />}
      </figure>
      <figure>
        <figcaption>Precision–recall curves</figcaption>
        {pr.length ? <Plot traces={pr} layout={PR_LAYOUT} label="Precision-recall curves, image and pixel level" testId="pr-plot" /> : <Missing what="PR" />}
      </figure>
      <figure>
        <figcaption>Image scores: normal vs anomalous (dashed: image threshold)</figcaption>
        <Plot traces={histogram} layout={histLayout} label="Histogram of image anomaly scores, normal against anomalous" testId="score-histogram" />
      </figure>
      <figure>
        <figcaption>Image AUROC per defect type</figcaption>
        {hasPerType ? <Plot traces={perType} layout={PER_TYPE_LAYOUT} label="Image AUROC of each defect type" testId="per-type-plot" /> : <Missing what="per-type AUROC" />}
      </figure>
    </div>
  );
}

function Missing({ what }: { what: string }) {
  return <p className="muted small placeholder">No {what} for this test set (see the notes above).</p>;
}
