import { useLab } from '../../store';
import { countsLine, formatBytes, plural } from './format';

/** The outcome of the last import: what came in, where it is stored, and each file left out and why. */
export function ImportResult() {
  const report = useLab((s) => s.importReport);
  if (!report) return null;
  const { stats, rejected, missingMasks } = report;
  const seconds = (report.ms / 1000).toFixed(1);
  const where = report.layout === 'mvtec' ? `MVTec layout${report.root ? ` in ${report.root}/` : ''}` : report.layout === 'flat' ? 'loose images' : 'no images';
  const masks = stats.masks;
  return (
    <div className="import-result" data-testid="import-result" data-set-id={report.stored?.id ?? report.summary?.id ?? ''} data-ms={report.ms}>
      {report.summary ? (
        <p>
          <strong>Imported {plural(report.imported, 'image')}</strong> ({where}) in {seconds} s:{' '}
          <span data-testid="import-counts">{countsLine(report.summary.trainCount, report.summary.testLabels)}</span>
          {masks > 0 && `, ${plural(masks, 'mask')}`}.
        </p>
      ) : (
        <p className="error">Nothing was imported: the current data set and the saved ones are unchanged.</p>
      )}
      {report.stored && (
        <p className="muted small" data-testid="import-saved">
          Saved in this browser as “{report.stored.name}” ({formatBytes(report.stored.bytes)}).
        </p>
      )}
      {report.storageError && (
        <p className="error" role="alert" data-testid="storage-error">
          {report.storageError}
        </p>
      )}
      {report.layout === 'flat' && report.summary && (
        <p className="muted small">No train/ or test/ folders: the images went where “Loose images go to” said. Move any of them in the gallery.</p>
      )}
      {missingMasks.length > 0 && (
        <details>
          <summary>{plural(missingMasks.length, 'anomalous image')} without a mask (pixel metrics will be skipped)</summary>
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
            {plural(rejected.length, 'file')} skipped{stats.ignored > 0 ? ` (and ${stats.ignored} system files ignored)` : ''}
          </summary>
          <ul className="file-list" data-testid="rejected-list">
            {rejected.map((r, i) => (
              <li key={`${r.path}-${i}`}>
                <code>{r.path || '(drop)'}</code> <span className="reason">{r.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
