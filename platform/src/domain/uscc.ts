// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-symbol
// alphabet (no I, O, S, V, Z); the last is a check character over the first 17 with weights 3^i mod 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// A failure names its case and values (platform/src/errors.ts ERROR_REASONS words them), so the
// dashboard says it in its user's language.
export type UsccCheck =
  | { ok: true }
  | { ok: false; reason: 'uscc_length'; params: { length: number } }
  | { ok: false; reason: 'uscc_character'; params: { position: number; character: string } }
  | { ok: false; reason: 'uscc_check'; params: { got: string; expected: string } };

export function checkUscc(code: string): UsccCheck {
  if (code.length !== 18) return { ok: false, reason: 'uscc_length', params: { length: code.length } };
  for (let i = 0; i < 17; i++) {
    if (!ALPHABET.includes(code[i]!)) return { ok: false, reason: 'uscc_character', params: { position: i + 1, character: JSON.stringify(code[i]) } };
  }
  const expected = usccCheckCharacter(code);
  if (code[17] !== expected) return { ok: false, reason: 'uscc_check', params: { got: JSON.stringify(code[17]), expected: JSON.stringify(expected) } };
  return { ok: true };
}

/** The check character for the first 17 characters of a code (for tools that generate codes). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}
