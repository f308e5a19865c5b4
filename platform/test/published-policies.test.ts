// The published counting policies (docs/policies/<version>.json) are the ones the code ships, byte
// for byte, and the policy in force is among them: a verifier recounts with these, never with the
// copy inside a report's body.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/certification/canonical-json.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { PUBLISHED_POLICIES } from '../src/certification/published-policies.js';

const DIR = join(import.meta.dirname, '../../docs/policies');

describe('published policies', () => {
  it('docs/policies holds every published version as canonical JSON, and nothing else', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(
      Object.keys(PUBLISHED_POLICIES)
        .map((v) => `${v}.json`)
        .sort(),
    );
    for (const [version, policy] of Object.entries(PUBLISHED_POLICIES)) {
      expect(readFileSync(join(DIR, `${version}.json`), 'utf8')).toBe(`${canonicalJson(policy)}\n`);
    }
  });

  it('the policy in force is published under its version', () => {
    expect(PUBLISHED_POLICIES[COUNTING_POLICY.version]).toBe(COUNTING_POLICY);
  });
});
