import { useCallback } from 'react';
import type { MethodInfo } from '../../core/methods/types';
import { usePrefs, type Lang } from '../prefs';
import { useLab } from '../store';
import { translate } from '.';
import { methodText } from './methods';

/**
 * A compare entry's label in the reader's language: "ae (defaults)", or the method id and the
 * settings that differ from its defaults ("riad · base=12"), each setting under its card's name.
 */
export function entryLabel(lang: Lang, methods: readonly MethodInfo[], label: string): string {
  if (lang === 'en') return label;
  if (label.endsWith(' (defaults)')) return `${label.slice(0, -' (defaults)'.length)}${translate(lang, 'compare.defaults')}`;
  const m = /^(\S+) · (.+)$/s.exec(label);
  const info = m ? methods.find((x) => x.id === m[1]) : undefined;
  if (!m || !info) return label;
  const params = methodText(info, lang).params;
  const settings = m[2]!.split(', ').map((part) => {
    const at = part.indexOf('=');
    if (at < 0) return part;
    const key = part.slice(0, at);
    return `${params[key]?.label ?? key}=${part.slice(at + 1)}`;
  });
  return `${m[1]} · ${settings.join('，')}`;
}

export function useEntryLabel(): (label: string) => string {
  const lang = usePrefs((s) => s.lang);
  const methods = useLab((s) => s.methods);
  return useCallback((label: string) => entryLabel(lang, methods, label), [lang, methods]);
}
