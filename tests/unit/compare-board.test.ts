import { describe, expect, it } from 'vitest';
import { boardCsv, boardJson, boardMarkdown, boardRow, configDiff, type BoardRow } from '../../src/core/compare/board';
import { budgetToTrain, describeBudget } from '../../src/core/compare/budget';
import type { TestMetrics } from '../../src/core/metrics';
import { TRAIN_DEFAULTS } from '../../src/core/train/engine';

const metrics: TestMetrics = {
  imageAUROC: 0.875,
  pixelAUROC: null,
  aupro: null,
  f1max: { image: { f1: 0.8, threshold: 0.25, precision: 1, recall: 2 / 3 }, pixel: null },
  perTypeAUROC: { hole: 0.9 },
  notes: ['pixel metrics: no masks'],
};
const stats = { trainSteps: 10, trainSeconds: 1.25, inferMsPerImage: 0.5, params: 1234 };

function row(label: string): BoardRow {
  return boardRow(label, 'ae', { loss: 'ssim', width: 8 }, metrics, stats);
}

describe('board rows and tables', () => {
  it('takes the metrics and thresholds of a run', () => {
    const r = row('ae · loss=ssim');
    expect(r).toMatchObject({ imageAUROC: 0.875, imageF1: 0.8, imageThreshold: 0.25, pixelF1: null, params: 1234 });
  });

  it('writes Markdown with n/a for missing metrics', () => {
    const md = boardMarkdown([row('ae | pipe')]);
    const lines = md.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('| ae \\| pipe | 0.875 | n/a | n/a | 0.800 | n/a | 10 | 1.3 | 0.50 | 1234 |');
  });

  it('writes CSV that quotes commas and quotes and defuses formulas', () => {
    const csv = boardCsv([row('ae, "wide"'), row('=HYPERLINK("x")')]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^method,image AUROC,pixel AUROC,AUPRO,/);
    expect(lines[1]).toMatch(/^"ae, ""wide""",0\.875,,,0\.8,,10,1\.25,0\.5,1234,0\.25,,"\{""loss"":""ssim"",""width"":8\}"$/);
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",/);
    expect(lines).toHaveLength(4); // header, two rows, trailing newline
  });

  it('writes JSON with the setup and rows', () => {
    const doc = JSON.parse(boardJson([row('a')], { dataset: 'd', budget: { kind: 'steps', steps: 5 }, seed: 3, batchSize: 8, backend: 'wasm' }));
    expect(doc).toMatchObject({ kind: 'reconlab-compare-board', seed: 3, budget: { kind: 'steps', steps: 5 }, rows: [{ label: 'a', imageAUROC: 0.875 }] });
  });

  it('names only the settings that differ from the defaults', () => {
    expect(configDiff({ loss: 'ssim', width: 32, lr: 0.001 }, { loss: 'l2', width: 32, lr: 0.001 })).toBe('loss=ssim');
    expect(configDiff({ a: 1 }, { a: 1 })).toBe('');
  });
});

describe('budgets', () => {
  it('become a step cap, a time cap or an epoch count, replacing earlier caps', () => {
    const base = { ...TRAIN_DEFAULTS, maxSteps: 3 };
    expect(budgetToTrain({ kind: 'steps', steps: 40 }, base)).toMatchObject({ maxSteps: 40, epochs: 1_000_000 });
    const timed = budgetToTrain({ kind: 'seconds', seconds: 2 }, base);
    expect(timed.maxSeconds).toBe(2);
    expect(timed.maxSteps).toBeUndefined();
    expect(budgetToTrain({ kind: 'epochs', epochs: 4 }, base)).toEqual({ ...TRAIN_DEFAULTS, epochs: 4 });
    expect(describeBudget({ kind: 'seconds', seconds: 30 })).toBe('30 s');
  });
});
