import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { aeSpec } from '../../src/core/methods/ae';
import { resolveConfig } from '../../src/core/methods/types';
import { packRunFile, sha256Hex, type RunDocument, type RunRecord } from '../../src/core/runs/format';
import { RunFileError, readRunFile } from '../../src/core/runs/validate';
import { readHostWeights, type HostWeights } from '../../src/core/runs/weights';
import { Trainer } from '../../src/core/train/engine';
import { evaluateRun } from '../../src/core/train/evaluate';
import { useWasmBackend } from './support/backend';

const data = syntheticDataset({ size: 32, channels: 1, trainCount: 8, testGoodCount: 3, testDefectCount: 1 });
const config = resolveConfig(aeSpec, { width: 4, latent: 8 });

let record: RunRecord;
let weights: HostWeights;
let file: Uint8Array;

beforeAll(async () => {
  await useWasmBackend();
  const trainer = new Trainer(aeSpec, config, data, { epochs: 1, batchSize: 4, seed: 3, lossEvery: 1 });
  await trainer.fit();
  const ev = await evaluateRun(trainer.run, data, 4);
  weights = await readHostWeights(trainer.run);
  record = {
    method: 'ae',
    config,
    seed: 3,
    shape: [32, 32, 1],
    train: { epochs: 1, batchSize: 4 },
    dataset: { id: data.id, name: data.name },
    steps: trainer.step,
    trainSeconds: trainer.elapsedMs / 1000,
    backend: 'wasm',
    createdAt: Date.UTC(2025, 0, 2),
    metrics: ev.metrics,
    lossHistory: trainer.lossHistory,
    notes: [],
  };
  trainer.dispose();
  file = await packRunFile(record, weights);
});

/** The file with run.json edited (and, when asked, weights.bin replaced), zipped again. */
async function edited(edit: (doc: RunDocument) => void, newWeights?: Uint8Array): Promise<Uint8Array> {
  const files = unzipSync(file);
  const doc = JSON.parse(strFromU8(files['run.json']!)) as RunDocument;
  if (newWeights) {
    files['weights.bin'] = newWeights as Uint8Array<ArrayBuffer>;
    doc.weightsSha256 = await sha256Hex(newWeights);
  }
  edit(doc);
  files['run.json'] = strToU8(JSON.stringify(doc));
  return zipSync(files);
}

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await readRunFile(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(RunFileError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the file was accepted');
}

/** Rewrites the uncompressed size an entry declares, in its local header and the central directory. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const isLocal = sig === 0x04034b50;
    const isCentral = sig === 0x02014b50;
    if (!isLocal && !isCentral) continue;
    const nameAt = i + (isLocal ? 30 : 46);
    const nameLen = view.getUint16(i + (isLocal ? 26 : 28), true);
    if (nameLen !== nameBytes.length || !nameBytes.every((b, k) => out[nameAt + k] === b)) continue;
    view.setUint32(i + (isLocal ? 22 : 24), size, true);
  }
  return out;
}

describe('readRunFile', () => {
  it('round-trips a run: same record, same weights bit for bit, same metrics when scored again', async () => {
    const { record: back, weights: w } = await readRunFile(file);
    expect(back).toEqual(record);
    expect(w.map((x) => x.name)).toEqual(weights.map((x) => x.name));
    w.forEach((x, i) => expect(Array.from(x.values)).toEqual(Array.from(weights[i]!.values)));
    // Loaded into a fresh run, the weights score the test set exactly as before.
    const run = aeSpec.create(back.config, back.shape, 99);
    run.load(Object.fromEntries(w.map((x) => [x.name, tf.tensor(x.values, x.shape, x.dtype)])));
    const ev = await evaluateRun(run, data, 4);
    expect(ev.metrics).toEqual(record.metrics);
    run.dispose();
  });

  it('refuses weights whose shapes do not fit the settings', async () => {
    const reason = await refusal(await edited((doc) => (doc.config.width = 8)));
    expect(reason).toMatch(/weight "decoder\/\d+" has shape .*, expected .* for ae/);
    // The manifest lying about a shape (byte count kept) is caught the same way.
    const lying = await edited((doc) => {
      const kernel = doc.weightsManifest[0]!.weights.find((w) => w.shape.join() !== [...w.shape].reverse().join())!;
      kernel.shape = [...kernel.shape].reverse();
    });
    expect(await refusal(lying)).toMatch(/has shape/);
  });

  it('refuses an unknown method, and a known method whose weights are not these', async () => {
    expect(await refusal(await edited((doc) => (doc.method = 'gan-of-doom')))).toMatch(/unknown method "gan-of-doom" \(known: ae, /);
    expect(await refusal(await edited((doc) => (doc.method = 'vae')))).toMatch(/weight|settings refused/);
  });

  it('refuses a truncated or corrupt zip with one line', async () => {
    expect(await refusal(file.slice(0, Math.floor(file.length * 0.6)))).toMatch(/truncated or corrupt/);
    expect(await refusal(file.slice(0, 30))).toMatch(/truncated or corrupt/);
    expect(await refusal(strToU8('{"format":"reconlab-run"}'))).toMatch(/not a zip archive/);
  });

  it('refuses a huge declared size before inflating anything', async () => {
    expect(await refusal(declareSize(file, 'weights.bin', 0xf0000000))).toMatch(/weights\.bin" declares 3\.8 GiB uncompressed, more than the 256 MiB limit/);
    expect(await refusal(declareSize(file, 'run.json', 500 * 2 ** 20))).toMatch(/run\.json" declares/);
  });

  it('refuses a wrong checksum, a wrong byte count, extra entries, a newer version and bad values', async () => {
    const files = unzipSync(file);
    const flipped = files['weights.bin']!.slice();
    flipped[10]! ^= 0xff;
    expect(await refusal(zipSync({ ...files, 'weights.bin': flipped }))).toMatch(/SHA-256/);
    expect(await refusal(await edited(() => {}, files['weights.bin']!.slice(0, 100)))).toMatch(/holds 100 bytes but the manifest declares/);
    expect(await refusal(zipSync({ ...files, 'evil.js': strToU8('alert(1)') }))).toMatch(/unexpected entry "evil\.js"/);
    expect(await refusal(await edited((doc) => ((doc as { version: number }).version = 2)))).toMatch(/newer ReconLab/);
    expect(await refusal(await edited((doc) => (doc.config.lr = 5)))).toMatch(/settings refused: ae: "lr" must be a number in/);
    expect(await refusal(await edited((doc) => ((doc.lossHistory.terms.total as unknown[])[0] = null)))).toMatch(/lossHistory "total" must be a number/);
    expect(await refusal(await edited((doc) => ((doc as { format: string }).format = 'keras')))).toMatch(/not a ReconLab run/);
    expect(await refusal(await edited((doc) => ((doc.shape as number[])[2] = 4)))).toMatch(/shape\[2\]/);
  });

  it('refuses NaN weights even with a matching checksum', async () => {
    const files = unzipSync(file);
    const nan = new Uint8Array(files['weights.bin']!);
    new DataView(nan.buffer).setFloat32(0, NaN, true);
    expect(await refusal(await edited(() => {}, nan))).toMatch(/NaN or infinite/);
  });
});
