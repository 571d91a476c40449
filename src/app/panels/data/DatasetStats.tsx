import { useLab } from '../../store';
import { useT } from '../../i18n';
import { formatBytes, formatRange } from './format';

/** Per-set statistics: counts, sizes before resizing, colour, where the set lives. */
export function DatasetStats() {
  const t = useT();
  const details = useLab((s) => s.details);
  if (!details) return null;
  const count = (key: string) => details.groups.find((g) => g.key === key);
  const masks = count('test:*')?.masks ?? 0;
  const anomalous = count('test:*')?.count ?? 0;
  const sources = Object.entries(details.sourceColours);
  const where =
    details.origin === 'builtin'
      ? t('stats.generated')
      : details.origin === 'classic'
        ? t('stats.loaded')
        : details.stored
          ? t('stats.saved', { bytes: formatBytes(details.bytes) })
          : t('stats.notSaved', { bytes: formatBytes(details.bytes) });
  return (
    <dl className="stats" data-testid="dataset-stats">
      <dt>{t('stats.masks')}</dt>
      <dd>{anomalous === 0 ? t('stats.noAnomalous') : t('stats.masksOf', { masks, anomalous })}</dd>
      <dt>{t('stats.before')}</dt>
      <dd>{details.originalWidth ? `${formatRange(details.originalWidth)} × ${formatRange(details.originalHeight)} px` : t('stats.atThisSize')}</dd>
      {sources.length > 0 && (
        <>
          <dt>{t('stats.sourceColour')}</dt>
          <dd>{sources.map(([k, v]) => `${k} ${v}`).join(', ')}</dd>
        </>
      )}
      <dt>{t('stats.stored')}</dt>
      <dd>{where}</dd>
    </dl>
  );
}
