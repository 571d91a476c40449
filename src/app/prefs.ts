import { create } from 'zustand';

/**
 * The reader's own preferences (language, theme, type size, colour map): kept in this browser,
 * never in a shared link, and applied to the document root so that CSS can follow them.
 */
export type Lang = 'en' | 'zh';
export type Theme = 'light' | 'dark';
export type Palette = 'viridis' | 'jet';

export interface Prefs {
  lang: Lang;
  theme: Theme;
  largeType: boolean;
  palette: Palette;
  setLang(lang: Lang): void;
  setTheme(theme: Theme): void;
  setLargeType(on: boolean): void;
  setPalette(palette: Palette): void;
}

const STORAGE_KEY = 'reconlab-prefs';

type Stored = Partial<Pick<Prefs, 'lang' | 'theme' | 'largeType' | 'palette'>>;

function readStored(): Stored {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Stored) : {};
  } catch {
    return {};
  }
}

/** First visit: the browser's language decides (any Chinese variant gets Simplified Chinese). */
export function browserLang(languages: readonly string[] | undefined): Lang {
  return (languages ?? []).some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

function initial(): Pick<Prefs, 'lang' | 'theme' | 'largeType' | 'palette'> {
  const stored = readStored();
  const nav = globalThis.navigator;
  const prefersDark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return {
    lang: stored.lang === 'en' || stored.lang === 'zh' ? stored.lang : browserLang(nav?.languages?.length ? nav.languages : [nav?.language ?? 'en']),
    theme: stored.theme === 'dark' || stored.theme === 'light' ? stored.theme : prefersDark ? 'dark' : 'light',
    largeType: stored.largeType === true,
    palette: stored.palette === 'jet' ? 'jet' : 'viridis',
  };
}

export const usePrefs = create<Prefs>()((set, get) => {
  const save = (p: Stored) => {
    set(p);
    const { lang, theme, largeType, palette } = get();
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ lang, theme, largeType, palette }));
    } catch {
      // private mode or full quota: the choice lasts for this page only
    }
  };
  return {
    ...initial(),
    setLang: (lang) => save({ lang }),
    setTheme: (theme) => save({ theme }),
    setLargeType: (largeType) => save({ largeType }),
    setPalette: (palette) => save({ palette }),
  };
});

/** Mirrors the preferences on <html>: lang for screen readers and fonts, data-* for the CSS. */
export function applyPrefsToDocument(): void {
  if (typeof document === 'undefined') return;
  const apply = (p: Prefs) => {
    const root = document.documentElement;
    root.lang = p.lang === 'zh' ? 'zh-CN' : 'en';
    root.dataset.theme = p.theme;
    root.dataset.large = p.largeType ? 'on' : 'off';
  };
  apply(usePrefs.getState());
  usePrefs.subscribe(apply);
}
