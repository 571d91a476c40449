declare module 'plotly.js-cartesian-dist-min' {
  /** The subset of plotly's trace attributes the lab uses (scatter lines, bars, histograms). */
  export interface PlotTrace {
    x: ArrayLike<number> | string[];
    y?: ArrayLike<number> | string[];
    name?: string;
    type?: 'scatter' | 'bar' | 'histogram';
    mode?: 'lines' | 'markers' | 'lines+markers';
    line?: { color?: string; width?: number; dash?: string; shape?: 'linear' | 'hv' | 'vh' };
    marker?: { color?: string | string[]; line?: { color?: string; width?: number } };
    opacity?: number;
    text?: string[];
    textposition?: 'auto' | 'outside' | 'inside' | 'none';
    hovertemplate?: string;
    nbinsx?: number;
    xbins?: { start?: number; end?: number; size?: number };
    showlegend?: boolean;
  }
  export interface PlotLayout {
    [key: string]: unknown;
  }
  export function react(el: HTMLElement, data: PlotTrace[], layout: PlotLayout, config?: Record<string, unknown>): Promise<void>;
  export function purge(el: HTMLElement): void;
  const Plotly: { react: typeof react; purge: typeof purge };
  export default Plotly;
}
