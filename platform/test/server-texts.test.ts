// The server sends codes and params, the dashboard words them (web/src/server-text.ts): every code
// the server can send has a text in both languages, every text answers a code the server has, and
// each text uses only the params its code carries (flag and error reasons: exactly those). Then the
// answers themselves: an error carries its params, a schema error its field and rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeholders } from '../src/domain/template.js';
import { ERROR_MESSAGES, ERROR_REASONS, NOUNS, PLATFORM_ERROR_CODES } from '../src/errors.js';
import { FLAG_REASONS } from '../src/ingest/flag-reasons.js';
import { CONNECTION_CAUSES } from '../src/ingest/presence.js';
import { ACTION_PAST } from '../src/services/device-lifecycle.js';
import { serverEn } from '../web/src/i18n/server-en.js';
import { serverZhCN } from '../web/src/i18n/server-zh-CN.js';
import { enrollTestDevice } from '../../test/helpers/device.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { startTestPlatform } from '../../test/helpers/platform.js';

const dictionaries = { 'zh-CN': serverZhCN as Record<string, string>, en: serverEn as Record<string, string> };
const keysUnder = (dict: Record<string, string>, prefix: string) =>
  Object.keys(dict)
    .filter((k) => k.startsWith(`${prefix}.`))
    .map((k) => k.slice(prefix.length + 1))
    .sort();

/** The HardwareInventory fields, camelCase as the API returns them, read from the proto itself. */
function inventoryFields(): string[] {
  const proto = readFileSync(new URL('../../proto/edge/v1/edge.proto', import.meta.url), 'utf8');
  const body = /message HardwareInventory \{([\s\S]*?)\n\}/.exec(proto)![1]!;
  return [...body.matchAll(/^\s*(?:repeated\s+|optional\s+)?\w+\s+(\w+)\s*=\s*\d+;/gm)]
    .map((m) => m[1]!.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()))
    .sort();
}

describe.each(Object.entries(dictionaries))('the %s server texts', (_, dict) => {
  it('word every HTTP error code, and no code the platform lacks', () => {
    const http = Object.entries(PLATFORM_ERROR_CODES)
      .filter(([, e]) => e.status !== null)
      .map(([code]) => code);
    expect(keysUnder(dict, 'error')).toEqual([...http, 'FST_ERR_VALIDATION', 'unknown'].sort());
    for (const code of http) {
      const server = placeholders(ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES]!);
      for (const p of placeholders(dict[`error.${code}`]!)) expect(server, `error.${code} uses {${p}}`).toContain(p);
    }
  });

  it('word every error reason, flag reason, record kind, cause, status change and inventory field, with their params', () => {
    expect(keysUnder(dict, 'errorReason')).toEqual(Object.keys(ERROR_REASONS).sort());
    for (const [k, text] of Object.entries(ERROR_REASONS)) expect(placeholders(dict[`errorReason.${k}`]!), k).toEqual(placeholders(text));
    expect(keysUnder(dict, 'flagReason')).toEqual(Object.keys(FLAG_REASONS).sort());
    for (const [k, text] of Object.entries(FLAG_REASONS)) expect(placeholders(dict[`flagReason.${k}`]!), k).toEqual(placeholders(text));
    expect(keysUnder(dict, 'noun')).toEqual(Object.keys(NOUNS).sort());
    expect(keysUnder(dict, 'cause')).toEqual([...CONNECTION_CAUSES].sort());
    expect(keysUnder(dict, 'deviceChange')).toEqual(Object.values(ACTION_PAST).sort());
    expect(keysUnder(dict, 'inventory')).toEqual(inventoryFields());
  });
});

describe('error answers', () => {
  it('carry the params of the message, and a schema error its field and rule', async () => {
    const tp = await startTestPlatform();
    try {
      const missing = await tp.api('GET', '/api/v1/devices/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'EDGENET_ERR_NOT_FOUND', message: 'device not found', params: { what: 'device' } });

      const device = await enrollTestDevice(tp, (await seedEnterprise(tp, { workstations: ['W-1'] })).token, { workstations: ['W-1'] });
      const twice = await tp.api('POST', `/api/v1/devices/${device.deviceId}/enable`, { reason: 'enable an active one' });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({
        code: 'EDGENET_ERR_DEVICE_STATUS',
        message: 'device is active: it cannot be re-enabled',
        params: { reason: 'status_forbids', status: 'active', change: 're-enabled' },
      });

      const invalid = await tp.api('POST', '/api/v1/enterprises', { name: '', uscc: '91110000600037341L', town: '南城街道' });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({ code: 'FST_ERR_VALIDATION', params: { field: 'body/name', rule: 'minLength', limit: 1 } });
    } finally {
      await tp.close();
    }
  });
});
