import { ColorLegend } from '../components/ColorLegend';
import { PixelCanvas } from '../components/PixelCanvas';
import { heatmapRgba, maskRgba } from '../components/colormap';
import { useLab } from '../store';

export function ResultsPanel() {
  const ev = useLab((s) => s.evaluation);
  const samples = useLab((s) => s.samples);
  const dataset = useLab((s) => s.dataset);
  const state = useLab((s) => s.runState);
  if (!ev || !dataset) {
    return (
      <section className="panel" aria-labelledby="results-title">
        <h2 id="results-title">Results</h2>
        <p className="muted placeholder">
          {state === 'evaluating' ? 'Scoring the test set…' : 'Train a model to see reconstructions, anomaly heatmaps and AUROC here.'}
        </p>
      </section>
    );
  }
  const { metrics } = ev;
  const size = dataset.size;
  return (
    <section className="panel" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      <div className="metrics" data-testid="metrics">
        <Metric label="Image AUROC" value={metrics.imageAUROC} testId="image-auroc" />
        <Metric label="Pixel AUROC" value={metrics.pixelAUROC} testId="pixel-auroc" />
        <div className="metric">
          <span className="metric-label">Inference</span>
          <span className="metric-value">{ev.inferMsPerImage.toFixed(1)} ms/img</span>
        </div>
        <div className="metric">
          <span className="metric-label">Training</span>
          <span className="metric-value">
            {ev.trainSteps} steps, {ev.trainSeconds.toFixed(0)} s
          </span>
        </div>
      </div>
      {metrics.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
      <ColorLegend min={ev.mapMin} max={ev.mapMax} caption="anomaly map, colour scale: min–max over all test maps" />
      <table className="result-grid" data-testid="result-grid">
        <thead>
          <tr>
            <th scope="col">image</th>
            <th scope="col">input</th>
            <th scope="col">reconstruction</th>
            <th scope="col">anomaly map</th>
            <th scope="col">map over input</th>
            <th scope="col">ground truth</th>
          </tr>
        </thead>
        <tbody>
          {samples.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <span className={s.label === 'good' ? 'tag good' : 'tag bad'}>{s.label}</span>
                <span className="small">score {s.score.toFixed(4)}</span>
              </th>
              <td>
                <PixelCanvas rgba={s.rgba} size={size} label={`input ${s.name}`} />
              </td>
              <td>
                <PixelCanvas rgba={s.recon} size={size} label={`reconstruction of ${s.name}`} />
              </td>
              <td>
                <PixelCanvas rgba={heatmapRgba(s.map, ev.mapMin, ev.mapMax)} size={size} label={`anomaly heatmap of ${s.name}`} />
              </td>
              <td>
                <PixelCanvas rgba={heatmapRgba(s.map, ev.mapMin, ev.mapMax, s.rgba)} size={size} label={`heatmap over ${s.name}`} />
              </td>
              <td>
                {s.mask ? (
                  <PixelCanvas rgba={maskRgba(s.mask)} size={size} label={`ground-truth mask of ${s.name}`} />
                ) : (
                  <span className="muted small">no mask</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Metric(props: { label: string; value: number | null; testId: string }) {
  return (
    <div className="metric">
      <span className="metric-label">{props.label}</span>
      <span className="metric-value" data-testid={props.testId}>
        {props.value === null ? '—' : props.value.toFixed(3)}
      </span>
    </div>
  );
}
