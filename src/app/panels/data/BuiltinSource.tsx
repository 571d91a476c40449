import { TEXTURES, type TextureKind } from '../../../core/data/synthetic';
import { loadSynthetic } from '../../labClient';
import { useLab } from '../../store';

/** The procedural set: textures with scratches, holes and stains, and their exact masks. */
export function BuiltinSource() {
  const opts = useLab((s) => s.synthetic);
  const set = useLab((s) => s.setSynthetic);
  const dataset = useLab((s) => s.dataset);
  const loading = useLab((s) => s.datasetLoading);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const stale =
    dataset === null ||
    dataset.size !== opts.size ||
    dataset.channels !== opts.channels ||
    !dataset.id.includes(`-${opts.texture}-`) ||
    !dataset.id.endsWith(`-s${opts.seed}`);
  return (
    <div>
      <p className="muted small">Procedural textures with scratches, holes and stains, and their exact masks.</p>
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
          <input
            aria-label="Data seed"
            type="number"
            min={0}
            value={opts.seed}
            onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
          />
        </label>
      </div>
      <button type="button" onClick={() => void loadSynthetic()} disabled={loading || busy || !stale}>
        {loading ? 'Generating…' : stale ? 'Generate data set' : 'Data set ready'}
      </button>
    </div>
  );
}
