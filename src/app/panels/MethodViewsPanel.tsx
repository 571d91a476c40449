import { useEffect, useMemo, useState } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import type { AttentionView, ImagesView, LatentView, MemoryEvolutionView, MemoryUsageView, MethodView, UsageMapView } from '../../core/methods/types';
import { PixelCanvas } from '../components/PixelCanvas';
import { Plot } from '../components/Plot';
import { ANOMALOUS_COLOUR, NORMAL_COLOUR, SERIES_COLOURS } from '../components/charts';
import { viridis } from '../components/colormap';
import { methodViews } from '../labClient';
import { useLab } from '../store';

/** At most this many test images are sent through a view (the latent plot shows them all). */
const PROBE_LIMIT = 200;

/** The trained method's own explanation: latent space (VAE), prototypes (MemAE), memory use (MNAD), attention (InTra). */
export function MethodViewsPanel() {
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

  if (!ev || !dataset || !views || views.length === 0) return error ? <p className="error">{error}</p> : null;
  return (
    <section className="panel" aria-labelledby="views-title" data-testid="method-views">
      <h2 id="views-title">Inside the {ev.method.toUpperCase()}</h2>
      <label className="inline">
        Test image
        <select aria-label="Test image for the method view" value={chosenIndex} onChange={(e) => (setChosen(Number(e.target.value)), setFocus(undefined))}>
          {samples.map((s) => (
            <option key={s.index} value={s.index}>
              {s.label} · {s.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error">{error}</p>}
      <div className="views">
        {views.map((v, i) => (
          <figure key={`${v.kind}-${i}`} className="view" data-kind={v.kind}>
            <figcaption>{v.title}</figcaption>
            <ViewBody view={v} labels={probe.map((j) => ev.labels[j]!)} onFocus={setFocus} />
          </figure>
        ))}
      </div>
    </section>
  );
}

function ViewBody(props: { view: MethodView; labels: string[]; onFocus: (f: { row: number; col: number }) => void }) {
  const { view } = props;
  switch (view.kind) {
    case 'images':
      return <ImagesBody view={view} />;
    case 'latent':
      return <LatentBody view={view} labels={props.labels} />;
    case 'memoryUsage':
      return <UsageBars view={view} />;
    case 'usageMap':
      return <UsageMapBody view={view} />;
    case 'memoryEvolution':
      return <EvolutionBody view={view} />;
    case 'attention':
      return <AttentionBody view={view} onFocus={props.onFocus} />;
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

function ImagesBody({ view }: { view: ImagesView }) {
  return (
    <div className="thumbs">
      {Array.from({ length: view.count }, (_, i) => (
        <figure key={i}>
          <PixelCanvas rgba={rgbaOf(view, i)} size={view.h} label={`${view.title}: ${view.captions?.[i] ?? `image ${i + 1}`}`} display={56} />
          <figcaption>{view.captions?.[i] ?? i + 1}</figcaption>
        </figure>
      ))}
    </div>
  );
}

function LatentBody({ view, labels }: { view: LatentView; labels: string[] }) {
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
      return { x, y, name: anomalous ? 'anomalous' : 'normal', type: 'scatter' as const, mode: 'markers' as const, marker: { color: anomalous ? ANOMALOUS_COLOUR : NORMAL_COLOUR, size: 6 } };
    };
    return [pick(false), pick(true)];
  }, [view, labels]);
  const layout = useMemo(() => ({ height: 260, xaxis: { title: { text: view.axes[0] } }, yaxis: { title: { text: view.axes[1] } } }), [view]);
  return <Plot traces={traces} layout={layout} label={`${view.title}: test images in the latent space`} />;
}

function UsageBars({ view }: { view: MemoryUsageView }) {
  const max = Math.max(1, ...view.counts);
  return (
    <div className="bars" role="img" aria-label={`${view.title}: use count of each of ${view.counts.length} memory items`}>
      {Array.from(view.counts, (c, i) => (
        <span key={i} className="bar" style={{ height: `${(100 * c) / max}%` }} title={`item ${i}: ${c}`} />
      ))}
    </div>
  );
}

function UsageMapBody({ view }: { view: UsageMapView }) {
  const { rows, cols, items, indices } = view;
  const rgba = new Uint8ClampedArray(rows * cols * 4);
  for (let p = 0; p < rows * cols; p++) {
    const [r, g, b] = viridis(items > 1 ? indices[p]! / (items - 1) : 0);
    rgba.set([r, g, b, 255], p * 4);
  }
  return (
    <div>
      <PixelCanvas rgba={rgba} size={rows} label={`${view.title}: memory item read at each position of the chosen image`} display={120} />
      <p className="small muted">colour = index of the memory item read (0 … {items - 1})</p>
    </div>
  );
}

function EvolutionBody({ view }: { view: MemoryEvolutionView }) {
  const traces = useMemo<PlotTrace[]>(
    () =>
      Array.from({ length: view.items }, (_, i) => ({
        x: Array.from(view.steps),
        y: Array.from(view.values.subarray(i * view.steps.length, (i + 1) * view.steps.length)),
        name: `item ${i}`,
        type: 'scatter' as const,
        mode: 'lines' as const,
        line: { color: SERIES_COLOURS[i % SERIES_COLOURS.length]!, width: 1.5 },
      })),
    [view],
  );
  const layout = useMemo(() => ({ height: 240, xaxis: { title: { text: 'step' } }, yaxis: { title: { text: 'cosine to initial item' } }, showlegend: false }), []);
  return <Plot traces={traces} layout={layout} label={view.title} />;
}

function AttentionBody({ view, onFocus }: { view: AttentionView; onFocus: (f: { row: number; col: number }) => void }) {
  const { rows, cols, L, r0, c0, row, col, blocks, heads, weights } = view;
  // Mean over blocks and heads of the inpaint token's attention to each window position.
  const mean = new Float32Array(L * L);
  for (let b = 0; b < blocks * heads; b++) for (let k = 0; k < L * L; k++) mean[k]! += weights[b * L * L + k]! / (blocks * heads);
  const max = Math.max(...mean) || 1;
  return (
    <div>
      <div className="patch-grid" style={{ gridTemplateColumns: `repeat(${cols}, 18px)` }} role="grid" aria-label={`${view.title}: click a patch to see its window`}>
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
              aria-label={`patch ${r},${c}${inWindow ? `, attention ${w.toFixed(2)}` : ''}`}
              onClick={() => onFocus({ row: r, col: c })}
            />
          );
        })}
      </div>
      <p className="small muted">
        patch ({row}, {col}) inpainted from the {L}×{L} window; colour = attention (mean over {blocks} blocks × {heads} heads)
      </p>
    </div>
  );
}
