import { BACKEND_ORDER, type BackendName } from '../../core/backend/names';
import { switchBackend } from '../labClient';
import { useLab } from '../store';

export function Header() {
  const backend = useLab((s) => s.backend);
  const error = useLab((s) => s.backendError);
  const choice = useLab((s) => s.backendChoice);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating');
  const skipped = backend?.skipped.map((s) => `${s.name}: ${s.reason}`).join('\n');
  return (
    <header className="header">
      <div>
        <h1>ReconLab</h1>
        <p className="tagline">Reconstruction-based anomaly detection, trained in your browser. Nothing leaves this machine.</p>
      </div>
      <div className="backend">
        <span className="backend-badge" data-testid="backend" title={skipped || undefined}>
          {backend ? `${backend.name}${backend.adapter ? ` · ${backend.adapter}` : ''}` : error ? 'no backend' : 'starting…'}
        </span>
        {backend?.software && (backend.name === 'webgpu' || backend.name === 'webgl') && (
          <span className="hint" title="The GPU adapter is a software rasteriser: training runs on the CPU.">software adapter</span>
        )}
        <label>
          Backend{' '}
          <select
            value={choice}
            disabled={busy}
            onChange={(e) => void switchBackend(e.target.value as BackendName | 'auto')}
            aria-label="Force a backend"
          >
            <option value="auto">auto</option>
            {BACKEND_ORDER.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        {error && <span className="error">{error}</span>}
      </div>
    </header>
  );
}
