import * as tf from '@tensorflow/tfjs';
import { countParams, loadNamedWeights, namedWeights, optimiseStep, trainableVariables } from '../../nn/weights';
import { maxScore, smoothMap, smoothSigma } from '../../ops/scoring';
import { num, str, type MethodSpec } from '../types';
import { aeLoss, aeMap, type AeLoss } from './loss';
import { buildAe } from './model';

export const aeSpec: MethodSpec = {
  id: 'ae',
  title: 'Autoencoder (L2 / SSIM)',
  family: 'reconstruction',
  paper: {
    title: 'Improving Unsupervised Defect Segmentation by Applying Structural Similarity to Autoencoders',
    venue: 'VISAPP 2019 (Bergmann et al.)',
    url: 'https://arxiv.org/abs/1807.02011',
  },
  summary:
    'A conv encoder squeezes the image into a small code and a mirrored decoder rebuilds it. Trained on normal images only, it should rebuild defects badly; the per-pixel error is the anomaly map.',
  pros: ['The foundation of the field: simple, fast to train and to test', 'SSIM loss looks at structure, not just brightness'],
  cons: [
    'Networks generalise so well that anomalies are often rebuilt too (missed defects)',
    'Varied normal images can be rebuilt badly (false alarms)',
  ],
  defaults: { loss: 'l2', width: 32, latent: 100, lr: 1e-3 },
  paperDefaults: { loss: 'ssim', width: 32, latent: 100, lr: 2e-4 },
  params: [
    { key: 'loss', label: 'Loss and map', kind: 'choice', options: ['l2', 'ssim'], help: 'Per-pixel L2 (map: squared residual) or 1 - SSIM, 11x11 window (map: 1 - SSIM).' },
    { key: 'width', label: 'Base channels', kind: 'int', min: 4, max: 64, step: 4, help: 'Channels of the first conv; doubled per level up to 4x.' },
    { key: 'latent', label: 'Code size', kind: 'int', min: 2, max: 512, help: 'Size of the dense bottleneck code (100 in the paper).' },
    { key: 'lr', label: 'Learning rate', kind: 'float', min: 1e-5, max: 1e-2, log: true, help: 'Adam step size.' },
  ],
  create(cfg, shape, seed) {
    const loss = str(cfg, 'loss') as AeLoss;
    const net = buildAe(shape, num(cfg, 'width'), num(cfg, 'latent'), seed);
    const models = { encoder: net.encoder, decoder: net.decoder };
    const vars = trainableVariables([net.encoder, net.decoder]);
    const optimizer = tf.train.adam(num(cfg, 'lr'));
    const window = Math.min(11, shape[0] % 2 === 1 ? shape[0] : shape[0] - 1);
    const sigma = smoothSigma(shape[0]);
    return {
      trainStep: (batch) =>
        tf.tidy(() => optimiseStep(optimizer, vars, () => ({ total: aeLoss(loss, batch, net.reconstruct(batch), window) }))),
      infer: (batch) =>
        tf.tidy(() => {
          const recon = net.reconstruct(batch);
          const map = smoothMap(aeMap(loss, batch, recon, window), sigma);
          return { recon, map, score: maxScore(map) };
        }),
      weights: () => namedWeights(models),
      load: (w) => loadNamedWeights(models, w),
      paramCount: () => countParams([net.encoder, net.decoder]),
      dispose: () => {
        net.encoder.dispose();
        net.decoder.dispose();
        optimizer.dispose();
      },
    };
  },
};
