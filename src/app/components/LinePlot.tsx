import { useEffect, useRef, useState } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';

type PlotlyModule = typeof import('plotly.js-cartesian-dist-min');
let plotly: Promise<PlotlyModule> | null = null;
/** plotly is large: load it when the first plot mounts, not with the first screen. */
const loadPlotly = () => (plotly ??= import('plotly.js-cartesian-dist-min'));

export function LinePlot(props: { traces: PlotTrace[]; xTitle: string; yTitle: string; label: string; logY?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { traces, xTitle, yTitle, label, logY } = props;
  useEffect(() => {
    let cancelled = false;
    loadPlotly()
      .then((mod) => {
        const P = (mod as unknown as { default?: PlotlyModule }).default ?? mod;
        if (cancelled || !ref.current) return;
        return P.react(
          ref.current,
          traces,
          {
            margin: { l: 56, r: 12, t: 8, b: 40 },
            height: 220,
            xaxis: { title: { text: xTitle }, zeroline: false },
            yaxis: { title: { text: yTitle }, type: logY ? 'log' : 'linear', zeroline: false },
            legend: { orientation: 'h', y: 1.12, x: 0 },
            paper_bgcolor: 'rgba(0,0,0,0)',
            plot_bgcolor: 'rgba(0,0,0,0)',
            font: { family: 'system-ui, sans-serif', size: 12, color: '#334' },
          },
          { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['lasso2d', 'select2d'] },
        );
      })
      .catch((err: Error) => setError(`plot failed to load: ${err.message}`));
    return () => {
      cancelled = true;
    };
  }, [traces, xTitle, yTitle, logY]);
  return (
    <div className="plot" role="img" aria-label={label} data-points={traces.reduce((n, t) => n + t.x.length, 0)}>
      {error ? <p className="error">{error}</p> : <div ref={ref} />}
    </div>
  );
}
