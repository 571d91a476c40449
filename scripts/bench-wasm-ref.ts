/**
 * Times one training step of the reference conv autoencoder on the wasm backend in Node.
 *
 *   npx tsx scripts/bench-wasm-ref.ts [wasm|cpu] [--steps N] [--profile]
 *
 * Input 16x64x64x3; encoder 3 conv2d (kernel 4, stride 2, 'same', 32/64/128, ReLU); decoder 3
 * mirrored conv2dTranspose (64/32/3); MSE loss; Adam. Prints the median of N steps after 2 warm-up
 * steps, and with --profile the kernel time per kernel name for one step.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/core/backend/wasmTraining';

const args = process.argv.slice(2);
const backend = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'wasm';
const stepsAt = args.indexOf('--steps');
const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : 10;
const profile = args.includes('--profile');

function referenceAutoencoder(): tf.Sequential {
  const model = tf.sequential();
  const conv = { kernelSize: 4, strides: 2, padding: 'same' as const };
  model.add(tf.layers.conv2d({ ...conv, inputShape: [64, 64, 3], filters: 32, activation: 'relu' }));
  model.add(tf.layers.conv2d({ ...conv, filters: 64, activation: 'relu' }));
  model.add(tf.layers.conv2d({ ...conv, filters: 128, activation: 'relu' }));
  model.add(tf.layers.conv2dTranspose({ ...conv, filters: 64, activation: 'relu' }));
  model.add(tf.layers.conv2dTranspose({ ...conv, filters: 32, activation: 'relu' }));
  model.add(tf.layers.conv2dTranspose({ ...conv, filters: 3, activation: 'sigmoid' }));
  return model;
}

async function main(): Promise<void> {
  registerWasmTrainingKernels();
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to start`);
  await tf.ready();
  const model = referenceAutoencoder();
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomUniform([16, 64, 64, 3], 0, 1, 'float32', 1);
  const step = (): number => {
    const loss = optimizer.minimize(
      () => tf.losses.meanSquaredError(x, model.apply(x, { training: true }) as tf.Tensor4D),
      true,
    )!;
    const value = loss.dataSync()[0]!;
    loss.dispose();
    return value;
  };

  for (let i = 0; i < 2; i++) step();
  const times: number[] = [];
  let loss = 0;
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    loss = step();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  console.log(
    `${backend}: median ${median.toFixed(0)} ms/step over ${steps} steps ` +
      `(min ${times[0]!.toFixed(0)}, max ${times[times.length - 1]!.toFixed(0)}), loss ${loss.toFixed(5)}`,
  );

  if (profile) {
    const info = await tf.profile(() => {
      step();
    });
    const byKernel = new Map<string, { ms: number; calls: number }>();
    for (const k of info.kernels) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
      byKernel.set(k.name, { ms: e.ms + ms, calls: e.calls + 1 });
    }
    const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms);
    for (const [name, { ms, calls }] of rows.slice(0, 15)) {
      console.log(`  ${name.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms  ${String(calls).padStart(4)} calls`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
