import * as tf from '@tensorflow/tfjs';
import type { BackendName, ProbeResult } from './names';

/**
 * A short speed probe of the current backend: a few training steps of a small conv autoencoder
 * (8 x 32x32x3, conv 16/32 stride 2, two transposed convs, SGD). The first step (shader
 * compilation, kernel set-up) is not counted; the result is the median of the rest, in ms.
 * When the first step alone takes over `giveUpMs`, the probe stops there: `stopped` is true and
 * `ms` is that first step's time.
 */
export async function probeStepMs(steps = 3, giveUpMs = Infinity): Promise<{ ms: number; stopped: boolean }> {
  const conv = (x: tf.Tensor4D, w: tf.Variable, stride: number) => tf.relu(tf.conv2d(x, w as tf.Tensor4D, stride, 'same'));
  const init = (shape: number[], seed: number) => tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 0.1, 'float32', seed)));
  const w1 = init([3, 3, 3, 16], 1);
  const w2 = init([3, 3, 16, 32], 2);
  const w3 = init([4, 4, 16, 32], 3);
  const w4 = init([4, 4, 3, 16], 4);
  const x = tf.randomUniform([8, 32, 32, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
  const optimizer = tf.train.sgd(1e-3);
  const times: number[] = [];
  try {
    for (let i = 0; i <= steps; i++) {
      const t0 = performance.now();
      const loss = optimizer.minimize(() => {
        const h = conv(conv(x, w1, 2), w2, 2);
        const u = tf.relu(tf.conv2dTranspose(h, w3 as tf.Tensor4D, [8, 16, 16, 16], 2, 'same'));
        const y = tf.sigmoid(tf.conv2dTranspose(u, w4 as tf.Tensor4D, [8, 32, 32, 3], 2, 'same'));
        return tf.losses.meanSquaredError(x, y) as tf.Scalar;
      }, true)!;
      await loss.data();
      loss.dispose();
      const ms = performance.now() - t0;
      if (i === 0 && ms > giveUpMs) return { ms, stopped: true };
      if (i > 0) times.push(ms);
    }
  } finally {
    tf.dispose([w1, w2, w3, w4, x]);
    optimizer.dispose();
  }
  times.sort((a, b) => a - b);
  return { ms: times[(times.length - 1) >> 1]!, stopped: false };
}

/**
 * A backend whose first (set-up) step takes this many times the best median so far, and over
 * 2 s, is not probed further: it cannot win, and a software GPU would keep the user waiting.
 */
const GIVE_UP_FACTOR = 20;
const GIVE_UP_FLOOR_MS = 2000;

/**
 * Probes each backend in `candidates` in the order given (put the cheap ones first; setting each
 * in turn) and returns the timings, fastest first; a backend stopped after its first step comes
 * after those fully probed, and backends that failed to start or run come last with their error.
 * Leaves the last probed backend set: the caller sets the one it picks.
 */
export async function probeBackends(candidates: readonly BackendName[], steps = 3): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const name of candidates) {
    try {
      if (!(await tf.setBackend(name))) throw new Error('failed to initialise');
      await tf.ready();
      const best = Math.min(...results.map((r) => (r.msPerStep !== null && !r.stopped ? r.msPerStep : Infinity)));
      const { ms, stopped } = await probeStepMs(steps, Math.max(GIVE_UP_FLOOR_MS, GIVE_UP_FACTOR * best));
      results.push(stopped ? { name, msPerStep: ms, stopped } : { name, msPerStep: ms });
    } catch (err) {
      results.push({ name, msPerStep: null, error: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
    }
  }
  const rank = (r: ProbeResult) => (r.msPerStep === null ? 2 : r.stopped ? 1 : 0);
  return results.sort((a, b) => rank(a) - rank(b) || (a.msPerStep ?? 0) - (b.msPerStep ?? 0));
}
