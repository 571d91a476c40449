import * as tf from '@tensorflow/tfjs';
import { scadnMaskScales } from '../../masks';
import { optimiseStep } from '../../nn/weights';
import { maxScore, smoothMap, smoothSigma } from '../../ops/scoring';
import { createRng, deriveSeed, randInt } from '../../rng';
import { applyInChunks, hiddenTensor, maskedInputs, maxRowsPerCall } from '../riad/score';
import { num, str, type MaskView, type MethodSpec } from '../types';
import { discriminatorLoss, generatorAdversarialLoss, reconstructionLoss } from './loss';
import { buildDiscriminator, ScadnGenerator } from './model';
import { chooseScale, pickScale, relativeMeans, scaleErrors, scaleMeans, testRows, type ScaleErrors } from './score';

/** Masked pixels are set to 1 (white), as in the reference code. */
const MASK_FILL = 1;
/** The discriminator learns 10x slower than the generator. */
const D_LR_FACTOR = 0.1;

type ScadnScore = 'mean' | 'max' | 'relative';

export const scadnSpec: MethodSpec = {
  id: 'scadn',
  title: 'SCADN (semantic context, stripe masks + GAN)',
  family: 'inpainting',
  hasMaskViews: true,
  paper: {
    title: 'Learning Semantic Context from Normal Samples for Unsupervised Anomaly Detection',
    venue: 'AAAI 2021 (Yan et al.)',
    url: 'https://ojs.aaai.org/index.php/AAAI/article/view/16420',
  },
  summary:
    'Stripes of three widths, vertical and horizontal, each with its complement, hide half of the image; a generator with dilated residual blocks restores them, helped by a PatchGAN discriminator. At test time all 12 masks are applied; per stripe width the error maps are fused by a max, and the width whose error stands out most from its level on normal images gives the score.',
  pros: ['Adversarial training and a stronger inpainting network', 'Stripe masks need no superpixels and cover the image evenly'],
  cons: ['Weaker than SMAI in the paper', 'Slow at test time: 12 passes per image', 'Two networks and two optimisers to balance'],
  defaults: { width: 8, blocks: 4, depth: 3, adversarial: 0.001, lr: 1e-3, score: 'max' },
  paperDefaults: { width: 64, blocks: 8, depth: 3, adversarial: 0.001, lr: 1e-4, score: 'mean' },
  params: [
    { key: 'width', label: 'Base channels', kind: 'int', min: 4, max: 64, step: 4, help: 'Channels of the first generator and discriminator convs, doubled per downsampling (generator up to 4x, discriminator up to 8x).' },
    { key: 'blocks', label: 'Residual blocks', kind: 'int', min: 1, max: 8, help: 'Dilated (x2) residual blocks at the bottleneck (8 in the paper).' },
    { key: 'depth', label: 'Downsamplings', kind: 'int', min: 1, max: 3, help: 'Stride-2 convs (3 in the paper); fewer when the bottleneck would be under 8 px (32 px images get 2).' },
    { key: 'adversarial', label: 'Adversarial weight', kind: 'float', min: 0, max: 1, step: 0.001, help: 'Weight of the non-saturating GAN loss (0.001 in the paper); 0 trains the generator alone, without a discriminator.' },
    { key: 'lr', label: 'Learning rate', kind: 'float', min: 1e-5, max: 1e-2, log: true, help: 'Generator Adam step size, betas (0, 0.9); the discriminator uses a tenth of it.' },
    { key: 'score', label: 'Image score', kind: 'choice', options: ['mean', 'max', 'relative'], help: 'mean: mean of the chosen scale\'s error map (the paper); max: max of its smoothed map (the lab\'s usual); relative: its mean error over the same scale\'s mean on normal training images (the quantity that chose the scale).' },
  ],
  create(cfg, shape, seed) {
    const [h, w, c] = shape;
    if (h !== w) throw new RangeError(`SCADN's stripe masks need square images, got ${h}x${w}`);
    const width = num(cfg, 'width');
    const advWeight = num(cfg, 'adversarial');
    const scoreKind = str(cfg, 'score') as ScadnScore;
    const scales = scadnMaskScales(h);
    const masks = scales.flatMap((s) => s.masks);
    const gen = new ScadnGenerator(shape, { width, blocks: num(cfg, 'blocks'), depth: num(cfg, 'depth'), seed: deriveSeed(seed, 'scadn/generator') });
    // Adversarial weight 0 trains the generator alone (REFERENCE.md's twin): no discriminator at all.
    const disc = advWeight > 0 ? buildDiscriminator(shape, width, deriveSeed(seed, 'scadn/discriminator')) : null;
    const genVars = gen.variables();
    const discVars = disc ? disc.trainableVariables() : [];
    const lr = num(cfg, 'lr');
    const genOpt = tf.train.adam(lr, 0, 0.9);
    const discOpt = tf.train.adam(lr * D_LR_FACTOR, 0, 0.9);
    const maskRng = createRng(deriveSeed(seed, 'scadn/train-masks'));
    const sigma = smoothSigma(h);
    const maxRows = maxRowsPerCall(h, w, width);
    /** Each scale's mean error on training images, set by calibrate(). */
    let reference: number[] | null = null;
    let trained = false;

    /** All 12 restorations of every image of x, and the per-scale maps built from them. */
    const restoreAllMasks = (x: tf.Tensor4D): ScaleErrors =>
      tf.tidy(() => {
        const hidden = hiddenTensor(testRows(masks, x.shape[0]), h, w);
        const restored = applyInChunks((t) => gen.restore(t), maskedInputs(x, hidden, MASK_FILL), maxRows);
        return scaleErrors(x, restored, hidden, scales.length);
      });

    return {
      trainStep: (batch) => {
        trained = true;
        const rows = Array.from({ length: batch.shape[0] }, () => masks[randInt(maskRng, masks.length)]!);
        return tf.tidy(() => {
          const hidden = hiddenTensor(rows, h, w);
          const input = maskedInputs(batch, hidden, MASK_FILL);
          let d: tf.Scalar = tf.scalar(0);
          if (disc) {
            // Discriminator first, on a restoration made outside any gradient tape (a constant for it).
            disc.powerIteration();
            const fake = gen.restore(input);
            d = optimiseStep(discOpt, discVars, () => ({ total: discriminatorLoss(disc.logits(batch), disc.logits(fake)) })).total!;
          }
          // Then the generator, against the discriminator as it is now.
          const g = optimiseStep(genOpt, genVars, () => {
            const restored = gen.restore(input);
            const rec = reconstructionLoss(batch, restored, hidden);
            if (!disc) return { rec, adv: tf.scalar(0), total: rec };
            const adv = generatorAdversarialLoss(disc.logits(restored));
            return { rec, adv, total: rec.add(adv.mul(advWeight)) as tf.Scalar };
          });
          return { rec: g.rec!, adv: g.adv!, d, total: g.total! };
        });
      },
      calibrate: async (trainBatches) => {
        // Per batch, the sum over its images of each scale's mean error, [S]; one readback at the end.
        const sums: tf.Tensor1D[] = [];
        let count = 0;
        for (const x of trainBatches) {
          sums.push(tf.tidy(() => scaleMeans(restoreAllMasks(x).maps).sum(1) as tf.Tensor1D));
          count += x.shape[0];
        }
        if (count === 0) return;
        const total = tf.addN(sums);
        const values = await total.data();
        tf.dispose([total, ...sums]);
        reference = Array.from(values, (v) => v / count);
      },
      infer: (batch) =>
        tf.tidy(() => {
          const { maps, recons } = restoreAllMasks(batch);
          const means = scaleMeans(maps);
          const onehot = chooseScale(means, reference);
          const chosen = pickScale<tf.Tensor3D>(maps, onehot);
          const recon = pickScale<tf.Tensor4D>(recons, onehot);
          const map = smoothMap(chosen, sigma);
          const score =
            scoreKind === 'mean' ? (chosen.mean([1, 2]) as tf.Tensor1D) : scoreKind === 'max' ? maxScore(map) : (relativeMeans(means, reference).max(0) as tf.Tensor1D);
          return { recon, map, score };
        }),
      maskViews: (image) => {
        const per = h * w * c;
        let inputs: Float32Array = new Float32Array(0);
        let restored: Float32Array | null = null;
        tf.tidy(() => {
          const x = image.expandDims(0) as tf.Tensor4D;
          const input = maskedInputs(x, hiddenTensor(masks, h, w), MASK_FILL);
          inputs = input.dataSync() as Float32Array;
          if (trained) restored = applyInChunks((t) => gen.restore(t), input, maxRows).dataSync() as Float32Array;
        });
        const kinds = ['vertical stripes', 'vertical, complement', 'horizontal stripes', 'horizontal, complement'];
        return masks.map((mask, i): MaskView => {
          const scale = scales[Math.floor(i / kinds.length)]!;
          const out = restored as Float32Array | null;
          return {
            title: `${scale.width} px: ${kinds[i % kinds.length]!}`,
            mask,
            input: inputs.slice(i * per, (i + 1) * per),
            ...(out ? { restored: out.slice(i * per, (i + 1) * per) } : {}),
          };
        });
      },
      weights: () => ({ ...gen.store.named('generator'), ...(disc ? disc.weights('discriminator') : {}) }),
      load: (weights) => {
        gen.store.load('generator', weights);
        disc?.load(weights, 'discriminator');
        trained = true;
      },
      paramCount: () => gen.store.count() + (disc ? disc.paramCount() : 0),
      dispose: () => {
        gen.dispose();
        disc?.dispose();
        genOpt.dispose();
        discOpt.dispose();
      },
    };
  },
};
