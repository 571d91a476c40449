import { useEffect, useMemo, useState } from 'react';
import type { MaskPanelData } from '../../worker/protocol';
import { maskViews } from '../labClient';
import { useLab } from '../store';
import { useT } from '../i18n';
import { methodText } from '../i18n/methods';
import { useMessageText } from '../i18n/messages';
import { labelText } from '../i18n/labels';
import { viewText } from '../i18n/views';
import { usePrefs } from '../prefs';
import { floatRgba } from './masks/maskPixels';
import { CombinedResult, MaskTiles } from './masks/MaskTiles';

/** One mask per this many ms when animating: slow enough to read the mask's title. */
const ANIMATE_MS = 1200;
/** Settings changes are batched this long before new masks are asked for (each makes a network). */
const DEBOUNCE_MS = 250;

/** The inpainting methods' masks on one image: what training hides, what the network restores, and how it adds up. */
export function MaskPanel() {
  const t = useT();
  const lang = usePrefs((s) => s.lang);
  const methods = useLab((s) => s.methods);
  const methodId = useLab((s) => s.methodId);
  const info = methods.find((m) => m.id === methodId);
  if (!info) return null;
  if (!info.hasMaskViews) {
    return (
      <section className="panel" aria-labelledby="masks-title" data-testid="mask-panel">
        <h2 id="masks-title">{t('masks.title')}</h2>
        <p className="muted small">{t('masks.noMasks', { method: shortTitle(methodText(info, lang).title) })}</p>
      </section>
    );
  }
  // Keyed by method: another method's masks start again at its first mask and default image.
  return <MaskExplorer key={methodId} methodId={methodId} title={shortTitle(methodText(info, lang).title)} />;
}

