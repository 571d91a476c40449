import * as tf from '@tensorflow/tfjs';
import {
  createLayerNorm,
  createLinear,
  createTransformerBlock,
  layerNorm,
  linear,
  transformerBlock,
  VariableStore,
  type LayerNormParams,
  type Linear,
  type TransformerBlockParams,
} from '../../nn/attention';
import type { PatchWindow } from '../../masks/windows';

/**
 * InTra's network (Pirnay and Chai, 2021): the L x L - 1 visible patches of a window are linearly
 * embedded, the hidden one is a learned inpaint token; every token adds the learned embedding of its
 * position in the whole image's patch grid. Pre-norm transformer blocks, then the mean over tokens,
 * a layer norm and a linear layer give the K x K x C pixels of the hidden patch (sigmoid: [0, 1]).
 */
export interface IntraDims {
  patch: number;
  window: number;
  dim: number;
  blocks: number;
  heads: number;
  channels: number;
  rows: number;
  cols: number;
}

export interface IntraNetwork {
  dims: IntraDims;
  store: VariableStore;
  /**
   * Inpaints one patch per window. `patches` [S, L*L, K*K*C] are the window's patches in row-major
   * order (the hidden one's content is ignored), `positions` [S, L*L] their indices in the image's
   * patch grid, `slots` [S] the hidden patch's index in the window. Returns [S, K*K*C] and, per
   * block, the attention weights [S, H, L*L, L*L].
   */
  inpaint(patches: tf.Tensor3D, positions: tf.Tensor2D, slots: tf.Tensor1D): { pixels: tf.Tensor2D; attention: tf.Tensor4D[] };
}

export function buildIntra(dims: IntraDims, seed: number): IntraNetwork {
  const { patch, dim, channels, rows, cols } = dims;
  const store = new VariableStore(seed);
  const patchSize = patch * patch * channels;
  const embed: Linear = createLinear(store, 'embed', patchSize, dim);
  const position = store.add('position', [rows * cols, dim], { std: 0.02 });
  const inpaintToken = store.add('inpaintToken', [1, 1, dim], { std: 0.02 });
  const blocks: TransformerBlockParams[] = Array.from({ length: dims.blocks }, (_, i) => createTransformerBlock(store, `block${i}`, dim));
  const outNorm: LayerNormParams = createLayerNorm(store, 'outNorm', dim);
  const head: Linear = createLinear(store, 'head', dim, patchSize);
  const tokens = dims.window * dims.window;
  return {
    dims,
    store,
    inpaint: (patches, positions, slots) =>
      tf.tidy(() => {
        const [s] = patches.shape;
        const hidden = tf.oneHot(slots, tokens).toFloat().reshape([s, tokens, 1]);
        const embedded = linear(patches, embed);
        const pos = tf.gather(position, positions.reshape([-1])).reshape([s, tokens, dim]);
        let x = embedded.mul(tf.scalar(1).sub(hidden)).add(hidden.mul(inpaintToken)).add(pos) as tf.Tensor3D;
        const attention: tf.Tensor4D[] = [];
        for (const block of blocks) {
          const out = transformerBlock(x, block, dims.heads);
          x = out.out;
          attention.push(out.weights);
        }
        const pooled = layerNorm(x.mean(1), outNorm);
        return { pixels: tf.sigmoid(linear(pooled, head)) as tf.Tensor2D, attention };
      }),
  };
}

/** Cuts x [B, H, W, C] into [B, rows*cols, K*K*C] patches, row-major over the grid. */
export function extractPatches(x: tf.Tensor4D, patch: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const rows = h / patch;
    const cols = w / patch;
    // Rank-4 transposes only (not every backend transposes 6-D tensors).
    return x
      .reshape([b * rows, patch, cols, patch * c])
      .transpose([0, 2, 1, 3])
      .reshape([b, rows * cols, patch * patch * c]) as tf.Tensor3D;
  });
}

/** Inverse of extractPatches: [B, rows*cols, K*K*C] -> [B, H, W, C]. */
export function tilePatches(p: tf.Tensor3D, rows: number, cols: number, patch: number, channels: number): tf.Tensor4D {
  return tf.tidy(
    () =>
      p
        .reshape([p.shape[0] * rows, cols, patch, patch * channels])
        .transpose([0, 2, 1, 3])
        .reshape([p.shape[0], rows * patch, cols * patch, channels]) as tf.Tensor4D,
  );
}

/**
 * Gather indices for windows of several images: for image b and window w, the rows of the
 * flattened [B * rows*cols, P] patch matrix that form the window, its grid positions and its
 * hidden slot. `windows[b]` lists the windows of image b.
 */
export function windowIndices(windows: PatchWindow[][], rows: number, cols: number, L: number): { rowsIdx: Int32Array; positions: Int32Array; slots: Int32Array; targets: Int32Array } {
  const n = windows.reduce((a, w) => a + w.length, 0);
  const rowsIdx = new Int32Array(n * L * L);
  const positions = new Int32Array(n * L * L);
  const slots = new Int32Array(n);
  const targets = new Int32Array(n);
  let s = 0;
  windows.forEach((list, b) => {
    for (const win of list) {
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < L; j++) {
          const pos = (win.r0 + i) * cols + win.c0 + j;
          positions[s * L * L + i * L + j] = pos;
          rowsIdx[s * L * L + i * L + j] = b * rows * cols + pos;
        }
      }
      slots[s] = win.wr * L + win.wc;
      targets[s] = b * rows * cols + win.row * cols + win.col;
      s++;
    }
  });
  return { rowsIdx, positions, slots, targets };
}
