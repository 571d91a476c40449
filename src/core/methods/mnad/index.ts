import * as tf from '@tensorflow/tfjs';
import { unitRows } from '../../nn/memory';
import { countParams, loadNamedWeights, namedWeights, optimiseStep, trainableVariables } from '../../nn/weights';
import { maxScore, smoothMap, smoothSigma } from '../../ops/scoring';
import { deriveSeed } from '../../rng';
import { num, str, type MethodSpec, type MethodView } from '../types';
import { mapInChunks } from '../views';
import { mnadLoss } from './loss';
import { compactnessPerQuery, matchScores, nearestTwo, readMemory, updateMemory } from './memory';
import { MemoryHistory } from './history';
import { buildMnad } from './model';
import { mixScores, psnr, weightedError } from './score';

export const mnadSpec: MethodSpec = {
  id: 'mnad',
  title: 'MNAD (memory-guided normality, reconstruction)',
  family: 'memory',
  paper: { title: 'Learning Memory-guided Normality for Anomaly Detection', venue: 'CVPR 2020 (Park et al.)', url: 'https://arxiv.org/abs/2003.13328' },
  summary:
    'The encoder turns each position into a query; a small memory of normal prototypes (10 items) is read by attention and the read item is concatenated with the query for the decoder. The items are updated by a k-means-like rule, not by gradients, and losses keep queries near one item and far from the others. The score mixes PSNR with the distance of the queries to their items.',
  pros: ['Few, diverse prototypes of normality; compact and separate features', 'The memory keeps adapting at test time on images that look normal'],
  cons: ['The query is passed to the decoder too, so anomalies can still be rebuilt', 'The score needs min-max normalisation over the whole test set'],
  defaults: { width: 8, dim: 64, items: 10, lambdaC: 0.01, lambdaS: 0.01, score: 'mnad', mix: 0.7, gamma: 0.015, testUpdate: true, lr: 1e-3 },
  paperDefaults: { width: 64, dim: 512, items: 10, lambdaC: 0.01, lambdaS: 0.01, score: 'mnad', mix: 0.7, gamma: 0.015, testUpdate: true, lr: 2e-4 },
  params: [
    { key: 'width', label: 'Base channels', kind: 'int', min: 4, max: 64, step: 4, help: 'Channels of the first block, doubled per level (64 in the paper).' },
    { key: 'dim', label: 'Query size', kind: 'int', min: 8, max: 512, help: 'Channels of a query and of a memory item (512 in the paper).' },
    { key: 'items', label: 'Memory items', kind: 'int', min: 2, max: 100, help: 'Number of memory items M (10).' },
    { key: 'lambdaC', label: 'Compactness weight', kind: 'float', min: 0, max: 1, step: 0.01, help: 'Weight of the query-to-nearest-item distance (0.01 for reconstruction).' },
    { key: 'lambdaS', label: 'Separateness weight', kind: 'float', min: 0, max: 1, step: 0.01, help: 'Weight of the triplet loss, margin 1 (0.01 for reconstruction).' },
    { key: 'score', label: 'Image score', kind: 'choice', options: ['mnad', 'max'], help: "mnad: mix of min-max normalised PSNR and feature distance over the test set; max: max of the smoothed squared-error map." },
    { key: 'mix', label: 'PSNR share (lambda)', kind: 'float', min: 0, max: 1, step: 0.05, help: 'Weight of 1 - g(PSNR) against g(D) in the mnad score (0.7).' },
    { key: 'gamma', label: 'Test update gate', kind: 'float', min: 0, max: 0.1, step: 0.001, help: 'A test image updates the memory when its weighted error is below this (0.015).' },
    { key: 'testUpdate', label: 'Update memory at test', kind: 'bool', help: 'Let normal-looking test images update the memory.' },
    { key: 'lr', label: 'Learning rate', kind: 'float', min: 1e-5, max: 1e-2, log: true, help: 'Adam step size.' },
  ],
  create(cfg, shape, seed) {
    const itemCount = num(cfg, 'items');
    const lambdaC = num(cfg, 'lambdaC');
    const lambdaS = num(cfg, 'lambdaS');
    const mix = num(cfg, 'mix');
    const gamma = num(cfg, 'gamma');
    const scoreKind = str(cfg, 'score');
    const testUpdate = cfg.testUpdate !== false;
    const net = buildMnad(shape, num(cfg, 'width'), num(cfg, 'dim'), seed);
    const [fh, fw, dim] = net.featureShape;
    const models = { encoder: net.encoder, decoder: net.decoder };
    const vars = trainableVariables([net.encoder, net.decoder]);
    const optimizer = tf.train.adam(num(cfg, 'lr'));
    const sigma = smoothSigma(shape[0]);
    const memory = tf.tidy(() => tf.variable(unitRows(tf.randomUniform([itemCount, dim], 0, 1, 'float32', deriveSeed(seed, 'mnad-memory'))), false));
    const history = new MemoryHistory(memory);
    // Test-time updates change a copy, restarted from the trained memory by beginTest.
    let testMemory: tf.Tensor2D | null = null;
    const dropTestMemory = () => {
      testMemory?.dispose();
      testMemory = null;
    };

    const queries = (x: tf.Tensor4D, training: boolean) => unitRows((net.encoder.apply(x, { training }) as tf.Tensor4D).reshape([-1, dim]) as tf.Tensor2D);
    const decode = (q: tf.Tensor2D, read: tf.Tensor2D, b: number, training: boolean) =>
      net.decoder.apply(tf.concat([q, read], 1).reshape([b, fh, fw, 2 * dim]), { training }) as tf.Tensor4D;

    return {
      trainStep: (batch) => {
        dropTestMemory();
        const kept: { q?: tf.Tensor2D } = {};
        const losses = tf.tidy(() =>
          optimiseStep(optimizer, vars, () => {
            const query = queries(batch, true);
            kept.q = tf.keep(query);
            const items = memory as tf.Tensor2D;
            const recon = decode(query, readMemory(query, items).read, batch.shape[0], true);
            return mnadLoss(batch, recon, query, items, nearestTwo(query, items), lambdaC, lambdaS);
          }),
        );
        // The update uses this step's queries, as constants.
        if (kept.q) {
          const q = kept.q;
          tf.tidy(() => memory.assign(updateMemory(q, memory)));
          q.dispose();
        }
        history.afterStep(memory);
        return losses;
      },
      beginTest: dropTestMemory,
      infer: (batch) => {
        testMemory ??= tf.keep(memory.clone());
        const items = testMemory;
        const b = batch.shape[0];
        const out = tf.tidy(() => {
          const q = queries(batch, false);
          const recon = decode(q, readMemory(q, items).read, b, false);
          const nearest = tf.oneHot(matchScores(q, items).argMax(1) as tf.Tensor1D, itemCount).toFloat() as tf.Tensor2D;
          const dist = compactnessPerQuery(q, items, nearest).reshape([b, fh * fw]).mean(1) as tf.Tensor1D;
          const p = psnr(batch, recon);
          const map = smoothMap(batch.sub(recon).square().mean(3) as tf.Tensor3D, sigma);
          const score = scoreKind === 'mnad' ? p.neg() : maxScore(map);
          const gate = weightedError(batch, recon).less(gamma).toFloat().reshape([b, 1]).tile([1, fh * fw]).reshape([-1]) as tf.Tensor1D;
          const nextMemory = testUpdate ? updateMemory(q, items, gate) : undefined;
          return { result: { recon, map, score: score as tf.Tensor1D, parts: { psnr: p, dist } }, nextMemory };
        });
        if (out.nextMemory) {
          items.dispose();
          testMemory = out.nextMemory;
        }
        return out.result;
      },
      finalizeScores: (parts, raw) => (scoreKind === 'mnad' && parts.psnr && parts.dist ? mixScores(parts.psnr, parts.dist, mix) : raw),
      // Views: each item's drift during training; with a probe, which item each position reads, and usage counts.
      extras: async (request) => {
        const views: MethodView[] = [await history.view(memory)];
        if (request?.probe) {
          const count = request.probe.shape[0];
          const idx = mapInChunks(request.probe, 64, (x) => matchScores(queries(x, false), memory).argMax(1));
          const indices = Int32Array.from(await idx.data());
          idx.dispose();
          const counts = new Float32Array(itemCount);
          for (const i of indices) counts[i]! += 1;
          views.push({ kind: 'usageMap', title: 'Memory item read most at each feature position', count, rows: fh, cols: fw, items: itemCount, indices });
          views.push({ kind: 'memoryUsage', title: 'How often each item is read most (probe images, all positions)', counts });
        }
        return { views };
      },
      weights: () => ({ ...namedWeights(models), 'memory/items': memory }),
      load: (w) => {
        loadNamedWeights(models, w);
        const items = w['memory/items'];
        if (!items) throw new Error('weight "memory/items" is missing');
        if (items.shape.join('x') !== memory.shape.join('x')) throw new Error(`weight "memory/items" has shape ${items.shape.join('x')}, expected ${memory.shape.join('x')}`);
        memory.assign(items as tf.Tensor2D);
        dropTestMemory();
      },
      paramCount: () => countParams([net.encoder, net.decoder]) + memory.size,
      dispose: () => {
        net.encoder.dispose();
        net.decoder.dispose();
        memory.dispose();
        history.dispose();
        dropTestMemory();
        optimizer.dispose();
      },
    };
  },
};
