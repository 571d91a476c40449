import type { BackendChoice, ProbeResult } from '../../core/backend/names';
import { isMessageKey, type MessageKey, type Translate } from '.';

/** Data labels the lab itself makes (normal, the procedural defect types) in the reader's language; others as they are. */
export function labelText(t: Translate, label: string): string {
  switch (label) {
    case 'good':
      return t('label.good');
    case 'scratch':
      return t('label.scratch');
    case 'hole':
      return t('label.hole');
    case 'stain':
      return t('label.stain');
    default:
      return label;
  }
}


/** A data set's name in the reader's language where the lab made it (procedural, one-class MNIST); others as named. */
export function datasetNameText(t: Translate, id: string, name: string): string {
  const synthetic = /^synthetic-([a-z]+)-(\d+)-(gray|rgb)-s(\d+)$/.exec(id);
  if (synthetic) {
    const [, texture, size, colour, seed] = synthetic;
    const textureName = isMessageKey(`texture.${texture}`) ? t(`texture.${texture}` as MessageKey) : texture!;
    return t('data.builtinName', { texture: textureName, size: size!, colour: colour === 'gray' ? t('data.gray') : 'RGB', seed: seed! });
  }
  const classic = /^(mnist|fashion-mnist):([^:]+):seed-\d+$/.exec(id);
  if (classic) {
    const [, set, normal] = classic;
    const key = `fashion.${normal}`;
    const normalName = set === 'mnist' ? t('classic.digit', { n: normal!.replace('digit-', '') }) : isMessageKey(key) ? t(key) : normal!;
    return t('data.classicName', { set: set === 'mnist' ? 'MNIST' : 'Fashion-MNIST', normal: normalName });
  }
  return name;
}

/** A loss term's name (the keys methods return from trainStep) in the reader's language; unknown terms as they are. */
export function termText(t: Translate, term: string): string {
  const key = `term.${term}`;
  return isMessageKey(key) ? t(key) : term;
}

/** One probe's time, in the reader's language. */
function probeText(t: Translate, p: ProbeResult): string {
  if (p.msPerStep === null) return t('header.probeFailed');
  const ms = Math.round(p.msPerStep);
  return p.stopped ? t('header.probeStopped', { ms }) : t('header.probeMs', { ms });
}

/** "wasm chosen: 120 ms/step vs webgpu 900 ms/step, on a software adapter (...)" in the reader's language. */
export function choiceText(t: Translate, choice: BackendChoice): string {
  const [best, ...rest] = choice.probes;
  if (!best) return '';
  const others = rest.map((p) => `${p.name} ${probeText(t, p)}`).join(t('header.listSep'));
  const context = choice.context === 'software' ? t('header.onSoftware') : t('header.noWebgpu');
  return t(others ? 'header.chosenVs' : 'header.chosen', { name: best.name, time: probeText(t, best), others, context });
}

/** What runs a backend, in the reader's language where the lab wrote it (wasm's threads and SIMD, cpu's JavaScript); GPU names as the browser gives them. */
export function adapterText(t: Translate, adapter: string): string {
  const wasm = /^(threads|single thread)( \+ SIMD)?$/.exec(adapter);
  if (wasm) return `${t(wasm[1] === 'threads' ? 'adapter.threads' : 'adapter.singleThread')}${wasm[2] ? ' + SIMD' : ''}`;
  return adapter === 'JavaScript' ? t('adapter.javascript') : adapter;
}
