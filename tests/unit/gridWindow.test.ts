import { describe, expect, it } from 'vitest';
import { columnsFor, gridWindow, pagesFor } from '../../src/app/panels/data/gridWindow';

describe('windowed grid', () => {
  it('fits as many columns as the width allows, at least one', () => {
    expect(columnsFor(360, 72, 6)).toBe(4);
    expect(columnsFor(384, 72, 6)).toBe(5);
    expect(columnsFor(10, 72, 6)).toBe(1);
  });

  it('renders only the rows in view plus the overscan, and the whole height', () => {
    const w = gridWindow({ scrollTop: 0, viewportHeight: 300, rowHeight: 100, columns: 5, total: 5000, overscan: 1 });
    expect(w).toEqual({ rows: 1000, height: 100_000, first: 0, end: 20 });
    const mid = gridWindow({ scrollTop: 50_050, viewportHeight: 300, rowHeight: 100, columns: 5, total: 5000, overscan: 1 });
    expect(mid.first).toBe(499 * 5);
    expect(mid.end).toBe(505 * 5);
    const end = gridWindow({ scrollTop: 99_700, viewportHeight: 300, rowHeight: 100, columns: 5, total: 4998, overscan: 2 });
    expect(end.end).toBe(4998);
    expect(end.end - end.first).toBeLessThan(40);
    expect(gridWindow({ scrollTop: 0, viewportHeight: 300, rowHeight: 100, columns: 5, total: 0 })).toEqual({ rows: 0, height: 0, first: 0, end: 0 });
  });

  it('lists the pages covering a window', () => {
    expect(pagesFor(0, 20, 48)).toEqual([0]);
    expect(pagesFor(40, 100, 48)).toEqual([0, 1, 2]);
    expect(pagesFor(96, 96, 48)).toEqual([]);
  });
});

