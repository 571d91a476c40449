import type { Translate } from '../../i18n';

/** Small formatting helpers of the data panel. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 2 ** 20) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 2 ** 30) return `${(n / 2 ** 20).toFixed(n < 10 * 2 ** 20 ? 1 : 0)} MB`;
  return `${(n / 2 ** 30).toFixed(1)} GB`;
}

export function formatRange(r: { min: number; max: number } | null): string {
  if (!r) return '?';
  return r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
}

/** "3 images", "1 image" in the reader's language (Chinese has one form). */
export function plural(t: Translate, n: number, word: 'image' | 'mask' | 'anomalousImage' | 'file'): string {
  return t(`count.${word}.${n === 1 ? 'one' : 'many'}`, { n });
}

/** "714 train · 238 test normal · 392 anomalous" from split counts. */
export function countsLine(t: Translate, train: number, testLabels: Record<string, number>): string {
  const good = testLabels.good ?? 0;
  const anomalous = Object.entries(testLabels).reduce((n, [label, c]) => (label === 'good' ? n : n + c), 0);
  return t('counts.line', { train, good, anomalous });
}
