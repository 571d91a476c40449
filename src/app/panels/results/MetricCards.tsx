import { useT } from '../../i18n';
import type { EvaluationSummary } from '../../../worker/protocol';

/** The headline numbers of one evaluation, with the F1-max thresholds. */
export function MetricCards({ ev }: { ev: EvaluationSummary }) {
  const t = useT();
  const { metrics } = ev;
  const { image, pixel } = metrics.f1max;
  return (
    <div className="metrics" data-testid="metrics">
      <Metric label={t('metric.imageAuroc')} value={metrics.imageAUROC} testId="image-auroc" />
      <Metric label={t('metric.pixelAuroc')} value={metrics.pixelAUROC} testId="pixel-auroc" />
      <Metric label={t('metric.aupro')} value={metrics.aupro} testId="aupro" />
      <Metric label={t('metric.imageF1')} value={image?.f1 ?? null} testId="image-f1" detail={image ? t('metric.atScore', { v: fmt(image.threshold) }) : undefined} />
      <Metric label={t('metric.pixelF1')} value={pixel?.f1 ?? null} testId="pixel-f1" detail={pixel ? t('metric.atMap', { v: fmt(pixel.threshold) }) : undefined} />
      <div className="metric">
        <span className="metric-label">{t('metric.inference')}</span>
        <span className="metric-value">{t('metric.msPerImage', { ms: ev.inferMsPerImage.toFixed(1) })}</span>
        <span className="metric-detail">{t('metric.metricsIn', { ms: ev.metricsMs.toFixed(0) })}</span>
      </div>
      <div className="metric">
        <span className="metric-label">{t('metric.training')}</span>
        <span className="metric-value">{t('metric.trainLine', { steps: ev.trainSteps, s: ev.trainSeconds.toFixed(0) })}</span>
      </div>
    </div>
  );
}

function Metric(props: { label: string; value: number | null; testId: string; detail?: string }) {
  return (
    <div className="metric">
      <span className="metric-label">{props.label}</span>
      <span className="metric-value" data-testid={props.testId}>
        {props.value === null ? '—' : props.value.toFixed(3)}
      </span>
      {props.detail && <span className="metric-detail">{props.detail}</span>}
    </div>
  );
}

/** Thresholds span many magnitudes (L2 maps vs 1 - SSIM): keep 4 significant digits. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 0.001 || v === 0 ? Number(v.toPrecision(4)).toString() : v.toExponential(2);
}
