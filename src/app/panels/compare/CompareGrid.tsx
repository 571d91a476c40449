import { forwardRef, useMemo } from 'react';
import { ColorLegend } from '../../components/ColorLegend';
import { PixelCanvas } from '../../components/PixelCanvas';
import { SERIES_COLOURS } from '../../components/charts';
import { TRUTH_RGB, contoursRgba, maskRgba, scaledHeatmapRgba, type HeatScale } from '../../components/colormap';
import { loadCompareGrid } from '../../labClient';
import { useLab } from '../../store';
import type { CompareBoard, CompareGrid as Grid } from '../../store/compareSlice';
import type { CompareResult } from '../../../worker/protocol';
import { useT } from '../../i18n';
import { useEntryLabel } from '../../i18n/entry';
import { labelText } from '../../i18n/labels';

const MAX_IMAGES = 6;

/** A run's own scale: threshold-centred on its pixel (else image) F1-max threshold. */
function ownScale(r: CompareResult): HeatScale {
  const t = r.row.pixelThreshold ?? r.row.imageThreshold ?? (r.mapMin + r.mapMax) / 2;
  return { kind: 'centred', threshold: t, min: r.mapMin, max: r.mapMax };
}

export function sharedRange(results: CompareResult[]): [number, number] {
  return [Math.min(...results.map((r) => r.mapMin)), Math.max(...results.map((r) => r.mapMax))];
}

/** For the chosen test images: the inputs, then one row per run of reconstruction and heatmap. */
export const CompareGrid = forwardRef<HTMLTableElement, { board: CompareBoard; grid: Grid }>(function CompareGrid({ board, grid }, ref) {
  const shared = useLab((s) => s.sharedScale);
  const setShared = useLab((s) => s.setSharedScale);
  const running = useLab((s) => s.compareStatus === 'running');
  const t = useT();
  const entryLabel = useEntryLabel();
  const size = board.size;
  const labels = board.results[0]?.labels ?? [];
  const [lo, hi] = sharedRange(board.results);
  const scales = useMemo(
    () => new Map(board.results.map((r) => [r.key, shared ? ({ kind: 'raw', min: lo, max: hi } as HeatScale) : ownScale(r)])),
    [board.results, shared, lo, hi],
  );
  const choose = (indices: number[]) => void loadCompareGrid(indices);
  return (
    <div className="compare-grid">
      <div className="row align-center">
        <span className="small muted">{t('cgrid.images')}</span>
        {grid.indices.map((i) => (
          <span key={i} className="chip">
            #{i} {labelText(t, labels[i] ?? '')}
            <button type="button" className="link-button" aria-label={t('cgrid.remove', { i })} disabled={running || grid.indices.length === 1} onClick={() => choose(grid.indices.filter((x) => x !== i))}>
              ×
            </button>
          </span>
        ))}
        <select
          aria-label={t('cgrid.addLabel')}
          value=""
          disabled={running || grid.indices.length >= MAX_IMAGES}
          onChange={(e) => e.target.value !== '' && choose([...grid.indices, Number(e.target.value)])}
        >
          <option value="">{t('cgrid.add')}</option>
          {labels.map((label, i) =>
            grid.indices.includes(i) ? null : (
              <option key={i} value={i}>
                #{i} {labelText(t, label)}
              </option>
            ),
          )}
        </select>
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('cgrid.shared')}
        </label>
      </div>
      {shared ? (
        <ColorLegend min={lo} max={hi} caption={t('cgrid.sharedCaption')} />
      ) : (
        <ColorLegend min={0} max={1} caption={t('cgrid.ownCaption')} />
      )}
      <div className="table-scroll">
        <table className="result-grid compare-table" ref={ref} data-testid="compare-grid">
          <thead>
            <tr>
              <td />
              {grid.inputs.map((v) => (
                <th key={v.index} colSpan={2} scope="colgroup" data-figure-caption={`#${v.index} · ${v.label}`}>
                  <span className={v.label === 'good' ? 'tag good' : 'tag bad'}>{labelText(t, v.label)}</span> <span className="small muted">#{v.index}</span>
                </th>
              ))}
            </tr>
            <tr data-figure-row data-figure-label="input · truth">
              <th scope="row" className="small muted row-head">
                {t('cgrid.inputTruth')}
              </th>
              {grid.inputs.map((v) => (
                <InputCells key={v.index} rgba={v.rgba} mask={v.mask} size={size} name={`#${v.index}`} />
              ))}
            </tr>
          </thead>
          <tbody>
            {board.results.map((r, i) => {
              const row = grid.rows.find((x) => x.key === r.key);
              if (!row) return null;
              return (
                <tr key={r.key} data-testid="compare-grid-row" data-figure-row data-figure-label={r.row.label} data-figure-sub="reconstruction · heatmap">
                  <th scope="row">
                    <span className="small">
                      <span className="swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} aria-hidden="true" />
                      {entryLabel(r.row.label)}
                    </span>
                    <span className="small muted">{t('cgrid.reconHeat')}</span>
                  </th>
                  {row.samples.map((s) => (
                    <RunCells key={s.index} recon={s.recon} map={s.map} scale={scales.get(r.key)!} size={size} name={t('cgrid.by', { image: `#${s.index}`, method: entryLabel(r.row.label) })} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
});

const CELL = 96;

function InputCells({ rgba, mask, size, name }: { rgba: Uint8ClampedArray; mask: Uint8Array | null; size: number; name: string }) {
  const outlined = useMemo(() => (mask ? contoursRgba(rgba, size, [{ mask, rgb: TRUTH_RGB }]) : rgba), [rgba, mask, size]);
  const truth = useMemo(() => maskRgba(mask ?? new Uint8Array(size * size)), [mask, size]);
  const t = useT();
  return (
    <>
      <td>
        <PixelCanvas rgba={outlined} size={size} label={t('cgrid.inputOf', { name })} display={CELL} />
      </td>
      <td>
        <PixelCanvas rgba={truth} size={size} label={t('grid.maskOf', { name })} display={CELL} />
      </td>
    </>
  );
}

function RunCells(props: { recon: Uint8ClampedArray; map: Float32Array; scale: HeatScale; size: number; name: string }) {
  const { recon, map, scale, size, name } = props;
  const heat = useMemo(() => scaledHeatmapRgba(map, scale), [map, scale]);
  const t = useT();
  return (
    <>
      <td>
        <PixelCanvas rgba={recon} size={size} label={t('grid.reconOf', { name })} display={CELL} />
      </td>
      <td>
        <PixelCanvas rgba={heat} size={size} label={t('cgrid.heatOf', { name })} display={CELL} />
      </td>
    </>
  );
}
