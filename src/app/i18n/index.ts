import { useCallback } from 'react';
import { usePrefs, type Lang } from '../prefs';
import { en, type MessageKey } from './en';
import { zh } from './zh';

/**
 * The interface's two languages. Every visible string comes from a dictionary: `en` defines the
 * keys, `zh` must give every one of them (the compiler checks), so no key can be left untranslated.
 * Placeholders are written `{name}` and filled from `vars`.
 */
export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, zh };

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = DICTIONARIES[lang][key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** The translate function of the current language; components re-render when it changes. */
export function useT(): Translate {
  const lang = usePrefs((s) => s.lang);
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}

/** For code outside components (messages made in labClient): the language of this moment. */
export const tr: Translate = (key, vars) => translate(usePrefs.getState().lang, key, vars);

/** Whether a key exists (for keys built from data, e.g. a run state or a texture name). */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
