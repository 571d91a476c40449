import { describe, expect, it } from 'vitest';
import { listMethods } from '../../src/core/methods/registry';
import { decodeShare, encodeShare, type SharedSettings } from '../../src/app/shareState';

const methods = listMethods();
const riad = methods.find((m) => m.id === 'riad')!;

describe('shared links', () => {
  it('round-trips method, method config, training settings and the built-in set', () => {
    const settings: SharedSettings = {
      methodId: 'riad',
      config: { ...riad.defaults, base: 12, lr: 0.0003, up: 'upsample' },
      train: { epochs: 7, batchSize: 8, seed: 42, lossEvery: 3, maxSteps: 25 },
      data: { kind: 'classic', set: 'fashion-mnist', normalClass: 4, anomalyRatio: 0.25, size: 64, seed: 9 },
    };
    const decoded = decodeShare(encodeShare(settings, riad).toString(), methods);
    expect(decoded.ignored).toEqual([]);
    expect(decoded.methodId).toBe('riad');
    expect(decoded.config).toEqual(settings.config);
    expect(decoded.train).toEqual(settings.train);
    expect(decoded.data).toEqual(settings.data);

    const procedural: SharedSettings = { ...settings, data: { kind: 'procedural', texture: 'tiles', size: 32, channels: 1, seed: 3 } };
    expect(decodeShare(encodeShare(procedural, riad), methods).data).toEqual(procedural.data);
  });

  it('drops and names unknown keys and out-of-range or malformed values, keeping the rest', () => {
    const d = decodeShare('method=riad&p.base=9999&p.up=sideways&p.nope=1&epochs=2&batch=abc&seed=-1&data=procedural&texture=marble&size=48&colour=gray&zzz=1', methods);
    expect(d.methodId).toBe('riad');
    expect(d.config).toEqual({});
    expect(d.train).toEqual({ epochs: 2 });
    expect(d.data).toEqual({ kind: 'procedural', texture: 'woven', size: 64, channels: 1, seed: 1 });
    expect(d.ignored.sort()).toEqual(['batch=abc', 'p.base=9999', 'p.nope=1', 'p.up=sideways', 'seed=-1', 'size=48', 'texture=marble', 'zzz=1'].sort());
  });

  it('ignores an unknown method and its parameters, and an unknown data set', () => {
    const d = decodeShare('method=magic&p.lr=0.1&data=cifar', methods);
    expect(d.methodId).toBeUndefined();
    expect(d.data).toBeUndefined();
    expect(d.ignored.sort()).toEqual(['data=cifar', 'method=magic', 'p.lr=0.1']);
  });

  it('leaves the page keys that are not settings alone', () => {
    expect(decodeShare('debug&backend=wasm', methods).ignored).toEqual([]);
  });
});
