import { useMemo } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { Plot } from './Plot';

/** A line chart with titled axes (the loss curve); see Plot for other charts. */
export function LinePlot(props: { traces: PlotTrace[]; xTitle: string; yTitle: string; label: string; logY?: boolean }) {
  const { traces, xTitle, yTitle, label, logY } = props;
  const layout = useMemo(
    () => ({
      xaxis: { title: { text: xTitle }, zeroline: false },
      yaxis: { title: { text: yTitle }, type: logY ? 'log' : 'linear', zeroline: false },
    }),
    [xTitle, yTitle, logY],
  );
  return <Plot traces={traces} layout={layout} label={label} />;
}
