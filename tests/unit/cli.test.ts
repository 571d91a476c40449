import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
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

/** A failure is exactly one line on stderr, without a stack trace, and a non-zero exit code. */
function expectOneLineFailure(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
}

describe('lab CLI', () => {
  it('lists the methods as JSON', async () => {
    const r = await lab('list', '--json');
    expect(r.code).toBe(0);
    const methods = JSON.parse(r.stdout) as { id: string; params: unknown[] }[];
    expect(methods.map((m) => m.id)).toContain('ae');
    expect(methods.find((m) => m.id === 'ae')!.params.length).toBeGreaterThan(0);
  });

  it('refuses a missing folder in one line', async () => {
    expectOneLineFailure(await lab('eval', '--data', '/no/such/folder', '--method', 'ae'), /^lab: .*not found: \/no\/such\/folder/);
  });

  it('refuses a folder without training images in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reconlab-empty-'));
    mkdirSync(join(dir, 'train', 'good'), { recursive: true });
    expectOneLineFailure(await lab('eval', '--data', dir, '--method', 'ae'), /^lab: .*no training images/i);
  });

  it('refuses an unknown method in one line', async () => {
    expectOneLineFailure(await lab('eval', '--data', 'synthetic', '--method', 'gan9000'), /^lab: unknown method "gan9000"/);
  });

  it('refuses a bad parameter and a bad size in one line', async () => {
    expectOneLineFailure(await lab('eval', '--data', 'synthetic', '--set', 'loss=l7'), /^lab: ae: "loss" must be one of/);
    expectOneLineFailure(await lab('eval', '--data', 'synthetic', '--size', '48'), /^lab: --size must be 32, 64, 128 or 256/);
  });
});
