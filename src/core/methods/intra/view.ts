import * as tf from '@tensorflow/tfjs';
import { centralWindow } from '../../masks/windows';
import type { AttentionView } from '../types';
import { extractPatches, windowIndices, type IntraNetwork } from './model';

/**
 * The attention view of one patch: the window InTra inpaints it from (the most central one) and,
 * per block and head, the inpaint token's attention over the window's positions. `image` [1, H, W, C].
 */
export async function attentionForPatch(net: IntraNetwork, image: tf.Tensor4D, row: number, col: number): Promise<AttentionView> {
  const { rows, cols, window: L, patch, blocks, heads } = net.dims;
  const { r0, c0 } = centralWindow(row, col, rows, cols, L);
  const idx = windowIndices([[{ row, col, r0, c0, wr: row - r0, wc: col - c0 }]], rows, cols, L);
  const rowsOfSlot = tf.tidy(() => {
    const flat = extractPatches(image.slice([0, 0, 0, 0], [1, -1, -1, -1]), patch).reshape([rows * cols, -1]);
    const windowPatches = tf.gather(flat, tf.tensor1d(idx.rowsIdx, 'int32')).reshape([1, L * L, -1]) as tf.Tensor3D;
    const { attention } = net.inpaint(windowPatches, tf.tensor2d(idx.positions, [1, L * L], 'int32'), tf.tensor1d(idx.slots, 'int32'));
    // Each block's [1, H, T, T] -> the hidden token's row, [H, T].
    const slot = idx.slots[0]!;
    return tf.stack(attention.map((a) => a.slice([0, 0, slot, 0], [1, heads, 1, L * L]).reshape([heads, L * L])));
  });
  const weights = Float32Array.from(await rowsOfSlot.data());
  rowsOfSlot.dispose();
  return {
    kind: 'attention',
    title: `Attention of the inpaint token for patch (${row}, ${col})`,
    patch,
    rows,
    cols,
    row,
    col,
    r0,
    c0,
    L,
    blocks,
    heads,
    weights,
  };
}
