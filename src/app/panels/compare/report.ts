import { boardCsv, boardJson, type BoardSetup } from '../../../core/compare/board';
import { viridisCss } from '../../components/colormap';
import { downloadBlob, downloadText } from '../../components/download';
import type { CompareBoard } from '../../store/compareSlice';

/** Exports of the compare board: JSON and CSV tables, and a PNG figure of its image grid. */

function setupOf(board: CompareBoard): BoardSetup {
  return { dataset: board.datasetName, budget: board.budget, seed: board.seed, batchSize: board.batchSize, backend: board.backend };
}

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');

export function exportBoardJson(board: CompareBoard): void {
  const curves = board.results.map((r) => ({
    label: r.row.label,
    imageRoc: r.curves.image ? { fpr: Array.from(r.curves.image.roc.fpr), tpr: Array.from(r.curves.image.roc.tpr) } : null,
    pixelRoc: r.curves.pixel ? { fpr: Array.from(r.curves.pixel.roc.fpr), tpr: Array.from(r.curves.pixel.roc.tpr) } : null,
  }));
  const failures = board.failures.map((f) => ({ label: f.label, message: f.message }));
  downloadText(boardJson(board.results.map((r) => r.row), setupOf(board), { failures, rocCurves: curves }), `reconlab-board-${stamp()}.json`, 'application/json');
}

export function exportBoardCsv(board: CompareBoard): void {
  downloadText(boardCsv(board.results.map((r) => r.row)), `reconlab-board-${stamp()}.csv`, 'text/csv');
}

const CELL = 112;
const GAP = 6;
const LABEL_W = 260;
const PAD = 16;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * Draws the grid's canvases (rows marked data-figure-row, captions data-figure-caption) into one
 * canvas with the row labels, image captions, the setup and the colour-scale note, as a PNG.
 */
export interface FigureTexts {
  /** The figure's title. */
  title: string;
  /** The line under it: data set, budget, seed, backend. */
  setup: string;
  /** What the colour bar means, written after it. */
  legend: string;
}

export async function exportGridPng(table: HTMLTableElement, texts: FigureTexts): Promise<void> {
  const rows = [...table.querySelectorAll<HTMLTableRowElement>('tr[data-figure-row]')].map((tr) => ({
    label: tr.dataset.figureLabel ?? '',
    sub: tr.dataset.figureSub ?? '',
    canvases: [...tr.querySelectorAll('canvas')],
  }));
  const captions = [...table.querySelectorAll<HTMLElement>('[data-figure-caption]')].map((th) => th.dataset.figureCaption ?? '');
  const columns = Math.max(...rows.map((r) => r.canvases.length), 0);
  if (rows.length === 0 || columns === 0) return;
  const titleH = 52;
  const captionH = 22;
  const footerH = 40;
  const width = PAD * 2 + LABEL_W + columns * (CELL + GAP);
  const height = PAD * 2 + titleH + captionH + rows.length * (CELL + GAP) + footerH;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas for the figure');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1d2433';
  ctx.textBaseline = 'top';
  ctx.font = `600 16px ${FONT}`;
  ctx.fillText(texts.title, PAD, PAD);
  ctx.font = `13px ${FONT}`;
  ctx.fillStyle = '#5b6478';
  ctx.fillText(texts.setup, PAD, PAD + 24);

  let y = PAD + titleH;
  ctx.font = `600 13px ${FONT}`;
  ctx.fillStyle = '#1d2433';
  captions.forEach((c, i) => ctx.fillText(c, PAD + LABEL_W + i * 2 * (CELL + GAP), y, 2 * CELL + GAP));
  y += captionH;
  ctx.imageSmoothingEnabled = false;
  for (const row of rows) {
    ctx.font = `13px ${FONT}`;
    ctx.fillStyle = '#1d2433';
    const bottom = wrapText(ctx, row.label, PAD, y + 4, LABEL_W - 12, 17);
    ctx.fillStyle = '#5b6478';
    ctx.font = `12px ${FONT}`;
    if (row.sub) ctx.fillText(row.sub, PAD, bottom + 4);
    row.canvases.forEach((c, i) => ctx.drawImage(c, PAD + LABEL_W + i * (CELL + GAP), y, CELL, CELL));
    y += CELL + GAP;
  }
  // The colour bar and what it means.
  const barX = PAD;
  const barY = y + 10;
  for (let i = 0; i < 160; i++) {
    ctx.fillStyle = viridisCss(i / 159);
    ctx.fillRect(barX + i, barY, 1, 12);
  }
  ctx.fillStyle = '#5b6478';
  ctx.font = `12px ${FONT}`;
  ctx.fillText(texts.legend, barX + 172, barY);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the figure');
  downloadBlob(blob, `reconlab-compare-${stamp()}.png`);
}

/** Draws text wrapped at spaces; returns the y below its last line. */
function wrapText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth: number, lineHeight: number): number {
  let line = '';
  let yy = y;
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > maxWidth && line) {
      ctx.fillText(line, x, yy);
      line = word;
      yy += lineHeight;
    } else line = next;
  }
  if (line) ctx.fillText(line, x, yy);
  return yy + lineHeight;
}
