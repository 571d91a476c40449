/**
 * The arithmetic of a windowed grid: which cells of a long list of fixed-size cells are in view
 * (plus a margin of rows), and which pages of them to fetch. Only those cells are rendered, so a
 * gallery of 5,000 images has a few dozen elements at any time.
 */
export interface GridWindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  columns: number;
  total: number;
  /** Extra rows rendered above and below the view. */
  overscan?: number;
}

export interface GridWindow {
  rows: number;
  /** Height of the whole grid, for the scroll area. */
  height: number;
  /** Cells [first, end) are rendered. */
  first: number;
  end: number;
}

export function columnsFor(width: number, cellWidth: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (cellWidth + gap)));
}

export function gridWindow({ scrollTop, viewportHeight, rowHeight, columns, total, overscan = 2 }: GridWindowInput): GridWindow {
  const cols = Math.max(1, columns);
  const rows = Math.ceil(Math.max(0, total) / cols);
  const firstRow = Math.max(0, Math.floor(Math.max(0, scrollTop) / rowHeight) - overscan);
  const lastRow = Math.min(rows, Math.ceil((Math.max(0, scrollTop) + viewportHeight) / rowHeight) + overscan);
  return { rows, height: rows * rowHeight, first: Math.min(total, firstRow * cols), end: Math.min(total, lastRow * cols) };
}

/** Page numbers covering cells [first, end). */
export function pagesFor(first: number, end: number, pageSize: number): number[] {
  if (end <= first) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p * pageSize < end; p++) pages.push(p);
  return pages;
}
