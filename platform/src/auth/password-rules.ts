// What a password must be, as one pure rule (NIST SP 800-63B §5.1.1.2): long enough, not too long
// to hash cheaply, not the username, not on a list of passwords attackers try first. No rules on
// character classes: SP 800-63B advises against them; length is what resists guessing.
import { ERROR_REASONS, fillMessage } from '../errors.js';

export const PASSWORD_MIN_LENGTH = 12; // characters; SP 800-63B asks at least 8, we ask more for staff accounts
export const PASSWORD_MAX_LENGTH = 256; // characters; bounds the work a sign-in body can cause

// The most common choices in public breach corpora, and this deployment's own obvious words. A
// password is refused when, lower-cased, it is one of these or one of these followed by digits.
const COMMON = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'qwerty',
  'qwertyuiop',
  '123456789',
  '1234567890',
  '123456789012',
  'abc123',
  'iloveyou',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'changeme',
  'trustno1',
  'dragon',
  'football',
  'sunshine',
  'princess',
  'woaini',
  'woaini1314',
  'aa123456',
  'qq123456',
  '1q2w3e4r',
  '1qaz2wsx',
  'zaq12wsx',
  'edgenet',
  'dongguan',
  'operator',
  'bureau',
  'enterprise',
];

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_has_username' | 'password_common' | 'password_few_characters';

/** The problems with a password, or none: reasons of ERR_PASSWORD_RULES (errors.ts words them). */
export function passwordProblems(username: string, password: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const chars = [...password].length;
  if (chars < PASSWORD_MIN_LENGTH) problems.push('password_too_short');
  if (chars > PASSWORD_MAX_LENGTH) problems.push('password_too_long');
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length > 0 && lower.includes(name)) problems.push('password_has_username');
  const stem = lower.replace(/[0-9!.]+$/, '');
  if (COMMON.includes(lower) || COMMON.includes(stem)) problems.push('password_common');
  if (new Set(password).size < 4) problems.push('password_few_characters');
  return problems;
}

/** The problems in English, as the API's message and the configuration check say them. */
export function passwordProblemTexts(problems: readonly PasswordProblem[]): string[] {
  return problems.map((p) => fillMessage(ERROR_REASONS[p], { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }));
}
