declare module 'plotly.js-cartesian-dist-min' {
  export interface PlotTrace {
    x: number[];
    y: number[];
    name?: string;
    type?: 'scatter';
    mode?: 'lines' | 'markers' | 'lines+markers';
    line?: { color?: string; width?: number };
  }
  export interface PlotLayout {
    [key: string]: unknown;
  }
  export function react(el: HTMLElement, data: PlotTrace[], layout: PlotLayout, config?: Record<string, unknown>): Promise<void>;
  export function purge(el: HTMLElement): void;
  const Plotly: { react: typeof react; purge: typeof purge };
  export default Plotly;
}
