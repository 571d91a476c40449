import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

async function lab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/lab.ts', ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const TINY = ['--data', 'synthetic', '--size', '32', '--channels', '1', '--steps', '2', '--quiet'];

describe('lab compare', () => {
  it('trains each method in turn and writes one table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reconlab-compare-'));
    const out = join(dir, 'table.json');
    const r = await lab('compare', ...TINY, '--methods', 'ae:width=4:latent=8,ae:loss=ssim:width=4:latent=8', '--out', out);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').filter((l) => l.startsWith('|'));
    expect(lines).toHaveLength(4); // header, rule, two runs
    expect(lines[2]).toMatch(/^\| ae · width=4, latent=8 \| \d\.\d{3} \| \d\.\d{3} \| \d\.\d{3} \|/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { budget: unknown; rows: { trainSteps: number; aupro: number; perTypeAUROC: Record<string, number> }[] };
    expect(doc.budget).toEqual({ kind: 'steps', steps: 2 });
    expect(doc.rows.map((row) => row.trainSteps)).toEqual([2, 2]);
    expect(Object.keys(doc.rows[0]!.perTypeAUROC).sort()).toEqual(['hole', 'scratch', 'stain']);
  });

  it('refuses bad method lists, budgets and outputs in one line', async () => {
    for (const [args, pattern] of [
      [['--methods', 'ae:loss'], /^lab: --methods: "loss" in "ae:loss" is not key=value/],
      [['--methods', 'nope'], /^lab: unknown method "nope"/],
      [['--methods', 'ae', '--seconds', '5'], /^lab: give one budget/],
      [['--methods', 'ae', '--out', 'table.xlsx'], /^lab: --out must end in \.md, \.csv or \.json/],
    ] as const) {
      const r = await lab('compare', ...TINY, ...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(pattern);
    }
  });
});
