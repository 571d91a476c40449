import * as tf from '@tensorflow/tfjs';
import { countParams, loadNamedWeights, namedWeights, optimiseStep, trainableVariables } from '../../nn/weights';
import { maxScore, smoothMap, smoothSigma } from '../../ops/scoring';
import { deriveSeed } from '../../rng';
import { num, str, type MethodSpec, type MethodView } from '../types';
import { imagesView, mapInChunks } from '../views';
import { projectTo2d } from './latent';
import { negativeElbo, vaeLoss } from './loss';
import { buildVae, reparameterise } from './model';

/** Samples from the prior decoded for the view. */
const PRIOR_SAMPLES = 16;

export const vaeSpec: MethodSpec = {
  id: 'vae',
  title: 'Variational autoencoder',
  family: 'reconstruction',
  paper: { title: 'Auto-Encoding Variational Bayes', venue: 'ICLR 2014 (Kingma and Welling)', url: 'https://arxiv.org/abs/1312.6114' },
  summary:
    'An autoencoder whose code is a distribution: the encoder gives a mean and a variance, the decoder rebuilds from a sample of it, and a KL term pulls the codes towards a standard normal prior. The reconstruction error is the anomaly map.',
  pros: ['Same simplicity as the AE', 'A prior on the latent space: codes are smooth, and new images can be sampled from it'],
  cons: ['Same weaknesses as the AE: anomalies can be rebuilt too, varied normal images badly', 'Blurrier reconstructions than an AE'],
  defaults: { width: 32, latent: 32, beta: 1, lr: 1e-3, score: 'max' },
  paperDefaults: { width: 32, latent: 100, beta: 1, lr: 2e-4, score: 'max' },
  params: [
    { key: 'width', label: 'Base channels', kind: 'int', min: 4, max: 64, step: 4, help: 'Channels of the first conv; doubled per level up to 4x.' },
    { key: 'latent', label: 'Latent size', kind: 'int', min: 2, max: 512, help: 'Dimensions of z (2 plots the latent space directly).' },
    { key: 'beta', label: 'KL weight (beta)', kind: 'float', min: 0, max: 10, step: 0.1, help: 'Weight of KL(q(z|x) || N(0, I)) against the summed squared error; 1 is the plain VAE.' },
    { key: 'lr', label: 'Learning rate', kind: 'float', min: 1e-5, max: 1e-2, log: true, help: 'Adam step size.' },
    { key: 'score', label: 'Image score', kind: 'choice', options: ['max', 'elbo'], help: 'Max of the smoothed squared-error map, or the negative ELBO (summed error + beta KL, decoded from the mean).' },
  ],
  create(cfg, shape, seed) {
    const latent = num(cfg, 'latent');
    const beta = num(cfg, 'beta');
    const scoreKind = str(cfg, 'score');
    const net = buildVae(shape, num(cfg, 'width'), latent, seed);
    const models = { encoder: net.encoder, decoder: net.decoder };
    const vars = trainableVariables([net.encoder, net.decoder]);
    const optimizer = tf.train.adam(num(cfg, 'lr'));
    const sigma = smoothSigma(shape[0]);
    // One noise seed per step: a run is reproducible from its seed, and no two steps share eps.
    const noiseSeed = deriveSeed(seed, 'vae-noise');
    let step = 0;
    return {
      trainStep: (batch) =>
        tf.tidy(() =>
          optimiseStep(optimizer, vars, () => {
            const { mu, logVar } = net.encode(batch);
            const z = reparameterise(mu, logVar, (noiseSeed + step++) >>> 0);
            return vaeLoss(batch, net.decode(z), mu, logVar, beta);
          }),
        ),
      infer: (batch) =>
        tf.tidy(() => {
          const { mu, logVar } = net.encode(batch);
          const recon = net.decode(mu);
          const map = smoothMap(batch.sub(recon).square().mean(3) as tf.Tensor3D, sigma);
          const score = scoreKind === 'elbo' ? negativeElbo(batch, recon, mu, logVar, beta) : maxScore(map);
          return { recon, map, score };
        }),
      // Views: samples decoded from the prior; with a probe (e.g. the test set), its latent means in 2-D.
      extras: async (request) => {
        const views: MethodView[] = [];
        const samples = tf.tidy(() => net.decode(tf.randomNormal([PRIOR_SAMPLES, latent], 0, 1, 'float32', deriveSeed(seed, 'vae-prior'))));
        views.push(await imagesView(samples, 'Samples decoded from the prior N(0, I)'));
        samples.dispose();
        if (request?.probe) {
          const mu = mapInChunks(request.probe, 64, (x) => net.encode(x).mu);
          const codes = (await mu.data()) as Float32Array;
          mu.dispose();
          const { points, axes } = projectTo2d(codes, request.probe.shape[0], latent);
          views.push({ kind: 'latent', title: 'Latent means of the probe images', points, axes });
        }
        return { views };
      },
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
