import { isBackendName, type BackendName } from '../core/backend/names';
import { tr } from './i18n';
import { decodeShare, encodeShare, type SharedData } from './shareState';
import { useLab } from './store';

/**
 * The page's address mirrors its settings (see shareState.ts): read once at boot, rewritten with
 * history.replaceState whenever a shared setting or the loaded built-in set changes.
 */

/** `?backend=wasm` picks the backend before the first one starts (tests, slow machines). */
export function backendFromUrl(): BackendName | null {
  if (typeof window === 'undefined') return null;
  const b = new URLSearchParams(window.location.search).get('backend');
  return b && isBackendName(b) ? b : null;
}

/** Applies the link's settings to the store; returns the built-in set it asks for, if any. */
export function applySharedUrl(): SharedData | null {
  if (typeof window === 'undefined' || window.location.search.length < 2) return null;
  const s = useLab.getState();
  const decoded = decodeShare(window.location.search, s.methods);
  if (decoded.methodId) s.setMethodId(decoded.methodId);
  const id = decoded.methodId ?? s.methodId;
  if (Object.keys(decoded.config).length) {
    useLab.setState({ methodConfigs: { ...s.methodConfigs, [id]: { ...s.methodConfigs[id], ...decoded.config } } });
  }
  if (Object.keys(decoded.train).length) s.setTrain(decoded.train);
  const d = decoded.data;
  if (d?.kind === 'procedural') s.setSynthetic({ texture: d.texture, size: d.size, channels: d.channels, seed: d.seed });
  if (d?.kind === 'classic') {
    s.setClassic({ set: d.set, normalClass: d.normalClass, anomalyRatio: d.anomalyRatio, size: d.size, seed: d.seed });
    s.setDataTab('classic');
  }
  if (decoded.ignored.length) s.pushNotice('info', tr('share.ignored', { list: decoded.ignored.join(', ') }));
  return d ?? null;
}

let stopSync: (() => void) | null = null;

/** Keeps the address in step with the settings; `currentData` names the loaded built-in set. */
export function startUrlSync(currentData: () => SharedData | null): void {
  if (typeof window === 'undefined' || stopSync) return;
  let last = '';
  const write = () => {
    const s = useLab.getState();
    const method = s.methods.find((m) => m.id === s.methodId);
    const q = encodeShare({ methodId: s.methodId, config: s.methodConfigs[s.methodId] ?? {}, train: s.train, data: currentData() }, method);
    const keep = new URLSearchParams(window.location.search);
    for (const key of ['debug', 'backend']) if (keep.has(key)) q.set(key, keep.get(key)!);
    const text = q.toString();
    if (text === last) return;
    last = text;
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${text}${window.location.hash}`);
  };
  write();
  stopSync = useLab.subscribe((now, before) => {
    if (now.methodId !== before.methodId || now.methodConfigs !== before.methodConfigs || now.train !== before.train || now.dataset !== before.dataset) write();
  });
}

/** The link to hand out: this page with its current settings. */
export function shareLink(): string {
  return window.location.href;
}
