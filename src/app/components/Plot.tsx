import { useEffect, useRef, useState } from 'react';
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';

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

/**
 * Any plotly chart, drawn from traces and a layout merged over the lab's look. The wrapper
 * carries the chart's label for screen readers and its trace and point counts for tests.
 */
export function Plot(props: { traces: PlotTrace[]; layout: PlotLayout; label: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { traces, layout, label, testId } = props;
  useEffect(() => {
    let cancelled = false;
    loadPlotly()
      .then((mod) => {
        const P = (mod as unknown as { default?: PlotlyModule }).default ?? mod;
        if (cancelled || !ref.current) return;
        return P.react(ref.current, traces, { ...BASE_LAYOUT, ...layout }, {
          displaylogo: false,
          responsive: true,
          modeBarButtonsToRemove: ['lasso2d', 'select2d'],
        });
      })
      .catch((err: Error) => setError(`plot failed to load: ${err.message}`));
    return () => {
      cancelled = true;
    };
  }, [traces, layout]);
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
