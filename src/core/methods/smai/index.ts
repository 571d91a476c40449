import * as tf from '@tensorflow/tfjs';
import type { ImageRecord } from '../../data/types';
import { superpixelMasks } from '../../masks';
import { countParams, loadNamedWeights, namedWeights, optimiseStep, trainableVariables } from '../../nn/weights';
import { maxScore, smoothSigma } from '../../ops/scoring';
import { createRng, deriveSeed, randRange } from '../../rng';
import { applyInChunks, assemblePasses, hiddenTensor, maskedInputs, maskViewList, maxRowsPerCall } from '../riad/score';
import { num, str, type MaskView, type MethodSpec } from '../types';
import { smaiLoss, type SmaiLoss } from './loss';
import { buildSmaiNet, withMaskChannel } from './model';
import {
  batchBytes,
  smaiMap,
  smaiSegments,
  smaiTestGroups,
  superpixelBorders,
  SuperpixelCache,
  visibleMean,
  type SmaiMapKind,
} from './score';

export const smaiSpec: MethodSpec = {
  id: 'smai',
  title: 'SMAI (superpixel masking and inpainting)',
  family: 'inpainting',
  hasMaskViews: true,
  paper: {
    title: 'Superpixel Masking and Inpainting for Self-Supervised Anomaly Detection',
    venue: 'BMVC 2020 (Li et al.)',
    url: 'https://www.bmvc2020-conference.com/assets/papers/0275.pdf',
  },
  summary:
    'Each image is split into superpixels (SLIC). Training hides a random part of them and an inpainting U-Net restores them from the rest. At test time the superpixels are hidden group by group; the restored groups make the reconstruction and its error is the anomaly map.',
  pros: ['Simple and novel: masks follow the image content', 'Beat the plain autoencoders in the paper'],
  cons: ['Superpixels limit how precisely a defect is outlined', 'Test time grows with the number of masked groups'],
  defaults: {
    superpixels: 64,
    compactness: 10,
    maskMin: 0.3,
    maskMax: 0.5,
    groups: 4,
    fill: 'zero',
    loss: 'l2',
    map: 'l2',
    base: 8,
    depth: 4,
    up: 'transposed',
    lr: 1e-3,
  },
  paperDefaults: {
    superpixels: 25,
    compactness: 10,
    maskMin: 0.3,
    maskMax: 0.5,
    groups: 25,
    fill: 'zero',
    loss: 'l2+ssim',
    map: 'l2',
    base: 64,
    depth: 4,
    up: 'transposed',
    lr: 1e-4,
  },
  params: [
    { key: 'superpixels', label: 'Superpixels at 64 px', kind: 'int', min: 4, max: 1024, help: 'SLIC segments for a 64 x 64 image, scaled with the area (the paper did not confirm a count; ~100 at 128 px is 25 here).' },
    { key: 'compactness', label: 'SLIC compactness', kind: 'float', min: 1, max: 40, help: 'Weight of position against colour (Lab 0..100): higher gives squarer superpixels.' },
    { key: 'maskMin', label: 'Masked share, min', kind: 'float', min: 0.05, max: 0.95, step: 0.05, help: 'Each training image hides a random share of its superpixels, drawn in [min, max].' },
    { key: 'maskMax', label: 'Masked share, max', kind: 'float', min: 0.05, max: 0.95, step: 0.05, help: 'Upper end of the masked share.' },
    { key: 'groups', label: 'Test groups', kind: 'int', min: 1, max: 256, help: 'Superpixels are split into this many disjoint groups, one inpainting pass each (as many as superpixels = one at a time, as in the paper).' },
    { key: 'fill', label: 'Fill of hidden pixels', kind: 'choice', options: ['zero', 'mean'], help: 'zero: mid-gray (0 on [-1, 1] inputs); mean: the mean of the image\'s visible pixels. The mask is an extra input channel either way.' },
    { key: 'loss', label: 'Loss', kind: 'choice', options: ['l2', 'l2+ssim'], help: 'L2 on the hidden pixels, optionally plus 1 - SSIM of the composite over the hidden pixels.' },
    { key: 'map', label: 'Anomaly map', kind: 'choice', options: ['l2', 'msgms'], help: 'Squared residual or 1 - MSGMS between the image and its assembled inpainting, then smoothed.' },
    { key: 'base', label: 'Base channels', kind: 'int', min: 4, max: 64, step: 4, help: 'Channels of the first U-Net level, doubled per level up to 8x.' },
    { key: 'depth', label: 'U-Net depth', kind: 'int', min: 1, max: 6, help: 'Downsamplings; fewer when the image is too small for a bottleneck of at least 4 px.' },
    { key: 'up', label: 'Upsampling', kind: 'choice', options: ['transposed', 'upsample'], help: 'Transposed 2x2 conv (faster here) or bilinear upsampling.' },
    { key: 'lr', label: 'Learning rate', kind: 'float', min: 1e-5, max: 1e-2, log: true, help: 'Adam step size.' },
  ],
  create(cfg, shape, seed) {
    const [h, w, c] = shape;
    const base = num(cfg, 'base');
    const groups = num(cfg, 'groups');
    const [ratioLo, ratioHi] = [num(cfg, 'maskMin'), num(cfg, 'maskMax')].sort((a, b) => a - b) as [number, number];
    const lossKind = str(cfg, 'loss') as SmaiLoss;
    const mapKind = str(cfg, 'map') as SmaiMapKind;
    const fillMean = str(cfg, 'fill') === 'mean';
    const net = buildSmaiNet(shape, base, num(cfg, 'depth'), str(cfg, 'up') as 'transposed' | 'upsample', seed);
    const superpixels = new SuperpixelCache(h, w, c === 3 ? 3 : 1, smaiSegments(Math.min(h, w), num(cfg, 'superpixels')), num(cfg, 'compactness'));
    const trainRng = createRng(deriveSeed(seed, 'smai/train-masks'));
    const vars = trainableVariables([net.unet]);
    const optimizer = tf.train.adam(num(cfg, 'lr'));
    const ssimWindow = Math.min(11, h % 2 === 1 ? h : h - 1);
    const sigma = smoothSigma(h);
    const maxRows = maxRowsPerCall(h, w, base);
    let trained = false;

    /** Network input for images x in [-1, 1] and per-row masks: masked, filled, mask channel added. */
    const netInput = (xs: tf.Tensor4D, hidden: tf.Tensor4D) =>
      withMaskChannel(maskedInputs(xs, hidden, fillMean ? visibleMean(xs, hidden) : 0), hidden);
    const restoreAll = (input: tf.Tensor4D) => applyInChunks((t) => net.restore(t, false), input, maxRows);
    /** The test groups of each image, from its record (or its bytes, read back, when there is none). */
    const groupsOf = (batch: tf.Tensor4D, records?: readonly ImageRecord[]): Uint8Array[][] => {
      const pixels = records && records.length === batch.shape[0] ? records.map((r) => r.pixels) : batchBytes(batch);
      return pixels.map((px, i) => smaiTestGroups(superpixels.of(px), groups, seed, records?.[i]?.id ?? `#${i}`));
    };

    return {
      // SLIC once per image of the data set (train for the masks, test for the groups), then cached.
      prepare: (dataset) => {
        for (const r of [...dataset.train, ...dataset.test]) superpixels.of(r.pixels);
      },
      trainStep: (batch, records) => {
        if (!records || records.length !== batch.shape[0]) {
          throw new Error("SMAI masks each image's own superpixels: trainStep needs the batch's ImageRecords (the Trainer passes them)");
        }
        trained = true;
        const rows = records.map((r) => {
          const sp = superpixels.of(r.pixels);
          return superpixelMasks(sp.labels, sp.count, randRange(trainRng, ratioLo, ratioHi), trainRng);
        });
        return tf.tidy(() => {
          const hidden = hiddenTensor(rows, h, w);
          const input = netInput(batch.mul(2).sub(1) as tf.Tensor4D, hidden);
          return optimiseStep(optimizer, vars, () => {
            const restored = net.restore(input, true).add(1).div(2) as tf.Tensor4D;
            return smaiLoss(lossKind, batch, restored, hidden, ssimWindow);
          });
        });
      },
      infer: (batch, records) => {
        const perImage = groupsOf(batch, records);
        // Pass-major rows: group g of every image, then group g + 1; all in one call when it fits.
        const rows = Array.from({ length: groups }, (_, g) => perImage.map((masks) => masks[g]!)).flat();
        return tf.tidy(() => {
          const hidden = hiddenTensor(rows, h, w);
          const restored = restoreAll(netInput(batch.mul(2).sub(1) as tf.Tensor4D, hidden));
          const recon = assemblePasses(restored, hidden, groups).add(1).div(2) as tf.Tensor4D;
          const map = smaiMap(mapKind, batch, recon, sigma);
          return { recon, map, score: maxScore(map) };
        });
      },
      maskViews: (image, record) => {
        const pixels = record?.pixels ?? batchBytes(image.expandDims(0) as tf.Tensor4D)[0]!;
        const sp = superpixels.of(pixels);
        const key = record?.id ?? '#0';
        const viewRng = createRng(deriveSeed(seed, `smai/view:${key}`));
        const ratio = randRange(viewRng, ratioLo, ratioHi);
        const trainDraw = superpixelMasks(sp.labels, sp.count, ratio, viewRng);
        const masks = [trainDraw, ...smaiTestGroups(sp, groups, seed, key)];
        const titles = [
          `training draw: ${Math.round(ratio * sp.count)} of ${sp.count} superpixels hidden`,
          ...masks.slice(1).map((_, g) => `test group ${g + 1} of ${groups}`),
        ];
        let inputs: Float32Array = new Float32Array(0);
        let restored: Float32Array | null = null;
        tf.tidy(() => {
          const hidden = hiddenTensor(masks, h, w);
          const input = netInput(image.expandDims(0).mul(2).sub(1) as tf.Tensor4D, hidden);
          inputs = input.slice([0, 0, 0, 0], [-1, -1, -1, c]).add(1).div(2).dataSync() as Float32Array;
          if (trained) restored = restoreAll(input).add(1).div(2).dataSync() as Float32Array;
        });
        const image01 = Float32Array.from(pixels, (v) => v / 255);
        const borders: MaskView = { title: `SLIC superpixels (${sp.count}): borders`, mask: superpixelBorders(sp, h, w), input: image01 };
        return [borders, ...maskViewList(masks, titles, inputs, restored, h * w * c)];
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
