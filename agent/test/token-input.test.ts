// The enrollment token from a file or standard input (agent/src/token-input.ts), with real files
// and a real stream; the enrollment itself with --token-file is in test/heavy/package.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAgentError } from '../src/errors.js';
import { readToken } from '../src/token-input.js';

const dir = mkdtempSync(join(tmpdir(), 'edge-agent-token-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('readToken', () => {
  it('takes the token from a file, without the trailing newline', async () => {
    expect(await readToken({ tokenFile: file('t1', 'et_0123456789abcdef\n') })).toBe('et_0123456789abcdef');
  });

  it('takes the token from standard input with --token -', async () => {
    expect(await readToken({ token: '-' }, Readable.from([Buffer.from('et_from_stdin\r\n')]))).toBe('et_from_stdin');
  });

  it('still takes --token VALUE', async () => {
    expect(await readToken({ token: 'et_inline' })).toBe('et_inline');
  });

  it.each([
    ['both sources', { token: 'et_x', tokenFile: join(dir, 't1') }, /not both/],
    ['a missing file', { tokenFile: join(dir, 'absent') }, /cannot be read/],
    ['an empty file', { tokenFile: file('t2', '\n') }, /is empty/],
    ['a file of several words', { tokenFile: file('t3', 'token: et_x\n') }, /only the enrollment token/],
  ])('refuses %s with a usage error', async (_what, sources, message) => {
    const err = await readToken(sources).catch((e: unknown) => e);
    expect(isAgentError(err, 'EDGE_AGENT_ERR_USAGE')).toBe(true);
    expect((err as Error).message).toMatch(message);
  });
});