/** A method's title without its explanation in brackets: "RIAD (reconstruction by inpainting)" → "RIAD". */
function shortTitle(title: string): string {
  return title.split(/ ?[(（]/)[0]!;
}

function MaskExplorer({ methodId, title }: { methodId: string; title: string }) {
  const t = useT();
  const msg = useMessageText();
  const config = useLab((s) => s.methodConfigs[methodId]);
  const seed = useLab((s) => s.train.seed);
  const dataset = useLab((s) => s.dataset);
  const ev = useLab((s) => s.evaluation);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const [split, setSplit] = useState<'train' | 'test'>('test');
  const [chosen, setChosen] = useState<number | null>(null);
  const [maskIndex, setMaskIndex] = useState(0);
  const [animate, setAnimate] = useState(false);
  const [overlay, setOverlay] = useState(true);
  const [data, setData] = useState<MaskPanelData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  // Default image: the first anomalous test image, so that a trained map has something to show.
  const firstDefect = dataset ? (Object.entries(dataset.examples).find(([label]) => label !== 'good')?.[1][0] ?? 0) : 0;
  const count = dataset ? (split === 'test' ? dataset.testCount : dataset.trainCount) : 0;
  const index = Math.min(chosen ?? (split === 'test' ? firstDefect : 0), Math.max(0, count - 1));
  const configKey = JSON.stringify(config ?? {});

  useEffect(() => {
    if (!dataset || busy || count === 0) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      setLoading(true);
      maskViews({ method: methodId, config: JSON.parse(configKey), seed, split, index })
        .then((d) => {
          if (cancelled) return;
          setData(d);
          setError(null);
          setMaskIndex((m) => Math.min(m, Math.max(0, d.masks.length - 1)));
        })
        .catch((e: Error) => !cancelled && setError(e.message))
        .finally(() => !cancelled && setLoading(false));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // ev.runId: a newly trained (or opened) run brings its restorations.
  }, [dataset, busy, count, methodId, configKey, seed, split, index, ev?.runId]);

  const total = data?.masks.length ?? 0;
  useEffect(() => {
    if (!animate || total < 2) return;
    const timer = setInterval(() => setMaskIndex((m) => (m + 1) % total), ANIMATE_MS);
    return () => clearInterval(timer);
  }, [animate, total]);

  const shown = data && data.method === methodId ? data : null;
  const imageRgba = useMemo(() => (shown ? floatRgba(shown.image, shown.channels) : null), [shown]);
  const current = Math.max(0, Math.min(maskIndex, total - 1));
  const view = shown?.masks[current];
  const mapScale =
    shown?.trained && ev && ev.method === shown.method
      ? { min: ev.mapMin, max: ev.mapMax, caption: t('masks.runScale') }
      : null;
  const step = (d: number) => total > 0 && setMaskIndex((m) => (m + d + total) % total);
  const pickImage = (i: number) => setChosen(Math.min(Math.max(0, i), Math.max(0, count - 1)));

  return (
    <section className="panel" aria-labelledby="masks-title" data-testid="mask-panel">
      <h2 id="masks-title">{t('masks.titleOf', { method: title })}</h2>
      <p className="small muted">
        {t('masks.intro')} {shown?.trained ? t('masks.restoredBy', { steps: shown.trained.steps }) : t('masks.trainToSee')}
      </p>
      <div className="mask-controls">
        <label className="inline">
          {t('masks.split')}
          <select aria-label={t('masks.splitLabel')} value={split} onChange={(e) => (setSplit(e.target.value === 'train' ? 'train' : 'test'), setChosen(null))}>
            <option value="test">{t('gallery.test')}</option>
            <option value="train">{t('gallery.train')}</option>
          </select>
        </label>
        <div className="row align-center">
          <button type="button" className="secondary small-button" aria-label={t('masks.prevImage')} disabled={index <= 0} onClick={() => pickImage(index - 1)}>
            ◀
          </button>
          <label className="inline">
            {t('masks.image')}
            <input aria-label={t('masks.imageLabel')} type="number" min={0} max={Math.max(0, count - 1)} value={index} onChange={(e) => pickImage(Math.round(Number(e.target.value) || 0))} />
          </label>
          <span className="small muted">
            {t('masks.range', { split: t(split === 'test' ? 'gallery.test' : 'gallery.train'), last: Math.max(0, count - 1) })}
          </span>
          <button type="button" className="secondary small-button" aria-label={t('masks.nextImage')} disabled={index >= count - 1} onClick={() => pickImage(index + 1)}>
            ▶
          </button>
          {shown && (
            <span className="small">
              <span className={shown.label === 'good' ? 'tag good' : 'tag bad'}>{labelText(t, shown.label)}</span> {shown.name}
            </span>
          )}
        </div>
      </div>
      <div className="mask-controls">
        <div className="row align-center">
          <button type="button" className="secondary small-button" aria-label={t('masks.prevMask')} disabled={total < 2} onClick={() => step(-1)}>
            ◀
          </button>
          <span className="mask-position" data-testid="mask-position">
            {t('masks.position', { i: total ? current + 1 : 0, n: total })}
          </span>
          <button type="button" className="secondary small-button" aria-label={t('masks.nextMask')} disabled={total < 2} onClick={() => step(1)}>
            ▶
          </button>
        </div>
        <label className="check">
          <input type="checkbox" aria-label={t('masks.animateLabel')} checked={animate} onChange={(e) => setAnimate(e.target.checked)} />
          {t('masks.animate')}
        </label>
        <label className="check">
          <input type="checkbox" aria-label={t('masks.overlayLabel')} checked={overlay} onChange={(e) => setOverlay(e.target.checked)} />
          {t('masks.overlay')}
        </label>
        {(loading || busy) && <span className="small muted">{busy ? t('masks.waiting') : t('masks.drawing')}</span>}
      </div>
      {error && <p className="error">{msg(error)}</p>}
      {shown && imageRgba && view && (
        <>
          <p className="mask-title" data-testid="mask-title">
            {viewText(t, view.title)}
          </p>
          <MaskTiles view={view} imageRgba={imageRgba} data={shown} overlay={overlay} position={t('masks.position', { i: current + 1, n: total })} />
          {shown.trained && <CombinedResult data={shown} imageRgba={imageRgba} mapScale={mapScale} />}
        </>
      )}
    </section>
  );
}
