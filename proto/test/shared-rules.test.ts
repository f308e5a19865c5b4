// The rules both sides compute identically, checked against an independent derivation: the raw key
// against the JWK export (RFC 8037), the chain link against SHA-256 by hand, the id pattern and the
// shared subscription against their definitions.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chainLink,
  DEVICE_ID_PATTERN,
  HEARTBEAT_INTERVAL_BOUNDS,
  isDeviceId,
  isHeartbeatInterval,
  keyIdOf,
  linksTo,
  parseDeviceTopic,
  publicKeyFromRaw,
  rawPublicKey,
  sealEnvelope,
  openEnvelope,
  sharedDeviceSubscription,
  edge,
} from '../src/index.js';

describe('Ed25519 keys', () => {
  it('gives the raw key of the JWK x member, from the private or the public half, and back', () => {
    for (let i = 0; i < 20; i++) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const raw = rawPublicKey(publicKey);
      expect(raw).toBe(publicKey.export({ format: 'jwk' }).x);
      expect(rawPublicKey(privateKey)).toBe(raw);
      const body = Buffer.from(`body ${i}`);
      const envelope = edge.v1.Envelope.decode(sealEnvelope(body, privateKey));
      expect(openEnvelope(envelope, publicKeyFromRaw(raw))).toBe(true);
      expect(keyIdOf(raw)).toBe(createHash('sha256').update(Buffer.from(raw, 'base64url')).digest('hex').slice(0, 16));
    }
  });

  it('refuses what is not a 32-byte base64url key, and a key of another type', () => {
    expect(() => publicKeyFromRaw('')).toThrow(TypeError);
    expect(() => publicKeyFromRaw(Buffer.alloc(31).toString('base64url'))).toThrow(TypeError);
    expect(() => publicKeyFromRaw(`${Buffer.alloc(32, 1).toString('base64url')}=`)).toThrow(TypeError);
    expect(() => rawPublicKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toThrow(/not an Ed25519 key/);
  });
});

describe('the heartbeat chain', () => {
  it('links a heartbeat to the body before it by SHA-256, and says nothing for a restart', () => {
    const a = Buffer.from('first body');
    expect(chainLink(a)).toEqual(createHash('sha256').update(a).digest());
    expect(linksTo(chainLink(a), a)).toBe(true);
    expect(linksTo(chainLink(Buffer.from('other')), a)).toBe(false);
    expect(linksTo(new Uint8Array(0), a)).toBeNull();
    expect(linksTo(chainLink(a), null)).toBeNull();
  });
});

describe('ids, limits and topics', () => {
  it('takes lower-case UUIDs only as device ids, in topics too', () => {
    const id = '0b7f6a53-4a43-4f4e-9e0e-1c2d3e4f5a6b';
    expect(isDeviceId(id)).toBe(true);
    expect(isDeviceId(id.toUpperCase())).toBe(false);
    expect(DEVICE_ID_PATTERN.test(`${id}0`)).toBe(false);
    expect(parseDeviceTopic(`edge/v1/d/${id.toUpperCase()}/heartbeat`)).toBeNull();
    expect(parseDeviceTopic(`edge/v1/d/${id}/heartbeat`)).toEqual({ deviceId: id, kind: 'heartbeat' });
  });

  it('bounds the heartbeat interval at 1 s and 1 h, integers only', () => {
    expect(HEARTBEAT_INTERVAL_BOUNDS).toEqual({ minMs: 1_000, maxMs: 3_600_000 });
    expect([999, 1_000, 3_600_000, 3_600_001, 1_500.5].map(isHeartbeatInterval)).toEqual([false, true, true, false, false]);
  });

  it('names the shared subscription of a group over every device message', () => {
    expect(sharedDeviceSubscription('edgenet')).toBe('$share/edgenet/edge/v1/d/+/+');
  });
});
