import { useEffect, useMemo, useState } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { AttentionView, ImagesView, LatentView, MemoryEvolutionView, MemoryUsageView, MethodView, UsageMapView } from '../../core/methods/types';
import { PixelCanvas } from '../components/PixelCanvas';
import { Plot } from '../components/Plot';
import { ANOMALOUS_COLOUR, NORMAL_COLOUR, SERIES_COLOURS } from '../components/charts';
import { viridis } from '../components/colormap';
import { methodViews } from '../labClient';
import { useLab } from '../store';
import { useT } from '../i18n';
import { labelText } from '../i18n/labels';
import { useMessageText } from '../i18n/messages';
import { viewText } from '../i18n/views';
import type { Translate } from '../i18n';

/** At most this many test images are sent through a view (the latent plot shows them all). */
const PROBE_LIMIT = 200;

/** The trained method's own explanation: latent space (VAE), prototypes (MemAE), memory use (MNAD), attention (InTra). */
export function MethodViewsPanel() {
  const t = useT();
  const msg = useMessageText();
  const ev = useLab((s) => s.evaluation);
  const samples = useLab((s) => s.samples);
  const dataset = useLab((s) => s.dataset);
  const [chosen, setChosen] = useState<number | null>(null);
  const [focus, setFocus] = useState<{ row: number; col: number } | undefined>(undefined);
  const [views, setViews] = useState<MethodView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosenIndex = chosen ?? samples.find((s) => s.label !== 'good')?.index ?? samples[0]?.index ?? 0;
  const probe = useMemo(() => {
    if (!ev) return [];
    const rest = ev.labels.map((_, i) => i).filter((i) => i !== chosenIndex);
    return [chosenIndex, ...rest].slice(0, PROBE_LIMIT);
  }, [ev, chosenIndex]);

  useEffect(() => {
    if (!ev) {
      setViews(null);
      return;
    }
    let cancelled = false;
    methodViews(probe, focus)
      .then((x) => !cancelled && (setViews(x.views), setError(null)))
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [ev, probe, focus]);

  if (!ev || !dataset || !views || views.length === 0) return error ? <p className="error">{msg(error)}</p> : null;
  return (
    <section className="panel" aria-labelledby="views-title" data-testid="method-views">
      <h2 id="views-title">{t('views.title', { method: ev.method.toUpperCase() })}</h2>
      <label className="inline">
        {t('views.image')}
        <select aria-label={t('views.imageLabel')} value={chosenIndex} onChange={(e) => (setChosen(Number(e.target.value)), setFocus(undefined))}>
          {samples.map((s) => (
            <option key={s.index} value={s.index}>
              {labelText(t, s.label)} · {s.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error">{msg(error)}</p>}
      <div className="views">
        {views.map((v, i) => (
          <figure key={`${v.kind}-${i}`} className="view" data-kind={v.kind}>
            <figcaption>{viewText(t, v.title)}</figcaption>
            <ViewBody view={v} title={viewText(t, v.title)} t={t} labels={probe.map((j) => ev.labels[j]!)} onFocus={setFocus} />
          </figure>
        ))}
      </div>
    </section>
  );
}

/** Each body gets the view's title and the translate function of the reader's language. */
interface BodyText {
  title: string;
  t: Translate;
}

function ViewBody(props: BodyText & { view: MethodView; labels: string[]; onFocus: (f: { row: number; col: number }) => void }) {
  const { view, title, t } = props;
  switch (view.kind) {
    case 'images':
      return <ImagesBody view={view} title={title} t={t} />;
    case 'latent':
      return <LatentBody view={view} title={title} t={t} labels={props.labels} />;
    case 'memoryUsage':
      return <UsageBars view={view} title={title} t={t} />;
    case 'usageMap':
      return <UsageMapBody view={view} title={title} t={t} />;
    case 'memoryEvolution':
      return <EvolutionBody view={view} title={title} t={t} />;
    case 'attention':
      return <AttentionBody view={view} title={title} t={t} onFocus={props.onFocus} />;
  }
}

function rgbaOf(view: ImagesView, i: number): Uint8ClampedArray {
  const { h, w, channels, pixels } = view;
  const per = h * w * channels;
  const out = new Uint8ClampedArray(h * w * 4);
  for (let p = 0; p < h * w; p++) {
    for (let c = 0; c < 3; c++) out[p * 4 + c] = pixels[i * per + p * channels + (channels === 1 ? 0 : c)]!;
    out[p * 4 + 3] = 255;
  }
  return out;
}

function ImagesBody({ view, title, t }: BodyText & { view: ImagesView }) {
  return (
    <div className="thumbs">
      {Array.from({ length: view.count }, (_, i) => (
        <figure key={i}>
          <PixelCanvas rgba={rgbaOf(view, i)} size={view.h} label={`${title}: ${view.captions?.[i] ? viewText(t, view.captions[i]) : t('view.imageN', { n: i + 1 })}`} display={56} />
          <figcaption>{view.captions?.[i] ? viewText(t, view.captions[i]) : i + 1}</figcaption>
        </figure>
      ))}
    </div>
  );
}

function LatentBody({ view, labels, title, t }: BodyText & { view: LatentView; labels: string[] }) {
  const traces = useMemo<PlotTrace[]>(() => {
    const pick = (anomalous: boolean) => {
      const x: number[] = [];
      const y: number[] = [];
      labels.forEach((l, i) => {
        if ((l !== 'good') === anomalous && 2 * i + 1 < view.points.length) {
          x.push(view.points[2 * i]!);
          y.push(view.points[2 * i + 1]!);
        }
      });
      return { x, y, name: anomalous ? t('common.anomalous') : t('common.normal'), type: 'scatter' as const, mode: 'markers' as const, marker: { color: anomalous ? ANOMALOUS_COLOUR : NORMAL_COLOUR, size: 6 } };
    };
    return [pick(false), pick(true)];
  }, [view, labels, t]);
  const layout = useMemo(
    () => ({ height: 260, xaxis: { title: { text: viewText(t, view.axes[0]) } }, yaxis: { title: { text: viewText(t, view.axes[1]) } } }),
    [view, t],
  );
  return <Plot traces={traces} layout={layout} label={t('view.latentLabel', { title })} />;
}

function UsageBars({ view, title, t }: BodyText & { view: MemoryUsageView }) {
  const max = Math.max(1, ...view.counts);
  return (
    <div className="bars" role="img" aria-label={t('view.usageLabel', { title, n: view.counts.length })}>
      {Array.from(view.counts, (c, i) => (
        <span key={i} className="bar" style={{ height: `${(100 * c) / max}%` }} title={t('view.itemCount', { i, n: c })} />
      ))}
    </div>
  );
}

function UsageMapBody({ view, title, t }: BodyText & { view: UsageMapView }) {
  const { rows, cols, items, indices } = view;
  const rgba = new Uint8ClampedArray(rows * cols * 4);
  for (let p = 0; p < rows * cols; p++) {
    const [r, g, b] = viridis(items > 1 ? indices[p]! / (items - 1) : 0);
    rgba.set([r, g, b, 255], p * 4);
  }
  return (
    <div>
      <PixelCanvas rgba={rgba} size={rows} label={t('view.mapLabel', { title })} display={120} />
      <p className="small muted">{t('view.mapNote', { max: items - 1 })}</p>
    </div>
  );
}

function EvolutionBody({ view, title, t }: BodyText & { view: MemoryEvolutionView }) {
  const traces = useMemo<PlotTrace[]>(
    () =>
      Array.from({ length: view.items }, (_, i) => ({
        x: Array.from(view.steps),
        y: Array.from(view.values.subarray(i * view.steps.length, (i + 1) * view.steps.length)),
        name: t('view.item', { i }),
        type: 'scatter' as const,
        mode: 'lines' as const,
        line: { color: SERIES_COLOURS[i % SERIES_COLOURS.length]!, width: 1.5 },
      })),
    [view, t],
  );
  const layout = useMemo(() => ({ height: 240, xaxis: { title: { text: t('view.step') } }, yaxis: { title: { text: t('view.cosine') } }, showlegend: false }), [t]);
  return <Plot traces={traces} layout={layout} label={title} />;
}

function AttentionBody({ view, title, t, onFocus }: BodyText & { view: AttentionView; onFocus: (f: { row: number; col: number }) => void }) {
  const { rows, cols, L, r0, c0, row, col, blocks, heads, weights } = view;
  // Mean over blocks and heads of the inpaint token's attention to each window position.
  const mean = new Float32Array(L * L);
  for (let b = 0; b < blocks * heads; b++) for (let k = 0; k < L * L; k++) mean[k]! += weights[b * L * L + k]! / (blocks * heads);
  const max = Math.max(...mean) || 1;
  return (
    <div>
      <div className="patch-grid" style={{ gridTemplateColumns: `repeat(${cols}, 18px)` }} role="grid" aria-label={t('view.gridLabel', { title })}>
        {Array.from({ length: rows * cols }, (_, p) => {
          const r = Math.floor(p / cols);
          const c = p % cols;
          const inWindow = r >= r0 && r < r0 + L && c >= c0 && c < c0 + L;
          const w = inWindow ? mean[(r - r0) * L + (c - c0)]! / max : 0;
          const [red, green, blue] = viridis(w);
          return (
            <button
              key={p}
              type="button"
              className={`patch${r === row && c === col ? ' focus' : ''}`}
              style={{ background: inWindow ? `rgb(${red | 0},${green | 0},${blue | 0})` : '#e9ecef' }}
              aria-label={inWindow ? t('view.patchAttention', { r, c, w: w.toFixed(2) }) : t('view.patch', { r, c })}
              onClick={() => onFocus({ row: r, col: c })}
            />
          );
        })}
      </div>
      <p className="small muted">{t('view.attentionNote', { row, col, L, blocks, heads })}</p>
    </div>
  );
}
