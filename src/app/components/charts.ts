import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { Curves } from '../../core/metrics/evaluate';
import type { Translate } from '../i18n';
import { labelText } from '../i18n/labels';

/**
 * Trace builders and layouts shared by the results panel and the compare board. Axis titles and
 * legend names come in the reader's language (`t`); colours of text, grid and legend boxes follow
 * the theme in Plot.
 */

export const SERIES_COLOURS = ['#3b5bdb', '#e8590c', '#2f9e44', '#ae3ec9', '#1098ad', '#f08c00', '#c2255c', '#5c940d'];
export const NORMAL_COLOUR = '#2f9e44';
export const ANOMALOUS_COLOUR = '#c2255c';
/** The light theme's ink and legend box; Plot swaps them for the current theme's colours. */
export const INK = '#1d2433';
export const LEGEND_BG = 'rgba(255,255,255,0.85)';

const axis = (title: string, range?: [number, number]) => ({
  title: { text: title },
  zeroline: false,
  ...(range ? { range } : {}),
});

/** The diagonal of a random scorer, drawn as a shape so that it is not counted as a trace. */
const CHANCE_LINE = { type: 'line', x0: 0, y0: 0, x1: 1, y1: 1, line: { color: '#adb5bd', width: 1, dash: 'dot' } };

/** Legends sit inside the plot, in the corner the curves leave empty. */
const insideLegend = (corner: 'right' | 'left') => ({
  orientation: 'v',
  x: corner === 'right' ? 0.98 : 0.02,
  xanchor: corner,
  y: 0.03,
  yanchor: 'bottom',
  bgcolor: LEGEND_BG,
  bordercolor: '#dde2ec',
  borderwidth: 1,
  font: { size: 11 },
});

export function rocLayout(t: Translate): PlotLayout {
  return {
    height: 280,
    xaxis: axis(t('axis.fpr'), [0, 1]),
    yaxis: axis(t('axis.tpr'), [0, 1.02]),
    shapes: [CHANCE_LINE],
    legend: insideLegend('right'),
    margin: { l: 56, r: 12, t: 8, b: 44 },
  };
}

export function prLayout(t: Translate): PlotLayout {
  return {
    height: 280,
    xaxis: axis(t('axis.recall'), [0, 1]),
    yaxis: axis(t('axis.precision'), [0, 1.02]),
    legend: insideLegend('left'),
    margin: { l: 56, r: 12, t: 8, b: 44 },
  };
}

export function rocTrace(curves: Curves, name: string, colour: string, dash?: string): PlotTrace {
  return {
    x: Array.from(curves.roc.fpr),
    y: Array.from(curves.roc.tpr),
    name,
    type: 'scatter',
    mode: 'lines',
    line: { color: colour, width: 2, shape: 'linear', ...(dash ? { dash } : {}) },
    hovertemplate: 'FPR %{x:.3f}<br>TPR %{y:.3f}',
  };
}

export function prTrace(t: Translate, curves: Curves, name: string, colour: string, dash?: string): PlotTrace {
  return {
    x: Array.from(curves.pr.recall),
    y: Array.from(curves.pr.precision),
    name,
    type: 'scatter',
    mode: 'lines',
    line: { color: colour, width: 2, ...(dash ? { dash } : {}) },
    hovertemplate: `${t('axis.recall')} %{x:.3f}<br>${t('axis.precision')} %{y:.3f}`,
  };
}

/** Overlaid histograms of image scores, normal against anomalous. */
export function scoreHistogramTraces(t: Translate, scores: ArrayLike<number>, labels: readonly string[]): PlotTrace[] {
  const normal: number[] = [];
  const anomalous: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 'good' ? normal : anomalous).push(scores[i]!);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    lo = Math.min(lo, scores[i]!);
    hi = Math.max(hi, scores[i]!);
  }
  // Shared bins, so that the two histograms line up.
  const xbins = { start: lo, end: hi, size: (hi - lo || 1) / 30 };
  return [
    { x: normal, name: t('hist.normal', { n: normal.length }), type: 'histogram', xbins, opacity: 0.6, marker: { color: NORMAL_COLOUR } },
    { x: anomalous, name: t('hist.anomalous', { n: anomalous.length }), type: 'histogram', xbins, opacity: 0.6, marker: { color: ANOMALOUS_COLOUR } },
  ];
}

export function histogramLayout(t: Translate, threshold: number | null): PlotLayout {
  return {
    height: 240,
    barmode: 'overlay',
    xaxis: axis(t('axis.score')),
    yaxis: axis(t('axis.testImages')),
    shapes:
      threshold === null
        ? []
        : [{ type: 'line', xref: 'x', yref: 'paper', x0: threshold, x1: threshold, y0: 0, y1: 1, line: { color: INK, width: 2, dash: 'dash' } }],
    legend: { x: 0.98, xanchor: 'right', y: 0.98, yanchor: 'top', bgcolor: LEGEND_BG },
    margin: { l: 56, r: 12, t: 8, b: 40 },
  };
}

export function perTypeBarTrace(t: Translate, perType: Record<string, number>): PlotTrace {
  const types = Object.keys(perType);
  const values = types.map((type) => perType[type]!);
  return {
    x: types.map((type) => labelText(t, type)),
    y: values,
    type: 'bar',
    name: t('axis.imageAuroc'),
    text: values.map((v) => v.toFixed(3)),
    textposition: 'outside',
    marker: { color: types.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!) },
    hovertemplate: '%{x}: %{y:.3f}<extra></extra>',
  };
}

export function perTypeLayout(t: Translate): PlotLayout {
  return {
    height: 240,
    xaxis: { title: { text: t('axis.defectType') } },
    yaxis: axis(t('axis.perTypeAuroc'), [0, 1.12]),
    shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0.5, y1: 0.5, line: { color: '#adb5bd', width: 1, dash: 'dot' } }],
    showlegend: false,
    margin: { l: 56, r: 12, t: 8, b: 48 },
  };
}
