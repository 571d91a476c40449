import { useMemo, useState } from 'react';
import { confusionAt } from '../../core/metrics/threshold';
import { ColorLegend } from '../components/ColorLegend';
import { scaleEnds, type HeatScale } from '../components/colormap';
import { useLab } from '../store';
import { useT } from '../i18n';
import { useMessageText } from '../i18n/messages';
import type { EvaluationSummary, SampleView } from '../../worker/protocol';
import { MetricCards, fmt } from './results/MetricCards';
import { ResultPlots } from './results/ResultPlots';
import { SampleGrid } from './results/SampleGrid';
import { ConfusionMatrix, ScaleSwitch, ThresholdSlider, type ScaleMode } from './results/ThresholdTools';

export function ResultsPanel() {
  const t = useT();
  const ev = useLab((s) => s.evaluation);
  const samples = useLab((s) => s.samples);
  const dataset = useLab((s) => s.dataset);
  const state = useLab((s) => s.runState);
  return (
    <section className="panel" aria-labelledby="results-title">
      <h2 id="results-title">{t('results.title')}</h2>
      {!ev || !dataset ? (
        <p className="muted placeholder">
          {state === 'evaluating' ? t('results.scoring') : t('results.placeholder')}
        </p>
      ) : (
        // Keyed by run, so that thresholds start again at the new run's F1-max values.
        <ResultsBody key={ev.runId} ev={ev} samples={samples} size={dataset.size} />
      )}
    </section>
  );
}

function scoreRange(scores: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of scores) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

function ResultsBody({ ev, samples, size }: { ev: EvaluationSummary; samples: SampleView[]; size: number }) {
  const t = useT();
  const msg = useMessageText();
  const { metrics } = ev;
  const [scoreMin, scoreMax] = useMemo(() => scoreRange(ev.scores), [ev.scores]);
  const bestImage = metrics.f1max.image?.threshold ?? null;
  const bestPixel = metrics.f1max.pixel?.threshold ?? null;
  const [imageThreshold, setImageThreshold] = useState(bestImage ?? (scoreMin + scoreMax) / 2);
  // Without masks there is no pixel F1-max; the image threshold is in map units for max-scored maps.
  const [pixelThreshold, setPixelThreshold] = useState(bestPixel ?? Math.min(ev.mapMax, Math.max(ev.mapMin, bestImage ?? (ev.mapMin + ev.mapMax) / 2)));
  const [mode, setMode] = useState<ScaleMode>('centred');
  const confusion = useMemo(() => confusionAt(ev.scores, ev.labels, imageThreshold), [ev.scores, ev.labels, imageThreshold]);
  const scale = useMemo(
    (): HeatScale =>
      mode === 'centred'
        ? { kind: 'centred', threshold: pixelThreshold, min: ev.mapMin, max: ev.mapMax }
        : { kind: 'raw', min: ev.mapMin, max: ev.mapMax },
    [mode, pixelThreshold, ev.mapMin, ev.mapMax],
  );
  const [lo, hi] = scaleEnds(scale);
  const caption =
    mode === 'centred'
      ? t('results.centredCaption', { t: fmt(pixelThreshold) })
      : t('results.rawCaption');
  return (
    <>
      <MetricCards ev={ev} />
      {metrics.notes.map((n) => (
        <p key={n} className="muted small note" data-testid="metric-note">
          {msg(n)}
        </p>
      ))}
      <ResultPlots ev={ev} imageThreshold={imageThreshold} confusion={confusion} />
      <h3>{t('results.thresholds')}</h3>
      <div className="threshold-tools">
        <div>
          <ThresholdSlider
            label={t('results.imageThreshold')}
            help={t('results.imageThresholdHelp')}
            value={imageThreshold}
            min={scoreMin}
            max={scoreMax}
            best={bestImage}
            onChange={setImageThreshold}
            testId="image-threshold"
          />
          <ConfusionMatrix c={confusion} threshold={imageThreshold} />
        </div>
        <div>
          <ThresholdSlider
            label={t('results.pixelThreshold')}
            help={t('results.pixelThresholdHelp')}
            value={pixelThreshold}
            min={ev.mapMin}
            max={ev.mapMax}
            best={bestPixel}
            onChange={setPixelThreshold}
            testId="pixel-threshold"
          />
          <ScaleSwitch mode={mode} onChange={setMode} name="results-scale" />
        </div>
      </div>
      <ColorLegend min={lo} max={hi} caption={caption} />
      <SampleGrid samples={samples} size={size} scale={scale} imageThreshold={imageThreshold} pixelThreshold={pixelThreshold} />
    </>
  );
}
