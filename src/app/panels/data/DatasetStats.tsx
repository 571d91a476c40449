import { useLab } from '../../store';
import { formatBytes, formatRange } from './format';

/** Per-set statistics: counts, sizes before resizing, colour, where the set lives. */
export function DatasetStats() {
  const details = useLab((s) => s.details);
  if (!details) return null;
  const count = (key: string) => details.groups.find((g) => g.key === key);
  const masks = count('test:*')?.masks ?? 0;
  const anomalous = count('test:*')?.count ?? 0;
  const sources = Object.entries(details.sourceColours);
  const where =
    details.origin === 'builtin'
      ? 'built-in, generated on demand'
      : details.origin === 'classic'
        ? 'built-in, loaded from /data'
        : details.stored
          ? `saved in this browser (${formatBytes(details.bytes)})`
          : `not saved (${formatBytes(details.bytes)} in memory)`;
  return (
    <dl className="stats" data-testid="dataset-stats">
      <dt>Masks</dt>
      <dd>{anomalous === 0 ? 'no anomalous images' : `${masks} of ${anomalous} anomalous images`}</dd>
      <dt>Before resizing</dt>
      <dd>{details.originalWidth ? `${formatRange(details.originalWidth)} × ${formatRange(details.originalHeight)} px` : 'generated at this size'}</dd>
      {sources.length > 0 && (
        <>
          <dt>Source colour</dt>
          <dd>{sources.map(([k, v]) => `${k} ${v}`).join(', ')}</dd>
        </>
      )}
      <dt>Stored</dt>
      <dd>{where}</dd>
    </dl>
  );
}
