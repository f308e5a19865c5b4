import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AGENT_ERROR_CODES, AgentError, isAgentError } from '../src/errors.js';

describe('error codes', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it.each(Object.keys(AGENT_ERROR_CODES))('%s is documented in agent/README.md', (code) => {
    expect(readme).toContain(`\`${code}\``);
  });

  it('follow the EDGE_AGENT_ERR_<WHAT> pattern', () => {
    for (const code of Object.keys(AGENT_ERROR_CODES)) expect(code).toMatch(/^EDGE_AGENT_ERR_[A-Z_]+$/);
  });

  it('keep the cause when wrapping', () => {
    const cause = new Error('disk full');
    const err = new AgentError('EDGE_AGENT_ERR_STATE_DIR', 'cannot write', { cause });
    expect(err.cause).toBe(cause);
    expect(isAgentError(err, 'EDGE_AGENT_ERR_STATE_DIR')).toBe(true);
    expect(isAgentError(err, 'EDGE_AGENT_ERR_USAGE')).toBe(false);
    expect(isAgentError(new Error('x'))).toBe(false);
  });
});
