import { useMemo } from 'react';
import { predictedMask } from '../../../core/metrics/threshold';
import { PixelCanvas } from '../../components/PixelCanvas';
import { PREDICTED_RGB, TRUTH_RGB, contoursRgba, maskRgba, scaledHeatmapRgba, type HeatScale } from '../../components/colormap';
import type { SampleView } from '../../../worker/protocol';
import { useT } from '../../i18n';
import { labelText } from '../../i18n/labels';

const css = (rgb: [number, number, number]) => `rgb(${rgb.join(', ')})`;

/** Input, reconstruction, heatmaps and predicted vs ground-truth contours of a few test images. */
export function SampleGrid(props: { samples: SampleView[]; size: number; scale: HeatScale; imageThreshold: number; pixelThreshold: number }) {
  const { samples, size, scale, imageThreshold, pixelThreshold } = props;
  const t = useT();
  return (
    <table className="result-grid" data-testid="result-grid">
      <thead>
        <tr>
          <th scope="col">{t('grid.image')}</th>
          <th scope="col">{t('grid.input')}</th>
          <th scope="col">{t('grid.recon')}</th>
          <th scope="col">{t('grid.map')}</th>
          <th scope="col">{t('grid.over')}</th>
          <th scope="col">
            <span style={{ color: css(PREDICTED_RGB) }}>{t('grid.predicted')}</span> {t('grid.vs')} <span style={{ color: css(TRUTH_RGB) }}>{t('grid.truth')}</span>
          </th>
          <th scope="col">{t('grid.groundTruth')}</th>
        </tr>
      </thead>
      <tbody>
        {samples.map((s) => (
          <SampleRow key={s.id} s={s} size={size} scale={scale} flagged={s.score >= imageThreshold} pixelThreshold={pixelThreshold} />
        ))}
      </tbody>
    </table>
  );
}

function SampleRow(props: { s: SampleView; size: number; scale: HeatScale; flagged: boolean; pixelThreshold: number }) {
  const { s, size, scale, flagged, pixelThreshold } = props;
  const t = useT();
  const heat = useMemo(() => scaledHeatmapRgba(s.map, scale), [s.map, scale]);
  const over = useMemo(() => scaledHeatmapRgba(s.map, scale, s.rgba), [s.map, s.rgba, scale]);
  const contours = useMemo(() => {
    const outlines = [{ mask: predictedMask(s.map, pixelThreshold), rgb: PREDICTED_RGB }];
    if (s.mask) outlines.push({ mask: s.mask, rgb: TRUTH_RGB });
    return contoursRgba(s.rgba, size, outlines);
  }, [s.map, s.mask, s.rgba, size, pixelThreshold]);
  const correct = flagged === (s.label !== 'good');
  return (
    <tr>
      <th scope="row">
        <span className={s.label === 'good' ? 'tag good' : 'tag bad'}>{labelText(t, s.label)}</span>
        <span className="small">{t('grid.score', { v: s.score.toPrecision(4) })}</span>
        <span className={`small ${correct ? 'verdict-ok' : 'verdict-bad'}`}>
          {flagged ? t('grid.flagged') : t('grid.passed')} {correct ? '✓' : '✗'}
        </span>
      </th>
      <td>
        <PixelCanvas rgba={s.rgba} size={size} label={t('grid.inputOf', { name: s.name })} />
      </td>
      <td>
        <PixelCanvas rgba={s.recon} size={size} label={t('grid.reconOf', { name: s.name })} />
      </td>
      <td>
        <PixelCanvas rgba={heat} size={size} label={t('grid.heatOf', { name: s.name })} />
      </td>
      <td>
        <PixelCanvas rgba={over} size={size} label={t('grid.overOf', { name: s.name })} />
      </td>
      <td>
        <PixelCanvas rgba={contours} size={size} label={t('grid.contoursOf', { name: s.name })} />
      </td>
      <td>
        {s.mask ? <PixelCanvas rgba={maskRgba(s.mask)} size={size} label={t('grid.maskOf', { name: s.name })} /> : <span className="muted small">{t('grid.noMask')}</span>}
      </td>
    </tr>
  );
}
