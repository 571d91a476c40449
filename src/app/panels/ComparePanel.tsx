import { useRef, useState } from 'react';
import { describeBudget } from '../../core/compare/budget';
import { useLab } from '../store';
import { CompareGrid } from './compare/CompareGrid';
import { CompareRoc } from './compare/CompareRoc';
import { Leaderboard } from './compare/Leaderboard';
import { QueueEditor } from './compare/QueueEditor';
import { exportBoardCsv, exportBoardJson, exportGridPng } from './compare/report';

/** The compare board: queue runs, then read the leaderboard, the ROC curves and the image grid. */
export function ComparePanel() {
  const board = useLab((s) => s.board);
  const grid = useLab((s) => s.grid);
  const dataset = useLab((s) => s.dataset);
  const shared = useLab((s) => s.sharedScale);
  const gridRef = useRef<HTMLTableElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const stale = board !== null && dataset !== null && board.datasetId !== dataset.id;
  const hasResults = board !== null && board.results.length > 0;
  const savePng = () => {
    if (!gridRef.current || !board) return;
    const note = shared ? 'one raw min–max scale for all methods' : "each row threshold-centred on its method's pixel F1-max threshold";
    exportGridPng(gridRef.current, board, note).catch((err: Error) => setExportError(err.message));
  };
  return (
    <section className="panel" aria-labelledby="compare-title">
      <h2 id="compare-title">4 · Compare board</h2>
      <QueueEditor />
      {board && (
        <div className="board" data-testid="compare-board">
          <div className="board-head">
            <p className="small muted">
              {board.datasetName} · {describeBudget(board.budget)} per run · seed {board.seed} · batch {board.batchSize} · {board.backend}
            </p>
            <div className="row">
              <button type="button" className="secondary" disabled={!hasResults} onClick={() => exportBoardJson(board)}>
                Export JSON
              </button>
              <button type="button" className="secondary" disabled={!hasResults} onClick={() => exportBoardCsv(board)}>
                Export CSV
              </button>
              <button type="button" className="secondary" disabled={!grid || stale} onClick={savePng}>
                Save grid as PNG
              </button>
            </div>
          </div>
          {exportError && <p className="error small">{exportError}</p>}
          {stale && <p className="hint-box">The data set has changed since this board was run: its images are gone. Run the queue again to compare on the new data.</p>}
          {hasResults ? (
            <>
              <Leaderboard board={board} />
              <CompareRoc board={board} />
              {grid && !stale && <CompareGrid ref={gridRef} board={board} grid={grid} />}
            </>
          ) : (
            board.failures.length > 0 && board.failures.map((f) => <p key={f.key} className="error small">{f.label}: {f.message}</p>)
          )}
        </div>
      )}
    </section>
  );
}
