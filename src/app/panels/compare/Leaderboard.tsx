import type { BoardRow } from '../../../core/compare/board';
import { SERIES_COLOURS } from '../../components/charts';
import type { CompareBoard } from '../../store/compareSlice';
import { useT, type MessageKey } from '../../i18n';
import { useMessageText } from '../../i18n/messages';
import { useEntryLabel } from '../../i18n/entry';

interface Col {
  /** Dictionary keys of the column's title and of its help. */
  title: MessageKey;
  help: MessageKey;
  value(r: BoardRow): number | null;
  format(v: number): string;
  /** Which end is better, for the highlight. */
  better: 'high' | 'low';
}

const COLS: Col[] = [
  { title: 'lb.imageAuroc', help: 'lb.imageAurocHelp', value: (r) => r.imageAUROC, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'lb.pixelAuroc', help: 'lb.pixelAurocHelp', value: (r) => r.pixelAUROC, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'lb.aupro', help: 'lb.auproHelp', value: (r) => r.aupro, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'lb.f1', help: 'lb.f1Help', value: (r) => r.imageF1, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'lb.pixelF1', help: 'lb.pixelF1Help', value: (r) => r.pixelF1, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'lb.train', help: 'lb.trainHelp', value: (r) => r.trainSeconds, format: (v) => `${v.toFixed(1)} s`, better: 'low' },
  { title: 'lb.inference', help: 'lb.inferenceHelp', value: (r) => r.inferMsPerImage, format: (v) => `${v.toFixed(2)} ms`, better: 'low' },
  { title: 'lb.params', help: 'lb.paramsHelp', value: (r) => r.params, format: (v) => v.toLocaleString('en-US'), better: 'low' },
];

function bestOf(rows: BoardRow[], col: Col): number | null {
  const values = rows.map(col.value).filter((v): v is number => v !== null);
  if (values.length < 2) return null;
  return col.better === 'high' ? Math.max(...values) : Math.min(...values);
}

/** One row per finished run; the best value of each column in bold. */
export function Leaderboard({ board }: { board: CompareBoard }) {
  const t = useT();
  const entryLabel = useEntryLabel();
  const msg = useMessageText();
  const rows = board.results.map((r) => r.row);
  const best = COLS.map((c) => bestOf(rows, c));
  return (
    <div className="table-scroll">
      <table className="leaderboard" data-testid="leaderboard">
        <thead>
          <tr>
            <th scope="col">{t('lb.method')}</th>
            {COLS.map((c) => (
              <th key={c.title} scope="col" title={t(c.help)}>
                {t(c.title)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.results.map((result, i) => (
            <tr key={result.key} data-testid="leaderboard-row">
              <th scope="row">
                <span className="swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} aria-hidden="true" />
                {entryLabel(result.row.label)}
              </th>
              {COLS.map((c, j) => {
                const v = c.value(result.row);
                return (
                  <td key={c.title} className={v !== null && v === best[j] ? 'best' : undefined}>
                    {v === null ? <span className="muted">{t('lb.na')}</span> : c.format(v)}
                    {c.title === 'lb.train' && <span className="muted small">{t('lb.steps', { n: result.row.trainSteps })}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {board.failures.map((f) => (
        <p key={f.key} className="error small">
          {entryLabel(f.label)}: {msg(f.message)}
        </p>
      ))}
      {[...new Set(rows.flatMap((r) => r.notes))].map((n) => (
        <p key={n} className="muted small">
          {t('lb.note', { text: msg(n) })}
        </p>
      ))}
    </div>
  );
}
