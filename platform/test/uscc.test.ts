import { describe, expect, it } from 'vitest';
import { checkUscc } from '../src/domain/uscc.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts codes with a correct check character', () => {
    for (const code of ['91350100M000100Y43', '91110000600037341L', '91440300MA5DC9D78R']) expect(checkUscc(code)).toEqual({ ok: true });
  });

  it('names what is wrong', () => {
    expect(checkUscc('91350100M000100Y4')).toEqual({ ok: false, reason: 'uscc_length', params: { length: 17 } });
    expect(checkUscc('91350100M000100Y44')).toEqual({ ok: false, reason: 'uscc_check', params: { got: '"4"', expected: '"3"' } });
    expect(checkUscc('91350100I000100Y43')).toEqual({ ok: false, reason: 'uscc_character', params: { position: 9, character: '"I"' } });
  });

  it('catches every single-character substitution', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const valid = '91440300MA5DC9D78R';
    for (let i = 0; i < 17; i++) {
      for (const c of alphabet) {
        if (c === valid[i]) continue;
        expect(checkUscc(valid.slice(0, i) + c + valid.slice(i + 1)).ok).toBe(false);
      }
    }
  });
});
