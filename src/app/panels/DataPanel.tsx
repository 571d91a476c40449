import { TEXTURES, type TextureKind } from '../../core/data/synthetic';
import { PixelCanvas } from '../components/PixelCanvas';
import { maskOutlineRgba } from '../components/colormap';
import { loadSynthetic } from '../labClient';
import { useLab } from '../store';

export function DataPanel() {
  const opts = useLab((s) => s.synthetic);
  const set = useLab((s) => s.setSynthetic);
  const dataset = useLab((s) => s.dataset);
  const previews = useLab((s) => s.previews);
  const loading = useLab((s) => s.datasetLoading);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const stale =
    dataset !== null &&
    (dataset.size !== opts.size || dataset.channels !== opts.channels || !dataset.id.includes(`-${opts.texture}-`) || !dataset.id.endsWith(`-s${opts.seed}`));
  return (
    <section className="panel" aria-labelledby="data-title">
      <h2 id="data-title">1 · Data</h2>
      <p className="muted">Built-in procedural textures with scratches, holes and stains, and their exact masks.</p>
      <div className="form-grid">
        <label>
          Texture
          <select aria-label="Texture" value={opts.texture} onChange={(e) => set({ texture: e.target.value as TextureKind })}>
            {TEXTURES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Size
          <select aria-label="Size" value={opts.size} onChange={(e) => set({ size: Number(e.target.value) })}>
            {[32, 64, 128].map((s) => (
              <option key={s} value={s}>
                {s}×{s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour
          <select aria-label="Colour" value={opts.channels} onChange={(e) => set({ channels: Number(e.target.value) === 1 ? 1 : 3 })}>
            <option value={3}>RGB</option>
            <option value={1}>gray</option>
          </select>
        </label>
        <label>
          Seed
          <input aria-label="Data seed" type="number" min={0} value={opts.seed} onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
        </label>
      </div>
      <button type="button" onClick={() => void loadSynthetic()} disabled={loading || busy || !stale}>
        {loading ? 'Generating…' : stale ? 'Generate data set' : 'Data set ready'}
      </button>
      {dataset && (
        <div className="dataset-summary" data-testid="dataset-summary">
          <p>
            <strong>{dataset.name}</strong>
          </p>
          <p>
            train {dataset.trainCount} normal · test{' '}
            {Object.entries(dataset.testLabels)
              .map(([label, n]) => `${n} ${label}`)
              .join(', ')}
          </p>
          <div className="thumbs">
            {previews.map((v) => (
              <figure key={v.id}>
                <PixelCanvas
                  rgba={v.mask ? maskOutlineRgba(v.rgba, v.mask, dataset.size) : v.rgba}
                  size={dataset.size}
                  label={`${v.label} test image ${v.name}`}
                  display={64}
                />
                <figcaption>{v.label}</figcaption>
              </figure>
            ))}
          </div>
          <p className="muted small">Pink outlines: ground-truth defect masks.</p>
        </div>
      )}
    </section>
  );
}
