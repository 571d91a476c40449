import type { BoardRow } from '../../../core/compare/board';
import { SERIES_COLOURS } from '../../components/charts';
import type { CompareBoard } from '../../store/compareSlice';

interface Col {
  title: string;
  help: string;
  value(r: BoardRow): number | null;
  format(v: number): string;
  /** Which end is better, for the highlight. */
  better: 'high' | 'low';
}

const COLS: Col[] = [
  { title: 'Image AUROC', help: 'Area under the image-level ROC curve (ties count one half).', value: (r) => r.imageAUROC, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'Pixel AUROC', help: 'ROC AUC over every test pixel.', value: (r) => r.pixelAUROC, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'AUPRO', help: 'Per-region overlap up to FPR 0.3, normalised to [0, 1].', value: (r) => r.aupro, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'F1-max', help: 'Best image-level F1 over all thresholds.', value: (r) => r.imageF1, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'Pixel F1-max', help: 'Best pixel-level F1 over all thresholds.', value: (r) => r.pixelF1, format: (v) => v.toFixed(3), better: 'high' },
  { title: 'Train', help: 'Training time (and steps) within the budget.', value: (r) => r.trainSeconds, format: (v) => `${v.toFixed(1)} s`, better: 'low' },
  { title: 'Inference', help: 'Scoring time per test image, batched.', value: (r) => r.inferMsPerImage, format: (v) => `${v.toFixed(2)} ms`, better: 'low' },
  { title: 'Parameters', help: 'Trainable parameters.', value: (r) => r.params, format: (v) => v.toLocaleString('en-US'), better: 'low' },
];

function bestOf(rows: BoardRow[], col: Col): number | null {
  const values = rows.map(col.value).filter((v): v is number => v !== null);
  if (values.length < 2) return null;
  return col.better === 'high' ? Math.max(...values) : Math.min(...values);
}

/** One row per finished run; the best value of each column in bold. */
export function Leaderboard({ board }: { board: CompareBoard }) {
  const rows = board.results.map((r) => r.row);
  const best = COLS.map((c) => bestOf(rows, c));
  return (
    <div className="table-scroll">
      <table className="leaderboard" data-testid="leaderboard">
        <thead>
          <tr>
            <th scope="col">Method</th>
            {COLS.map((c) => (
              <th key={c.title} scope="col" title={c.help}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.results.map((result, i) => (
            <tr key={result.key} data-testid="leaderboard-row">
              <th scope="row">
                <span className="swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} aria-hidden="true" />
                {result.row.label}
              </th>
              {COLS.map((c, j) => {
                const v = c.value(result.row);
                return (
                  <td key={c.title} className={v !== null && v === best[j] ? 'best' : undefined}>
                    {v === null ? <span className="muted">n/a</span> : c.format(v)}
                    {c.title === 'Train' && <span className="muted small"> · {result.row.trainSteps} steps</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {board.failures.map((f) => (
        <p key={f.key} className="error small">
          {f.label}: {f.message}
        </p>
      ))}
      {[...new Set(rows.flatMap((r) => r.notes))].map((n) => (
        <p key={n} className="muted small">
          note: {n}
        </p>
      ))}
    </div>
  );
}
