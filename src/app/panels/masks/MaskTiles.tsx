import { useMemo } from 'react';
import type { MaskView } from '../../../core/methods/types';
import type { MaskPanelData } from '../../../worker/protocol';
import { ColorLegend } from '../../components/ColorLegend';
import { PixelCanvas } from '../../components/PixelCanvas';
import { heatmapRgba, maskRgba } from '../../components/colormap';
import { floatRgba, pastedRgba, tintRgba, valueRange } from './maskPixels';
import { useT, type MessageKey } from '../../i18n';
import { viewText } from '../../i18n/views';

/** Hidden pixels are tinted in this colour when the overlay is on. */
export const MASK_TINT: [number, number, number] = [232, 89, 12];
const TILE = 112;

/** How each method's per-mask restorations become its reconstruction and anomaly map (dictionary keys). */
const COMBINE: Record<string, MessageKey> = { riad: 'masks.combine.riad', smai: 'masks.combine.smai', scadn: 'masks.combine.scadn' };

/** One mask of the chosen image: the mask (or its overlay), the masked input and, once trained, the restoration. */
export function MaskTiles(props: { view: MaskView; imageRgba: Uint8ClampedArray; data: MaskPanelData; overlay: boolean; position: string }) {
  const { view, imageRgba, data, overlay, position } = props;
  const { size, channels } = data;
  const t = useT();
  const maskImage = useMemo(() => (overlay ? tintRgba(imageRgba, view.mask, MASK_TINT) : maskRgba(view.mask)), [overlay, imageRgba, view.mask]);
  const input = useMemo(() => (view.input ? floatRgba(view.input, channels) : null), [view.input, channels]);
  const restored = useMemo(() => (view.restored ? floatRgba(view.restored, channels) : null), [view.restored, channels]);
  const pasted = useMemo(() => (restored ? pastedRgba(imageRgba, restored, view.mask) : null), [restored, imageRgba, view.mask]);
  return (
    <div className="mask-tiles" data-testid="mask-tiles">
      <Tile
        caption={overlay ? t('masks.over') : t('masks.white')}
        rgba={maskImage}
        size={size}
        label={t('masks.tileLabel', { position, title: viewText(t, view.title), how: overlay ? t('masks.tinted') : t('masks.whereHidden') })}
        testId="mask-canvas"
      />
      {input ? (
        <Tile caption={t('masks.masked')} rgba={input} size={size} label={t('masks.maskedLabel', { position })} />
      ) : (
        <Empty caption={t('masks.maskedShort')} text={t('masks.notAvailable')} />
      )}
      {restored && pasted ? (
        <>
          <Tile caption={t('masks.output')} rgba={restored} size={size} label={t('masks.outputLabel', { position })} />
          <Tile caption={t('masks.pasted')} rgba={pasted} size={size} label={t('masks.pastedLabel', { position })} />
        </>
      ) : (
        <Empty caption={t('masks.restoration')} text={data.trained ? t('masks.notUsed') : t('masks.onceTrained')} />
      )}
    </div>
  );
}

/** The run's own result on the image: what the restorations combine into. */
export function CombinedResult(props: { data: MaskPanelData; imageRgba: Uint8ClampedArray; mapScale: { min: number; max: number; caption: string } | null }) {
  const { data, imageRgba, mapScale } = props;
  const trained = data.trained!;
  const t = useT();
  const [ownMin, ownMax] = useMemo(() => valueRange(trained.map), [trained.map]);
  const scale = mapScale ?? { min: ownMin, max: ownMax, caption: t('masks.ownScale') };
  const recon = useMemo(() => floatRgba(trained.recon, data.channels), [trained.recon, data.channels]);
  const heat = useMemo(() => heatmapRgba(trained.map, scale.min, scale.max), [trained.map, scale.min, scale.max]);
  const over = useMemo(() => heatmapRgba(trained.map, scale.min, scale.max, imageRgba), [trained.map, scale.min, scale.max, imageRgba]);
  return (
    <div className="mask-combined" data-testid="mask-combined">
      <h3>
        {t('masks.combined')} <span className="muted small">{t('masks.combinedNote', { steps: trained.steps, score: trained.score.toPrecision(4) })}</span>
      </h3>
      <p className="small muted">{t(COMBINE[data.method] ?? 'masks.combine.other')}</p>
      <div className="mask-tiles">
        <Tile caption={t('grid.input')} rgba={imageRgba} size={data.size} label={t('grid.inputOf', { name: data.name })} />
        <Tile caption={t('grid.recon')} rgba={recon} size={data.size} label={t('masks.combinedRecon', { name: data.name })} />
        <Tile caption={t('grid.map')} rgba={heat} size={data.size} label={t('masks.mapOf', { name: data.name })} testId="mask-map" />
        <Tile caption={t('grid.over')} rgba={over} size={data.size} label={t('masks.mapOver', { name: data.name })} />
      </div>
      <ColorLegend min={scale.min} max={scale.max} caption={scale.caption} />
    </div>
  );
}

function Tile(props: { caption: string; rgba: Uint8ClampedArray; size: number; label: string; testId?: string }) {
  return (
    <figure className="mask-tile" data-testid={props.testId}>
      <PixelCanvas rgba={props.rgba} size={props.size} label={props.label} display={TILE} />
      <figcaption>{props.caption}</figcaption>
    </figure>
  );
}

function Empty({ caption, text }: { caption: string; text: string }) {
  return (
    <figure className="mask-tile">
      <div className="mask-empty" style={{ width: TILE, height: TILE }}>
        {text}
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
