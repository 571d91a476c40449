import { TEXTURES, type TextureKind } from '../../../core/data/synthetic';
import { loadSynthetic } from '../../labClient';
import { useT } from '../../i18n';
import { useLab } from '../../store';

/** The procedural set: textures with scratches, holes and stains, and their exact masks. */
export function BuiltinSource() {
  const t = useT();
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
      <p className="muted small">{t('builtin.intro')}</p>
      <div className="form-grid">
        <label>
          {t('builtin.texture')}
          <select aria-label={t('builtin.texture')} value={opts.texture} onChange={(e) => set({ texture: e.target.value as TextureKind })}>
            {TEXTURES.map((name) => (
              <option key={name} value={name}>
                {t(`texture.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('builtin.size')}
          <select aria-label={t('builtin.size')} value={opts.size} onChange={(e) => set({ size: Number(e.target.value) })}>
            {[32, 64, 128].map((s) => (
              <option key={s} value={s}>
                {s}×{s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('builtin.colour')}
          <select aria-label={t('builtin.colour')} value={opts.channels} onChange={(e) => set({ channels: Number(e.target.value) === 1 ? 1 : 3 })}>
            <option value={3}>RGB</option>
            <option value={1}>{t('data.gray')}</option>
          </select>
        </label>
        <label>
          {t('train.seed')}
          <input
            aria-label={t('builtin.seed')}
            type="number"
            min={0}
            value={opts.seed}
            onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
          />
        </label>
      </div>
      <button type="button" onClick={() => void loadSynthetic()} disabled={loading || busy || !stale}>
        {loading ? t('builtin.generating') : stale ? t('builtin.generate') : t('builtin.ready')}
      </button>
    </div>
  );
}
