import * as tf from '@tensorflow/tfjs';
import { gridMasks, RIAD_CELLS_AT_256, riadCellSizes } from '../../masks';
import { countParams, loadNamedWeights, namedWeights, optimiseStep, trainableVariables } from '../../nn/weights';
import { scaleWindow } from '../../ops/filters';
import { maxScore } from '../../ops/scoring';
import { createRng, deriveSeed, randInt } from '../../rng';
import { num, str, type MethodSpec } from '../types';
import { riadLoss } from './loss';
import { buildInpaintNet } from './model';
import {
  applyInChunks,
  assemblePasses,
  hiddenTensor,
  maskedInputs,
  maskViewList,
  maxRowsPerCall,
  planRows,
  riadMap,
  riadTestPlan,
  type RiadScale,
} from './score';

/** Cell sides (px) for a working size: the paper's fractions of the image, or its raw pixel values. */
export function riadCells(size: number, mode: string): number[] {
  if (mode === 'paper') {
    const cells = RIAD_CELLS_AT_256.filter((k) => k < size);
    return cells.length ? [...cells] : [1];
  }
  return riadCellSizes(size);
}

export const riadSpec: MethodSpec = {
  id: 'riad',
  title: 'RIAD (reconstruction by inpainting)',
  family: 'inpainting',
  hasMaskViews: true,
  paper: {
    title: 'Reconstruction by inpainting for visual anomaly detection',
    venue: 'Pattern Recognition 2021 (Zavrtanik et al.)',
    url: 'https://doi.org/10.1016/j.patcog.2020.107706',
  },
  summary:
    'The image is cut into a grid of square cells dealt into three disjoint sets; a U-Net inpaints each set from the other two, and the three inpainted parts make the reconstruction. A defect hidden from the network cannot be copied, only guessed from normal context. At test time every cell size is tried and the gradient-similarity (MSGMS) errors are summed.',
  pros: [
    'Inpainting, not copying: the network has to use context, which curbs over-generalisation',
    'Several cell sizes catch defects of several sizes',
    'No superpixels needed; the masks are cheap',
  ],
  cons: ['Test time costs 3 passes per cell size (12 at 256 px)', 'Grid cells ignore the image content'],
  defaults: { base: 8, depth: 4, up: 'transposed', cells: 'scaled', sets: 3, smooth: 21, lr: 1e-3 },
  paperDefaults: { base: 64, depth: 4, up: 'upsample', cells: 'paper', sets: 3, smooth: 21, lr: 1e-4 },
  params: [
    { key: 'base', label: 'Base channels', kind: 'int', min: 4, max: 64, step: 4, help: 'Channels of the first U-Net level, doubled per level up to 8x (paper: 64 -> 512).' },
    { key: 'depth', label: 'U-Net depth', kind: 'int', min: 1, max: 6, help: 'Downsamplings (paper: 4); fewer when the image is too small for a bottleneck of at least 4 px.' },
    { key: 'up', label: 'Upsampling', kind: 'choice', options: ['transposed', 'upsample'], help: 'Transposed 2x2 conv (faster here) or bilinear upsampling.' },
    { key: 'cells', label: 'Cell sizes', kind: 'choice', options: ['scaled', 'paper'], help: 'scaled: the paper\'s 2, 4, 8, 16 px at 256 px scaled to the working size (duplicates dropped); paper: 2, 4, 8, 16 px as they are.' },
    { key: 'sets', label: 'Disjoint sets (n)', kind: 'int', min: 2, max: 8, help: 'Masks per cell size; each hides 1/n of the cells (paper: 3).' },
    { key: 'smooth', label: 'Map smoothing', kind: 'int', min: 1, max: 63, step: 2, help: 'Mean-filter side at 256 px (paper: 21), scaled to the working size.' },
    { key: 'lr', label: 'Learning rate', kind: 'float', min: 1e-5, max: 1e-2, log: true, help: 'Adam step size (paper: 1e-4).' },
  ],
  create(cfg, shape, seed) {
    const [h, w, c] = shape;
    if (h !== w) throw new Error(`RIAD needs square images, got ${h}x${w}`);
    const base = num(cfg, 'base');
    const sets = num(cfg, 'sets');
    const net = buildInpaintNet(shape, { base, depth: num(cfg, 'depth'), up: str(cfg, 'up') as 'transposed' | 'upsample', seed });
    const cells = riadCells(h, str(cfg, 'cells'));
    const trainRng = createRng(deriveSeed(seed, 'riad/train-masks'));
    // One fixed set of test masks per run: scores do not depend on how the test set is batched.
    const plan: RiadScale[] = riadTestPlan(h, cells, sets, createRng(deriveSeed(seed, 'riad/test-masks')));
    const vars = trainableVariables([net.unet]);
    const optimizer = tf.train.adam(num(cfg, 'lr'));
    const ssimWindow = Math.min(11, h % 2 === 1 ? h : h - 1);
    const smoothWindow = scaleWindow(num(cfg, 'smooth'), h);
    const maxRows = maxRowsPerCall(h, w, base);
    const restoreAll = (inputs: tf.Tensor4D) => applyInChunks((x) => net.restore(x, false), inputs, maxRows);
    let trained = false;

    return {
      trainStep: (batch) => {
        trained = true;
        // One cell size per batch, its `sets` masks shared by the batch (as in the reference).
        const cell = cells[randInt(trainRng, cells.length)]!;
        const rows = planRows([{ cell, masks: gridMasks(h, cell, sets, trainRng) }], batch.shape[0]);
        return tf.tidy(() => {
          const hidden = hiddenTensor(rows, h, w);
          const xs = batch.mul(2).sub(1) as tf.Tensor4D;
          return optimiseStep(optimizer, vars, () => {
            // The `sets` passes of every image in one network call.
            const restored = net.restore(maskedInputs(xs, hidden), true);
            const recon = assemblePasses(restored, hidden, sets).add(1).div(2) as tf.Tensor4D;
            return riadLoss(batch, recon, ssimWindow);
          });
        });
      },
      infer: (batch) =>
        tf.tidy(() => {
          const b = batch.shape[0];
          const hidden = hiddenTensor(planRows(plan, b), h, w);
          const restored = restoreAll(maskedInputs(batch.mul(2).sub(1) as tf.Tensor4D, hidden));
          const rowsPerScale = sets * b;
          const recons = plan.map((_, s) => {
            const part = (t: tf.Tensor4D) => t.slice([s * rowsPerScale, 0, 0, 0], [rowsPerScale, -1, -1, -1]);
            return assemblePasses(part(restored), part(hidden), sets).add(1).div(2) as tf.Tensor4D;
          });
          const map = riadMap(batch, recons, smoothWindow);
          const recon = tf.addN(recons).div(recons.length) as tf.Tensor4D;
          return { recon, map, score: maxScore(map) };
        }),
      maskViews: (image) => {
        const masks = plan.flatMap((s) => s.masks);
        const titles = plan.flatMap((s) => s.masks.map((_, i) => `cells of ${s.cell} px, set ${i + 1} of ${sets}`));
        let inputs: Float32Array = new Float32Array(0);
        let restored: Float32Array | null = null;
        tf.tidy(() => {
          const hidden = hiddenTensor(masks, h, w);
          const x = maskedInputs(image.expandDims(0).mul(2).sub(1) as tf.Tensor4D, hidden);
          inputs = x.add(1).div(2).dataSync() as Float32Array;
          if (trained) restored = restoreAll(x).add(1).div(2).dataSync() as Float32Array;
        });
        return maskViewList(masks, titles, inputs, restored, h * w * c);
      },
      weights: () => namedWeights({ unet: net.unet }),
      load: (weights) => {
        loadNamedWeights({ unet: net.unet }, weights);
        trained = true;
      },
      paramCount: () => countParams([net.unet]),
      dispose: () => {
        net.unet.dispose();
        optimizer.dispose();
      },
    };
  },
};
