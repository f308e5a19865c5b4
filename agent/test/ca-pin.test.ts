// The CA fingerprint as operators paste it, and the CA files the agent accepts and keeps.
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CA_FILE, loadPinnedCa, normalizeCaFingerprint, parseCaCertificate, sameFingerprint } from '../src/ca-pin.js';
import { tempDir } from './helpers/state-dir.js';

const CA_PEM = readFileSync(new URL('./fixtures/ca.pem', import.meta.url), 'utf8');
const OTHER_CA_PEM = readFileSync(new URL('./fixtures/other-ca.pem', import.meta.url), 'utf8');
const CA_FP = new X509Certificate(CA_PEM).fingerprint256;
const OTHER_CA_FP = new X509Certificate(OTHER_CA_PEM).fingerprint256;
const HEX = '0650fd6d9d15539b79c533987bdab8ded5006709202dbd0083ca0902014f9f4d';
const CANONICAL = '06:50:FD:6D:9D:15:53:9B:79:C5:33:98:7B:DA:B8:DE:D5:00:67:09:20:2D:BD:00:83:CA:09:02:01:4F:9F:4D';

describe('normalizeCaFingerprint', () => {
  it('accepts plain or colon-separated hex in any case, and the line openssl prints', () => {
    for (const form of [
      HEX,
      HEX.toUpperCase(),
      CANONICAL,
      CANONICAL.toLowerCase(),
      `  ${CANONICAL}\n`,
      `sha256 Fingerprint=${CANONICAL}`, // openssl x509 -noout -fingerprint -sha256
      `SHA256 Fingerprint=${CANONICAL}`,
    ]) {
      expect(normalizeCaFingerprint(form), form).toBe(CANONICAL);
    }
  });

  it('refuses what is not a SHA-256 fingerprint', () => {
    for (const bad of [
      '',
      HEX.slice(0, 62), // too short
      `${HEX}00`, // too long
      HEX.replace('0', 'g'), // not hex
      CANONICAL.slice(3), // one pair missing
      CANONICAL.replace(':', ''), // colons in some places only
      CANONICAL.replaceAll(':', '-'),
      'd41d8cd98f00b204e9800998ecf8427e', // an MD5
    ]) {
      expect(normalizeCaFingerprint(bad), bad).toBeNull();
    }
  });

  it('has the form Node and the platform print, so the fixture CA compares equal in any form', () => {
    expect(normalizeCaFingerprint(CA_FP)).toBe(CA_FP);
    expect(sameFingerprint(CA_FP.replaceAll(':', '').toLowerCase(), CA_FP)).toBe(true);
    expect(sameFingerprint(CA_FP, OTHER_CA_FP)).toBe(false);
    expect(sameFingerprint('not one', 'not one')).toBe(false);
  });
});

describe('parseCaCertificate', () => {
  it('keeps exactly one certificate, re-encoded from its DER, with its fingerprint', () => {
    const ca = parseCaCertificate(`preamble text\n${CA_PEM}`, 'test');
    if (typeof ca === 'string') throw new Error(ca);
    expect(ca.fingerprint).toBe(CA_FP);
    expect(ca.pem).not.toContain('preamble');
    expect(new X509Certificate(ca.pem).fingerprint256).toBe(CA_FP);
  });

  it('refuses no certificate, two certificates, and a damaged one', () => {
    expect(parseCaCertificate('', 'x')).toMatch(/holds no PEM certificate/);
    expect(parseCaCertificate(`${CA_PEM}${OTHER_CA_PEM}`, 'x')).toMatch(/holds 2 certificates/);
    const damaged = CA_PEM.replace(/^(-----BEGIN CERTIFICATE-----\n)(.{20})/, '$1AAAAAAAAAAAAAAAAAAAA');
    expect(parseCaCertificate(damaged, 'x')).toMatch(/not a readable certificate/);
  });
});

describe('loadPinnedCa', () => {
  it('reads ca.pem and checks it against the recorded fingerprint', () => {
    const dir = tempDir();
    expect(loadPinnedCa(dir, undefined)).toEqual({});
    writeFileSync(join(dir, CA_FILE), CA_PEM);
    expect(loadPinnedCa(dir, CA_FP).ca?.fingerprint).toBe(CA_FP);
    expect(loadPinnedCa(dir, undefined).ca?.fingerprint).toBe(CA_FP);
    expect(loadPinnedCa(dir, OTHER_CA_FP).problem).toContain(`has fingerprint ${CA_FP}, but agent.json pins ${OTHER_CA_FP}`);
  });

  it('reports a recorded pin whose ca.pem is gone instead of falling back to no verification', () => {
    const result = loadPinnedCa(tempDir(), CA_FP);
    expect(result.ca).toBeUndefined();
    expect(result.problem).toMatch(/ca\.pem is missing but agent\.json pins/);
  });
});
