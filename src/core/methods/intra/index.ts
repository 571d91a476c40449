import * as tf from '@tensorflow/tfjs';
import { allCentralWindows, patchGrid, randomWindow, type PatchWindow } from '../../masks/windows';
import { optimiseStep } from '../../nn/weights';
import { smoothSigma } from '../../ops/scoring';
import { createRng, deriveSeed } from '../../rng';
import { num, type MethodSpec } from '../types';
import { intraLoss } from './loss';
import { buildIntra, extractPatches, tilePatches, windowIndices } from './model';
import { intraScore } from './score';
import { attentionForPatch } from './view';

/**
 * The patch side actually used: the largest side <= `patch` that divides the image side and leaves
 * at least L patches per side (patch 8 with window 5 needs 40 px; at 32 px it becomes 4, at 28 px 4).
 */
export function fitPatch(size: number, patch: number, L: number): number {
  for (let p = Math.min(patch, Math.floor(size / L)); p >= 1; p--) if (size % p === 0) return p;
  throw new RangeError(`InTra: a window of ${L} patches does not fit in ${size} px`);
}

/** Windows per inference call at most (S x L*L tokens): larger test batches run in image chunks. */
const MAX_WINDOWS_PER_CALL = 2048;

export const intraSpec: MethodSpec = {
  id: 'intra',
  title: 'InTra (inpainting transformer)',
  family: 'inpainting',
  paper: { title: 'Inpainting Transformer for Anomaly Detection', venue: 'ICIAP 2022 (Pirnay and Chai), arXiv 2021', url: 'https://arxiv.org/abs/2104.13897' },
  summary:
    'The image is cut into patches. A transformer sees an L x L window of patches with one of them hidden and rebuilds it from the others and their positions. At test time every patch is inpainted from the window that holds it most centrally; the patches tile into a reconstruction, compared with the input by gradient similarity (MSGMS).',
  pros: ['The first transformer for the task, and better than RIAD', 'Each patch is rebuilt from its context only, so a defect cannot be copied through'],
  cons: ['One inpainting per patch: slow to train and costly at test (one window per patch)', 'Needs many training steps to learn the positional embeddings'],
  defaults: { patch: 8, window: 5, dim: 128, blocks: 4, heads: 4, draws: 4, lr: 5e-4 },
  paperDefaults: { patch: 16, window: 7, dim: 512, blocks: 13, heads: 8, draws: 1, lr: 1e-4 },
  params: [
    { key: 'patch', label: 'Patch side K', kind: 'int', min: 2, max: 32, help: 'Patch side in pixels (16 in the paper at 256 px); shrunk on small images to the largest divisor of the side that leaves L patches per side.' },
    { key: 'window', label: 'Window side L', kind: 'int', min: 2, max: 9, help: 'Patches per window side; the window must fit in the patch grid (7 in the paper).' },
    { key: 'dim', label: 'Embedding size', kind: 'int', min: 16, max: 1024, step: 16, help: 'Token dimension, a multiple of the heads (512 in the paper).' },
    { key: 'blocks', label: 'Transformer blocks', kind: 'int', min: 1, max: 16, help: 'Pre-norm blocks (13 in the paper).' },
    { key: 'heads', label: 'Attention heads', kind: 'int', min: 1, max: 16, help: 'Heads per block (8 in the paper).' },
    { key: 'draws', label: 'Windows per image', kind: 'int', min: 1, max: 16, help: 'Random windows drawn from each training image per step (the paper: 1; more uses each step better).' },
    { key: 'lr', label: 'Learning rate', kind: 'float', min: 1e-5, max: 1e-2, log: true, help: 'Adam step size.' },
  ],
  create(cfg, shape, seed) {
    const [size, , channels] = shape;
    const L = num(cfg, 'window');
    const patch = fitPatch(size, num(cfg, 'patch'), L);
    const { rows, cols } = patchGrid(size, patch);
    const dim = num(cfg, 'dim');
    const heads = num(cfg, 'heads');
    if (dim % heads !== 0) throw new RangeError(`InTra: embedding size ${dim} must be a multiple of the heads (${heads})`);
    const draws = num(cfg, 'draws');
    const net = buildIntra({ patch, window: L, dim, blocks: num(cfg, 'blocks'), heads, channels, rows, cols }, seed);
    const vars = net.store.list();
    const optimizer = tf.train.adam(num(cfg, 'lr'));
    const rng = createRng(deriveSeed(seed, 'intra-windows'));
    const sigma = smoothSigma(size);
    const perImage = rows * cols;
    const testWindows = allCentralWindows(rows, cols, L);

    /** Inpaints the listed windows of each image of x; returns [S, K, K, C] and the true patches. */
    const inpaintWindows = (x: tf.Tensor4D, windows: PatchWindow[][]) => {
      const idx = windowIndices(windows, rows, cols, L);
      const s = idx.slots.length;
      const flat = extractPatches(x, patch).reshape([x.shape[0] * perImage, -1]);
      const windowPatches = tf.gather(flat, tf.tensor1d(idx.rowsIdx, 'int32')).reshape([s, L * L, -1]) as tf.Tensor3D;
      const { pixels } = net.inpaint(windowPatches, tf.tensor2d(idx.positions, [s, L * L], 'int32'), tf.tensor1d(idx.slots, 'int32'));
      const target = tf.gather(flat, tf.tensor1d(idx.targets, 'int32'));
      return { pred: pixels.reshape([s, patch, patch, channels]) as tf.Tensor4D, target: target.reshape([s, patch, patch, channels]) as tf.Tensor4D };
    };

    return {
      trainStep: (batch) => {
        const windows = Array.from({ length: batch.shape[0] }, () => Array.from({ length: draws }, () => randomWindow(rows, cols, L, rng)));
        return tf.tidy(() =>
          optimiseStep(optimizer, vars, () => {
            const { pred, target } = inpaintWindows(batch, windows);
            return intraLoss(target, pred);
          }),
        );
      },
      infer: (batch) =>
        tf.tidy(() => {
          const n = batch.shape[0];
          const chunk = Math.max(1, Math.floor(MAX_WINDOWS_PER_CALL / perImage));
          const parts: tf.Tensor4D[] = [];
          for (let start = 0; start < n; start += chunk) {
            const b = Math.min(chunk, n - start);
            const x = batch.slice([start, 0, 0, 0], [b, -1, -1, -1]);
            // Every patch from its most central window, all windows of the chunk in one call; row-major order tiles back.
            const { pred } = inpaintWindows(x, Array.from({ length: b }, () => testWindows));
            parts.push(tilePatches(pred.reshape([b, perImage, -1]) as tf.Tensor3D, rows, cols, patch, channels));
          }
          const recon = parts.length === 1 ? parts[0]! : (tf.concat(parts, 0) as tf.Tensor4D);
          return { recon, ...intraScore(batch, recon, sigma) };
        }),
      // View: for the first probe image and the focused patch (default: the centre), the window and its attention.
      extras: async (request) => {
        if (!request?.probe) return { views: [] };
        const row = Math.min(rows - 1, Math.max(0, request.focus?.row ?? Math.floor(rows / 2)));
        const col = Math.min(cols - 1, Math.max(0, request.focus?.col ?? Math.floor(cols / 2)));
        return { views: [await attentionForPatch(net, request.probe, row, col)] };
      },
      weights: () => net.store.named('intra'),
      load: (w) => net.store.load('intra', w),
      paramCount: () => net.store.count(),
      dispose: () => {
        net.store.dispose();
        optimizer.dispose();
      },
    };
  },
};
