import { useState } from 'react';
import { useT } from '../i18n';
import { usePrefs, type Lang, type Palette, type Theme } from '../prefs';
import { SHORTCUTS } from '../shortcuts';
import { shareLink } from '../urlSync';

/** The reader's settings (language, theme, type size, colour map), the link to share and the shortcuts. */
export function ClassroomBar() {
  const t = useT();
  const { lang, theme, largeType, palette, setLang, setTheme, setLargeType, setPalette } = usePrefs();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shareLink());
      setCopied('yes');
    } catch {
      setCopied('no');
    }
    setTimeout(() => setCopied(null), 4000);
  };
  return (
    <nav className="classroom-bar" aria-label={t('bar.label')}>
      <label className="inline">
        {t('bar.language')}
        <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="language">
          <option value="en" lang="en">
            English
          </option>
          <option value="zh" lang="zh-CN">
            简体中文
          </option>
        </select>
      </label>
      <label className="inline">
        {t('bar.theme')}
        <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
          <option value="light">{t('bar.theme.light')}</option>
          <option value="dark">{t('bar.theme.dark')}</option>
        </select>
      </label>
      <label className="inline">
        {t('bar.palette')}
        <select value={palette} onChange={(e) => setPalette(e.target.value as Palette)}>
          <option value="viridis">{t('bar.palette.viridis')}</option>
          <option value="jet">{t('bar.palette.jet')}</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={largeType} onChange={(e) => setLargeType(e.target.checked)} />
        {t('bar.large')}
      </label>
      <button type="button" className="secondary small-button" onClick={() => void copy()}>
        {t('bar.copyLink')}
      </button>
      <span className="small" role="status" aria-live="polite">
        {copied === 'yes' ? t('bar.copied') : copied === 'no' ? t('bar.copyFailed') : ''}
      </span>
      <details className="shortcuts">
        <summary>{t('bar.shortcuts')}</summary>
        <dl>
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{t(s.action)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </nav>
  );
}
