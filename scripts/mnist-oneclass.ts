/**
 * One-class MNIST (MemAE's protocol, see ../shared/REFERENCE.md): for every digit c and method, runs
 *   npm run lab -- eval --data mnist:<c> --method <m> --epochs E --out <dir>/<m>-<c>.json
 * one after the other, then prints the per-class image AUROC, the mean and the training seconds.
 *
 *   npx tsx scripts/mnist-oneclass.ts [--epochs 8] [--methods ae,vae,memae] [--classes 0-9] [--out tmp/mnist-oneclass]
 *
 * A method may carry parameters: `memae:memory=false` (the paper's AE twin: MemAE's network without
 * memory), `memae:score=mean`. Finished runs whose JSON exists are read, not rerun (--fresh reruns).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface RunResult {
  metrics: { imageAUROC: number | null };
  train: { seconds: number; epochs: number; steps: number };
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const epochs = Number(flag('epochs', '8'));
const methods = flag('methods', 'ae,vae,memae').split(',');
const [lo, hi] = flag('classes', '0-9').split('-').map(Number) as [number, number];
const classes = Array.from({ length: (hi ?? lo) - lo + 1 }, (_, i) => lo + i);
const outDir = flag('out', 'tmp/mnist-oneclass');
const fresh = process.argv.includes('--fresh');
mkdirSync(outDir, { recursive: true });

const fileName = (method: string, c: number) => join(outDir, `${method.replace(/[:=,]/g, '_')}-e${epochs}-${c}.json`);

const results = new Map<string, RunResult>();
const started = Date.now();
for (const method of methods) {
  const [id, ...sets] = method.split(':');
  for (const c of classes) {
    const file = fileName(method, c);
    if (fresh || !existsSync(file)) {
      const args = ['tsx', 'src/cli/lab.ts', 'eval', '--data', `mnist:${c}`, '--method', id!, '--epochs', String(epochs), '--out', file, '--quiet'];
      for (const s of sets) args.push('--set', s);
      const run = spawnSync('npx', args, { stdio: ['ignore', 'inherit', 'inherit'] });
      if (run.status !== 0) throw new Error(`${method} on mnist:${c} failed (exit ${run.status})`);
    }
    const result = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
    results.set(`${method}/${c}`, result);
    process.stderr.write(`${method} mnist:${c}: image AUROC ${result.metrics.imageAUROC?.toFixed(4)} (${result.train.seconds.toFixed(1)} s)\n`);
  }
}

const header = ['method', ...classes.map(String), 'mean', 'train s (all classes)'];
const lines = [`One-class MNIST, ${epochs} epochs, image AUROC (wall clock ${((Date.now() - started) / 1000).toFixed(0)} s)`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
for (const method of methods) {
  const runs = classes.map((c) => results.get(`${method}/${c}`)!);
  const aucs = runs.map((r) => r.metrics.imageAUROC ?? NaN);
  const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
  const seconds = runs.reduce((a, r) => a + r.train.seconds, 0);
  lines.push(`| ${method} | ${aucs.map((a) => a.toFixed(3)).join(' | ')} | **${mean.toFixed(4)}** | ${seconds.toFixed(0)} |`);
}
process.stdout.write(lines.join('\n') + '\n');
