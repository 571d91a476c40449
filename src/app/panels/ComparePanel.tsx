import { useRef, useState } from 'react';
import type { Budget } from '../../core/compare/budget';
import { useLab } from '../store';
import { useT } from '../i18n';
import { useEntryLabel } from '../i18n/entry';
import { datasetNameText } from '../i18n/labels';
import { useMessageText } from '../i18n/messages';
import { CompareGrid } from './compare/CompareGrid';
import { CompareRoc } from './compare/CompareRoc';
import { Leaderboard } from './compare/Leaderboard';
import { QueueEditor } from './compare/QueueEditor';
import { exportBoardCsv, exportBoardJson, exportGridPng } from './compare/report';

/** The compare board: queue runs, then read the leaderboard, the ROC curves and the image grid. */
export function ComparePanel() {
  const t = useT();
  const entryLabel = useEntryLabel();
  const msg = useMessageText();
  const board = useLab((s) => s.board);
  const grid = useLab((s) => s.grid);
  const dataset = useLab((s) => s.dataset);
  const shared = useLab((s) => s.sharedScale);
  const gridRef = useRef<HTMLTableElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const budgetText = (b: Budget) => (b.kind === 'steps' ? t('budget.steps', { n: b.steps }) : b.kind === 'seconds' ? t('budget.seconds', { n: b.seconds }) : t('budget.epochs', { n: b.epochs }));
  const stale = board !== null && dataset !== null && board.datasetId !== dataset.id;
  const hasResults = board !== null && board.results.length > 0;
  // The board's setup line, shown above it and written into the PNG figure.
  const setup = board
    ? t('board.setup', {
        data: datasetNameText(t, board.datasetId, board.datasetName),
        budget: budgetText(board.budget),
        seed: board.seed,
        batch: board.batchSize,
      })
    : '';
  const savePng = () => {
    if (!gridRef.current || !board) return;
    const texts = {
      title: t('figure.title'),
      setup: setup + board.backend,
      legend: t('figure.legend', { scale: t(shared ? 'figure.scaleShared' : 'figure.scaleCentred') }),
    };
    exportGridPng(gridRef.current, texts).catch((err: Error) => setExportError(err.message));
  };
  return (
    <section className="panel" aria-labelledby="compare-title">
      <h2 id="compare-title">{t('compare.title')}</h2>
      <QueueEditor />
      {board && (
        <div className="board" data-testid="compare-board">
          <div className="board-head">
            <p className="small muted">
              {setup}
              <span lang="en">{board.backend}</span>
            </p>
            <div className="row">
              <button type="button" className="secondary" disabled={!hasResults} onClick={() => exportBoardJson(board)}>
                {t('board.exportJson')}
              </button>
              <button type="button" className="secondary" disabled={!hasResults} onClick={() => exportBoardCsv(board)}>
                {t('board.exportCsv')}
              </button>
              <button type="button" className="secondary" disabled={!grid || stale} onClick={savePng}>
                {t('board.savePng')}
              </button>
            </div>
          </div>
          {exportError && <p className="error small">{exportError}</p>}
          {stale && <p className="hint-box">{t('board.stale')}</p>}
          {hasResults ? (
            <>
              <Leaderboard board={board} />
              <CompareRoc board={board} />
              {grid && !stale && <CompareGrid ref={gridRef} board={board} grid={grid} />}
            </>
          ) : (
            board.failures.length > 0 && board.failures.map((f) => (
              <p key={f.key} className="error small">
                {entryLabel(f.label)}: {msg(f.message)}
              </p>
            ))
          )}
        </div>
      )}
    </section>
  );
}
