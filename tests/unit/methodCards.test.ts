import { describe, expect, it } from 'vitest';
import { METHOD_TEXT_ZH } from '../../src/core/methods/cards';
import { METHODS } from '../../src/core/methods/registry';

describe('method cards in Chinese', () => {
  it('translate every method, every pro and con, and every parameter label and help', () => {
    for (const spec of METHODS) {
      const zh = METHOD_TEXT_ZH[spec.id];
      expect(zh, spec.id).toBeDefined();
      expect(zh.title.length, spec.id).toBeGreaterThan(0);
      expect(zh.summary).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.pros, `${spec.id} pros`).toHaveLength(spec.pros.length);
      expect(zh.cons, `${spec.id} cons`).toHaveLength(spec.cons.length);
      expect(Object.keys(zh.params).sort(), `${spec.id} params`).toEqual(spec.params.map((p) => p.key).sort());
      for (const p of Object.values(zh.params)) expect(p.label + p.help).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
