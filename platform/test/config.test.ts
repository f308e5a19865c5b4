import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('platform configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ httpPort: 8080, mqttPort: 1883, databaseUrl: undefined, offlineAfterIntervals: 3 });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lists every problem in one error', () => {
    expect(() => loadConfig({ EDGENET_HTTP_PORT: 'eighty', EDGENET_MQTT_PORT: '70000', DATABASE_URL: 'mysql://x', EDGENET_OPERATOR_TOKEN: 'short' })).toThrowError(
      /EDGENET_HTTP_PORT must be an integer[\s\S]*EDGENET_MQTT_PORT must be an integer[\s\S]*DATABASE_URL must start with[\s\S]*EDGENET_OPERATOR_TOKEN must be at least 32/,
    );
  });

  it('reads a config file, with the environment taking precedence', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'edgenet-cfg-')), 'platform.json');
    writeFileSync(file, JSON.stringify({ EDGENET_HTTP_PORT: 9000, EDGENET_MQTT_PORT: 9001 }));
    const c = loadConfig({ EDGENET_CONFIG: file, EDGENET_MQTT_PORT: '0' });
    expect(c.httpPort).toBe(9000);
    expect(c.mqttPort).toBe(0);
    expect(() => loadConfig({ EDGENET_CONFIG: join(file, 'missing') })).toThrowError(/EDGENET_CONFIG/);
  });
});
