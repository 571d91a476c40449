import { paletteCss } from './colormap';
import { useT } from '../i18n';

/** The heatmap's colour bar with the values at its ends and what the scale means. */
export function ColorLegend(props: { min: number; max: number; caption: string }) {
  const t = useT();
  const stops = Array.from({ length: 11 }, (_, i) => `${paletteCss(i / 10)} ${i * 10}%`).join(', ');
  return (
    <div className="legend" role="img" aria-label={t('legend.label', { min: fmt(props.min), max: fmt(props.max) })}>
      <span className="legend-value">{fmt(props.min)}</span>
      <span className="legend-bar" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <span className="legend-value">{fmt(props.max)}</span>
      <span className="legend-caption">{props.caption}</span>
    </div>
  );
}

function fmt(v: number): string {
  return Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(1);
}
