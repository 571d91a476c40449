import { describe, expect, it } from 'vitest';
import { translate } from '../../src/app/i18n';
import { messageText, recognise } from '../../src/app/i18n/messages';
import { viewText } from '../../src/app/i18n/views';
import { adapterText, choiceText, termText } from '../../src/app/i18n/labels';

/** Messages as the worker, core and lab client write them. */
const SAMPLES = [
  'the test set is empty: there is nothing to score',
  "the test set has only normal ('good') images (12): AUROC, AUPRO and F1-max need anomalous test images too",
  "image AUROC: the test set has no normal ('good') images (4 anomalous) to compare against",
  'pixel metrics: 3 anomalous test image(s) have no mask',
  'resumed from the checkpoint of step 40 (Adam moments restarted)',
  'webgpu device lost at step 12; continued on wasm from the checkpoint of step 10',
  'The GPU device was lost (destroyed). Training goes on with the wasm backend from the start (no checkpoint yet).',
  'The webgpu backend ran out of memory (out of memory: buffer). Try a smaller batch (8 instead of 16) or a smaller image size (64 px instead of 128), or a narrower network.',
  'loss "recon" became non-finite at step 7: lower the learning rate and train again',
  "The lab's worker stopped answering for 20 s and was restarted on wasm. Saved runs and data sets are kept. Training can resume from its checkpoint at step 30.",
  "The lab's worker crashed (an uncaught error) again (3 restarts in 2 minutes): reload the page. Saved runs and data sets are kept.",
  'Cannot resume: there is no checkpoint to resume',
  'run.zip was refused: the file is 300 MiB, more than the 200 MiB a run file may be',
  'unsafe path: contains ../: zip entry skipped',
  'unexpected location: expected test/<folder>/<file>',
  'the checkpoint was trained on "woven": load that data set to resume (the current one is "tiles")',
  'a run is already training',
];

describe('messages of the worker and core in the reader’s language', () => {
  it('recognises each known message, and its English template gives the message back', () => {
    for (const text of SAMPLES) {
      const known = recognise(text);
      expect(known, text).not.toBeNull();
      const more = known!.vars.more ?? '';
      expect(translate('en', known!.key, known!.vars) + more).toBe(text);
    }
  });

  it('tells known messages in Chinese, parts included, and leaves English and unknown text alone', () => {
    for (const text of SAMPLES) {
      expect(messageText('en', text)).toBe(text);
      const zh = messageText('zh', text);
      expect(zh, text).not.toBe(text);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(messageText('zh', 'Cannot resume: there is no checkpoint to resume')).toBe('无法继续：没有可继续的检查点');
    expect(messageText('zh', 'run.zip was refused: the file is 300 MiB, more than the 200 MiB a run file may be')).toBe(
      'run.zip 被拒绝：文件大小为 300 MiB，超过了运行文件允许的 200 MiB',
    );
    expect(messageText('zh', "The lab's worker crashed (an uncaught error) again (3 restarts in 2 minutes): reload the page. Saved runs and data sets are kept.")).toContain('崩溃（未捕获的错误）');
    expect(messageText('zh', 'something nobody wrote down')).toBe('something nobody wrote down');
  });

  it('names the method views and masks core draws', () => {
    const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('zh', key, vars);
    expect(viewText(t, 'Latent means of the probe images')).toBe('探测图像的潜在均值');
    expect(viewText(t, 'PC1 (66% of variance)')).toBe('PC1（解释 66% 方差）');
    expect(viewText(t, '4 px: vertical, complement')).toBe('4 px：竖条纹，互补');
    expect(viewText(t, 'cells of 8 px, set 2 of 3')).toBe('8 px 的单元，第 2 组，共 3 组');
    expect(viewText(t, 'a title core may add later')).toBe('a title core may add later');
  });
});

describe('the header’s backend choice and the loss terms in the reader’s language', () => {
  const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('zh', key, vars);
  const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('en', key, vars);
  const choice = {
    reason: 'wasm chosen: 120 ms/step vs webgpu 900 ms/step on a software adapter (google / swiftshader)',
    probes: [
      { name: 'wasm' as const, msPerStep: 120.4 },
      { name: 'webgpu' as const, msPerStep: 900, stopped: true },
      { name: 'webgl' as const, msPerStep: null, error: 'no context' },
    ],
    context: 'software' as const,
    adapter: 'google / swiftshader',
  };

  it('says which backend won, by how much and why', () => {
    expect(choiceText(en, choice)).toBe(
      'wasm chosen: 120 ms/step vs webgpu 900 ms for its first step alone, webgl failed to run the probe (WebGPU runs on a software adapter)',
    );
    const text = choiceText(zh, choice);
    expect(text).toBe('已选 wasm：每步 120 毫秒，对比 webgpu 仅首步就用了 900 毫秒，webgl 测速失败（WebGPU 运行在软件适配器上）');
    // Nothing English is left but backend names.
    expect(text.replace(/wasm|webgpu|webgl|WebGPU/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    expect(choiceText(zh, { ...choice, probes: [choice.probes[0]!], context: 'missing' })).toBe('已选 wasm：每步 120 毫秒（WebGPU 不可用）');
  });

  it('names what runs wasm and cpu, and leaves GPU adapters as the browser names them', () => {
    expect(adapterText(zh, 'single thread + SIMD')).toBe('单线程 + SIMD');
    expect(adapterText(zh, 'threads')).toBe('多线程');
    expect(adapterText(en, 'threads + SIMD')).toBe('threads + SIMD');
    expect(adapterText(zh, 'google / swiftshader')).toBe('google / swiftshader');
  });

  it('names every loss term a method returns, and leaves unknown ones as they are', () => {
    for (const term of ['total', 'recon', 'entropy', 'compactness', 'separateness', 'adv', 'd']) {
      expect(termText(zh, term)).toMatch(/[\u4e00-\u9fff]/);
      expect(termText(en, term)).not.toBe('');
    }
    expect(termText(zh, 'msgms')).toBe('MSGMS');
    expect(termText(zh, 'mystery')).toBe('mystery');
  });
});
