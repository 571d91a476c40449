import * as tf from '@tensorflow/tfjs';
import { countParams, loadNamedWeights, namedWeights, optimiseStep, trainableVariables } from '../../nn/weights';
import { smoothSigma } from '../../ops/scoring';
import { num, str, type MethodSpec, type MethodView } from '../types';
import { imagesView, mapInChunks } from '../views';
import { memaeLoss } from './loss';
import { buildMemae, type MemaeNet } from './model';
import { memaeScore, type MemaeScore } from './score';

export const memaeSpec: MethodSpec = {
  id: 'memae',
  title: 'MemAE (memory-augmented autoencoder)',
  family: 'memory',
  paper: {
    title: 'Memorizing Normality to Detect Anomaly: Memory-augmented Deep Autoencoder for Unsupervised Anomaly Detection',
    venue: 'ICCV 2019 (Gong et al.)',
    url: 'https://arxiv.org/abs/1904.02639',
  },
  summary:
    'Between encoder and decoder sits a memory of prototype codes. Each code is replaced by a sparse mix of a few items (cosine addressing, hard shrinkage), so the decoder can only build what the memory holds: normal patterns. An anomaly is rebuilt as the nearest normal image.',
  pros: ['Directly curbs over-generalisation: anomalies cannot be expressed by the memory', 'The memory items can be decoded and looked at'],
  cons: ['Memory size and shrinkage need tuning', 'Varied normal data needs a large memory, or is rebuilt blurrily'],
  defaults: { net: 'auto', width: 16, latent: 100, items: 100, shrink: 1, alpha: 0.0002, memory: true, score: 'max', lr: 1e-3 },
  paperDefaults: { net: 'small', width: 16, latent: 100, items: 100, shrink: 1, alpha: 0.0002, memory: true, score: 'mean', lr: 1e-4 },
  params: [
    {
      key: 'net',
      label: 'Network',
      kind: 'choice',
      options: ['auto', 'small', 'conv'],
      help: "small: MemAE's MNIST network, memory over each position of its H/8 feature map; conv: the lab's conv AE, memory over its dense code; auto: small up to 32 px, conv above.",
    },
    { key: 'width', label: 'Base channels', kind: 'int', min: 4, max: 64, step: 4, help: 'Channels of the first conv (16 in the MNIST network).' },
    { key: 'latent', label: 'Code size (conv)', kind: 'int', min: 2, max: 512, help: 'Size of the dense code of the conv network (the small network codes 4 x width channels).' },
    { key: 'items', label: 'Memory items N', kind: 'int', min: 2, max: 2000, help: 'Number of memory items (100 for MNIST, 500 for CIFAR-10 in the paper).' },
    { key: 'shrink', label: 'Shrinkage (x 1/N)', kind: 'float', min: 0, max: 3, step: 0.25, help: 'Hard-shrinkage threshold lambda in units of 1/N (the paper uses 1/N to 3/N); 0 turns it off.' },
    { key: 'alpha', label: 'Entropy weight', kind: 'float', min: 0, max: 0.01, step: 0.0001, help: 'Weight of the addressing entropy loss (0.0002).' },
    { key: 'memory', label: 'Memory', kind: 'bool', help: 'Off: the same network without memory, the paper\u2019s AE baseline.' },
    { key: 'score', label: 'Image score', kind: 'choice', options: ['max', 'mean'], help: 'Max of the smoothed squared-error map, or the mean squared error (the paper\u2019s).' },
    { key: 'lr', label: 'Learning rate', kind: 'float', min: 1e-5, max: 1e-2, log: true, help: 'Adam step size.' },
  ],
  create(cfg, shape, seed) {
    const choice = str(cfg, 'net');
    const net: MemaeNet = choice === 'auto' ? (shape[0] <= 32 ? 'small' : 'conv') : (choice as MemaeNet);
    const itemCount = num(cfg, 'items');
    const alpha = num(cfg, 'alpha');
    const memory = cfg.memory !== false;
    const scoreKind = str(cfg, 'score') as MemaeScore;
    const model = buildMemae(shape, {
      net,
      width: num(cfg, 'width'),
      latent: num(cfg, 'latent'),
      items: itemCount,
      lambda: num(cfg, 'shrink') / itemCount,
      memory,
      seed,
    });
    const models = { encoder: model.encoder, decoder: model.decoder };
    const vars = [...trainableVariables([model.encoder, model.decoder]), ...(memory ? [model.items] : [])];
    const optimizer = tf.train.adam(num(cfg, 'lr'));
    const sigma = smoothSigma(shape[0]);
    return {
      trainStep: (batch) =>
        tf.tidy(() =>
          optimiseStep(optimizer, vars, () => {
            const { recon, address } = model.forward(batch, true);
            return memaeLoss(batch, recon, address?.weights ?? null, alpha);
          }),
        ),
      infer: (batch) =>
        tf.tidy(() => {
          const { recon } = model.forward(batch, false);
          return { recon, ...memaeScore(batch, recon, sigma, scoreKind) };
        }),
      // Views: every item decoded alone; with a probe (e.g. the test set), how often each item is the
      // largest weight of a code position.
      extras: async (request) => {
        if (!memory) return { views: [] };
        const views: MethodView[] = [];
        let counts: Float32Array | null = null;
        if (request?.probe) {
          const usage = mapInChunks(request.probe, 64, (x) => {
            const { address } = model.forward(x, false);
            return tf.oneHot(address!.weights.argMax(1), itemCount).sum(0).expandDims(0);
          });
          const summed = usage.sum(0);
          counts = Float32Array.from(await summed.data());
          tf.dispose([usage, summed]);
          views.push({ kind: 'memoryUsage', title: 'How often each item has the largest weight (probe images, all code positions)', counts });
        }
        const protos = model.decodeItems();
        const captions = Array.from({ length: itemCount }, (_, i) => (counts ? `item ${i}, used ${counts[i]!}` : `item ${i}`));
        views.unshift(await imagesView(protos, net === 'small' ? 'Each memory item decoded alone (the item at every code position)' : 'Each memory item decoded alone', captions));
        protos.dispose();
        return { views };
      },
      weights: () => ({ ...namedWeights(models), 'memory/items': model.items }),
      load: (w) => {
        loadNamedWeights(models, w);
        const items = w['memory/items'];
        if (!items) throw new Error('weight "memory/items" is missing');
        if (items.shape.join('x') !== model.items.shape.join('x')) throw new Error(`weight "memory/items" has shape ${items.shape.join('x')}, expected ${model.items.shape.join('x')}`);
        model.items.assign(items as tf.Tensor2D);
      },
      paramCount: () => countParams([model.encoder, model.decoder]) + (memory ? model.items.size : 0),
      dispose: () => {
        model.encoder.dispose();
        model.decoder.dispose();
        model.items.dispose();
        optimizer.dispose();
      },
    };
  },
};
