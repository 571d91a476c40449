import type { EvaluationSummary } from '../../../worker/protocol';

/** The headline numbers of one evaluation, with the F1-max thresholds. */
export function MetricCards({ ev }: { ev: EvaluationSummary }) {
  const { metrics } = ev;
  const { image, pixel } = metrics.f1max;
  return (
    <div className="metrics" data-testid="metrics">
      <Metric label="Image AUROC" value={metrics.imageAUROC} testId="image-auroc" />
      <Metric label="Pixel AUROC" value={metrics.pixelAUROC} testId="pixel-auroc" />
      <Metric label="AUPRO (FPR ≤ 0.3)" value={metrics.aupro} testId="aupro" />
      <Metric label="Image F1-max" value={image?.f1 ?? null} testId="image-f1" detail={image ? `at score ≥ ${fmt(image.threshold)}` : undefined} />
      <Metric label="Pixel F1-max" value={pixel?.f1 ?? null} testId="pixel-f1" detail={pixel ? `at map ≥ ${fmt(pixel.threshold)}` : undefined} />
      <div className="metric">
        <span className="metric-label">Inference</span>
        <span className="metric-value">{ev.inferMsPerImage.toFixed(1)} ms/img</span>
        <span className="metric-detail">metrics in {ev.metricsMs.toFixed(0)} ms</span>
      </div>
      <div className="metric">
        <span className="metric-label">Training</span>
        <span className="metric-value">
          {ev.trainSteps} steps, {ev.trainSeconds.toFixed(0)} s
        </span>
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
