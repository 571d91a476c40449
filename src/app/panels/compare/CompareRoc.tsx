import { useMemo } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { Plot } from '../../components/Plot';
import { PR_LAYOUT, ROC_LAYOUT, SERIES_COLOURS, prTrace, rocTrace } from '../../components/charts';
import { useLab } from '../../store';
import type { CompareBoard } from '../../store/compareSlice';

/** Every finished run's ROC (and PR) curve on one plot, image or pixel level. */
export function CompareRoc({ board }: { board: CompareBoard }) {
  const level = useLab((s) => s.rocLevel);
  const setLevel = useLab((s) => s.setRocLevel);
  const [roc, pr] = useMemo(() => {
    const rocTraces: PlotTrace[] = [];
    const prTraces: PlotTrace[] = [];
    board.results.forEach((r, i) => {
      const curves = level === 'image' ? r.curves.image : r.curves.pixel;
      if (!curves) return;
      const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
      const auc = level === 'image' ? r.row.imageAUROC : r.row.pixelAUROC;
      rocTraces.push(rocTrace(curves, `${r.row.label}${auc === null ? '' : ` (${auc.toFixed(3)})`}`, colour));
      prTraces.push(prTrace(curves, r.row.label, colour));
    });
    return [rocTraces, prTraces];
  }, [board.results, level]);
  return (
    <div className="compare-curves">
      <label className="inline">
        Curves at
        <select aria-label="ROC level" value={level} onChange={(e) => setLevel(e.target.value === 'pixel' ? 'pixel' : 'image')}>
          <option value="image">image level</option>
          <option value="pixel">pixel level</option>
        </select>
      </label>
      {roc.length ? (
        <div className="plot-grid">
          <figure>
            <figcaption>ROC curves, overlaid (AUROC in brackets)</figcaption>
            <Plot traces={roc} layout={ROC_LAYOUT} label={`${level}-level ROC curves of the compared methods`} testId="compare-roc" />
          </figure>
          <figure>
            <figcaption>Precision–recall curves, overlaid</figcaption>
            <Plot traces={pr} layout={PR_LAYOUT} label={`${level}-level precision-recall curves of the compared methods`} testId="compare-pr" />
          </figure>
        </div>
      ) : (
        <p className="muted small placeholder">No {level}-level curves for this test set.</p>
      )}
    </div>
  );
}
