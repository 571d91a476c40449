import { useT } from '../../i18n';
import { useMessageText } from '../../i18n/messages';
import { useLab } from '../../store';
import { countsLine, formatBytes, plural } from './format';

/** The outcome of the last import: what came in, where it is stored, and each file left out and why. */
export function ImportResult() {
  const t = useT();
  const msg = useMessageText();
  const report = useLab((s) => s.importReport);
  if (!report) return null;
  const { stats, rejected, missingMasks } = report;
  const seconds = (report.ms / 1000).toFixed(1);
  const where =
    report.layout === 'mvtec'
      ? report.root
        ? t('import.mvtecIn', { root: report.root })
        : t('import.mvtec')
      : report.layout === 'flat'
        ? t('import.loose')
        : t('import.noImages');
  const masks = stats.masks;
  return (
    <div className="import-result" data-testid="import-result" data-set-id={report.stored?.id ?? report.summary?.id ?? ''} data-ms={report.ms}>
      {report.summary ? (
        <p>
          <strong>{t('import.imported', { images: plural(t, report.imported, 'image') })}</strong>
          {t('import.importedWhere', { where, s: seconds })}
          <span data-testid="import-counts">{countsLine(t, report.summary.trainCount, report.summary.testLabels)}</span>
          {masks > 0 && `, ${plural(t, masks, 'mask')}`}.
        </p>
      ) : (
        <p className="error">{t('import.nothing')}</p>
      )}
      {report.stored && (
        <p className="muted small" data-testid="import-saved">
          {t('import.savedAs', { name: report.stored.name, bytes: formatBytes(report.stored.bytes) })}
        </p>
      )}
      {report.storageError && (
        <p className="error" role="alert" data-testid="storage-error">
          {msg(report.storageError)}
        </p>
      )}
      {report.layout === 'flat' && report.summary && (
        <p className="muted small">{t('import.flatNote')}</p>
      )}
      {missingMasks.length > 0 && (
        <details>
          <summary>{t('import.noMask', { images: plural(t, missingMasks.length, 'anomalousImage') })}</summary>
          <ul className="file-list">
            {missingMasks.map((path) => (
              <li key={path}>
                <code>{path}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {rejected.length > 0 && (
        <details open={rejected.length <= 20} data-testid="rejected">
          <summary>
            {t('import.skipped', { files: plural(t, rejected.length, 'file') })}
            {stats.ignored > 0 ? t('import.ignored', { n: stats.ignored }) : ''}
          </summary>
          <ul className="file-list" data-testid="rejected-list">
            {rejected.map((r, i) => (
              <li key={`${r.path}-${i}`}>
                <code>{r.path || '(drop)'}</code> <span className="reason">{msg(r.reason)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
