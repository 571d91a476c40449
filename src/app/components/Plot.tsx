import { useEffect, useRef, useState } from 'react';
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import { usePrefs } from '../prefs';
import { INK, LEGEND_BG } from './charts';

type PlotlyModule = typeof import('plotly.js-cartesian-dist-min');
let plotly: Promise<PlotlyModule> | null = null;
/** plotly is large: load it when the first plot mounts, not with the first screen. */
const loadPlotly = () => (plotly ??= import('plotly.js-cartesian-dist-min'));

const BASE_LAYOUT: PlotLayout = {
  margin: { l: 56, r: 12, t: 8, b: 40 },
  height: 220,
  legend: { orientation: 'h', y: 1.12, x: 0 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  font: { family: 'system-ui, sans-serif', size: 12, color: '#334' },
};

interface ThemeColours {
  ink: string;
  muted: string;
  line: string;
  panel: string;
}

/** The theme's colours, read from the CSS variables on the document root (light defaults). */
function themeColours(): ThemeColours {
  const style = globalThis.document ? getComputedStyle(document.documentElement) : null;
  const read = (name: string, fallback: string) => style?.getPropertyValue(name).trim() || fallback;
  return { ink: read('--ink', '#1d2433'), muted: read('--muted', '#5b6478'), line: read('--line', '#dde2ec'), panel: read('--panel', '#ffffff') };
}

/** `#rrggbb` at an opacity, for the legend box over the curves. */
function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})` : hex;
}

type Loose = Record<string, unknown>;

/** The layout with text, axes, grid and legend box in the theme's colours. */
function themed(layout: PlotLayout, c: ThemeColours): PlotLayout {
  const l = layout as unknown as Loose;
  const axisOf = (a: unknown): Loose => ({ gridcolor: c.line, linecolor: c.line, zerolinecolor: c.line, tickcolor: c.muted, ...((a as Loose | undefined) ?? {}) });
  const legend = l.legend as Loose | undefined;
  const shapes = l.shapes as Loose[] | undefined;
  const font = l.font as Loose | undefined;
  return {
    ...layout,
    font: { ...font, color: c.ink },
    xaxis: axisOf(l.xaxis),
    yaxis: axisOf(l.yaxis),
    ...(legend
      ? { legend: { ...legend, ...(legend.bgcolor === LEGEND_BG ? { bgcolor: withAlpha(c.panel, 0.85) } : {}), ...(legend.bordercolor ? { bordercolor: c.line } : {}) } }
      : {}),
    ...(shapes
      ? { shapes: shapes.map((s) => ((s.line as Loose | undefined)?.color === INK ? { ...s, line: { ...(s.line as Loose), color: c.ink } } : s)) }
      : {}),
  } as PlotLayout;
}

/** Traces drawn in the light theme's ink (a marker) take the theme's ink. */
function themedTraces(traces: PlotTrace[], c: ThemeColours): PlotTrace[] {
  return traces.map((t) => {
    const marker = (t as unknown as Loose).marker as Loose | undefined;
    return marker?.color === INK ? ({ ...t, marker: { ...marker, color: c.ink } } as PlotTrace) : t;
  });
}

/**
 * Any plotly chart, drawn from traces and a layout merged over the lab's look. The wrapper
 * carries the chart's label for screen readers and its trace and point counts for tests.
 */
export function Plot(props: { traces: PlotTrace[]; layout: PlotLayout; label: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { traces, layout, label, testId } = props;
  // Redrawn when the theme changes, so that text and grid stay readable.
  const theme = usePrefs((s) => s.theme);
  useEffect(() => {
    let cancelled = false;
    loadPlotly()
      .then((mod) => {
        const P = (mod as unknown as { default?: PlotlyModule }).default ?? mod;
        if (cancelled || !ref.current) return;
        const colours = themeColours();
        return P.react(ref.current, themedTraces(traces, colours), themed({ ...BASE_LAYOUT, ...layout }, colours), {
          displaylogo: false,
          responsive: true,
          modeBarButtonsToRemove: ['lasso2d', 'select2d'],
        });
      })
      .catch((err: Error) => setError(`plot failed to load: ${err.message}`));
    return () => {
      cancelled = true;
    };
  }, [traces, layout, theme]);
  return (
    <div
      className="plot"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-traces={traces.length}
      data-points={traces.reduce((n, t) => n + t.x.length, 0)}
    >
      {error ? <p className="error">{error}</p> : <div ref={ref} />}
    </div>
  );
}
