import { useMemo } from 'react';
import { heatmapRgba, maskRgba } from '../components/colormap';
import { PixelCanvas } from '../components/PixelCanvas';
import { useT } from '../i18n';
import { termText } from '../i18n/labels';
import { useMessageText } from '../i18n/messages';
import { endStepRun, pauseSlowMotion, playSlowMotion, scoreStepRun, startStepRun, stepOnce } from '../labClient';
import { useLab } from '../store';
import type { StepImage } from '../../worker/stepProtocol';

/**
 * Step mode: one training step per click, and what the method did in it: the batch image, the mask
 * drawn (inpainting methods), the masked input and its restoration, the reconstruction, the error
 * map and every loss term. Slow motion takes the steps on its own at a readable pace.
 */
export function StepPanel() {
  const t = useT();
  const msg = useMessageText();
  const status = useLab((s) => s.stepStatus);
  const view = useLab((s) => s.stepView);
  const total = useLab((s) => s.stepTotal);
  const error = useLab((s) => s.stepError);
  const pace = useLab((s) => s.slowMotionMs);
  const setPace = useLab((s) => s.setSlowMotionMs);
  const training = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const ready = useLab((s) => s.dataset !== null && s.backend !== null && s.compareStatus !== 'running');
  const done = view !== null && view.step >= view.totalSteps;
  const canStep = ready && !training && status !== 'stepping' && status !== 'playing' && !done;
  return (
    <section className="panel" aria-labelledby="step-title" data-testid="step-panel">
      <h2 id="step-title">{t('step.title')}</h2>
      <p className="muted small">{t('step.intro')}</p>
      <div className="row align-center">
        <button type="button" onClick={() => void stepOnce()} disabled={!canStep} aria-keyshortcuts="Alt+S">
          {t('step.one')}
        </button>
        {status === 'playing' ? (
          <button type="button" className="secondary" onClick={pauseSlowMotion} aria-keyshortcuts="Alt+P">
            {t('step.pause')}
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => void playSlowMotion()} disabled={!canStep} aria-keyshortcuts="Alt+M">
            {t('step.slow')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void startStepRun()} disabled={!ready || training || status === 'stepping' || status === 'playing'}>
          {t('step.restart')}
        </button>
        <button type="button" className="secondary" onClick={() => void scoreStepRun()} disabled={!view || status === 'stepping' || status === 'playing'}>
          {t('step.score')}
        </button>
        {status !== 'off' && (
          <button type="button" className="secondary" onClick={() => void endStepRun()} disabled={status === 'stepping' || status === 'playing'}>
            {t('step.end')}
          </button>
        )}
      </div>
      <label className="inline small">
        {t('step.pace')}
        <input type="range" min={300} max={4000} step={100} value={pace} onChange={(e) => setPace(Number(e.target.value))} aria-valuetext={t('step.paceValue', { s: (pace / 1000).toFixed(1) })} />
        <span>{t('step.paceValue', { s: (pace / 1000).toFixed(1) })}</span>
      </label>
      {error && (
        <p className="error small" role="alert">
          {msg(error)}
        </p>
      )}
      <p className="small" data-testid="step-status" aria-live="polite">
        {view
          ? t('step.status', { step: view.step, total: view.totalSteps, epoch: view.epoch, batch: view.batchSize })
          : status === 'stepping'
            ? t('step.first')
            : status === 'off'
              ? t('step.none')
              : t('step.readyToStep', { total })}
        {done ? ` · ${t('step.allDone')}` : ''}
      </p>
      {view && <StepImages image={view.image} />}
      {view && (
        <table className="loss-table" data-testid="step-losses">
          <caption className="small muted">{t('step.lossCaption', { step: view.step })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('step.term')}</th>
              <th scope="col">{t('step.value')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(view.losses).map(([name, v]) => (
              <tr key={name}>
                <th scope="row" title={name}>
                  {termText(t, name)}
                </th>
                <td>{v.toPrecision(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StepImages({ image }: { image: StepImage }) {
  const t = useT();
  const { size } = image;
  const mapRgba = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of image.map) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return heatmapRgba(image.map, lo, hi);
  }, [image.map]);
  const tiles: { key: string; rgba: Uint8ClampedArray; caption: string }[] = [
    { key: 'input', rgba: image.input, caption: t('step.img.input') },
    ...(image.mask ? [{ key: 'mask', rgba: maskRgba(image.mask), caption: t('step.img.mask') }] : []),
    ...(image.masked ? [{ key: 'masked', rgba: image.masked, caption: t('step.img.masked') }] : []),
    ...(image.restored ? [{ key: 'restored', rgba: image.restored, caption: t('step.img.restored') }] : []),
    { key: 'recon', rgba: image.recon, caption: t('step.img.recon') },
    { key: 'map', rgba: mapRgba, caption: t('step.img.map') },
  ];
  return (
    <div className="thumbs step-images" data-testid="step-images">
      {tiles.map((tile) => (
        <figure key={tile.key} data-kind={tile.key}>
          <PixelCanvas rgba={tile.rgba} size={size} label={`${tile.caption} (${image.name})`} display={96} />
          <figcaption>{tile.caption}</figcaption>
        </figure>
      ))}
    </div>
  );
}
