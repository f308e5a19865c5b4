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
    expect(() =>
      loadConfig({ EDGENET_HTTP_PORT: 'eighty', EDGENET_MQTT_PORT: '70000', DATABASE_URL: 'mysql://x', EDGENET_OPERATOR_TOKEN: 'short' }),
    ).toThrowError(
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

  it('takes several workers only on a database server and with the embedded broker', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ EDGENET_WORKERS: '4', DATABASE_URL: 'postgres://db/edgenet' }).workers).toBe(4);
    expect(() => loadConfig({ EDGENET_WORKERS: '2' })).toThrowError(/EDGENET_WORKERS above 1 needs DATABASE_URL/);
    expect(() =>
      loadConfig({ EDGENET_WORKERS: '2', DATABASE_URL: 'postgres://db/e', EDGENET_BROKER_URL: 'mqtt://b:1883', EDGENET_MQTT_PUBLIC_URL: 'mqtt://b:1883' }),
    ).toThrowError(/with EDGENET_BROKER_URL run one instance per core/);
    expect(() => loadConfig({ EDGENET_WORKERS: '0' })).toThrowError(/EDGENET_WORKERS must be an integer from 1 to 64/);
  });

  it('follows the device status log only when several processes split the devices, unless told', () => {
    expect(loadConfig({}).deviceStatusFollowMs).toBe(0);
    expect(loadConfig({ EDGENET_WORKERS: '2', DATABASE_URL: 'postgres://db/edgenet' }).deviceStatusFollowMs).toBe(1_000);
    expect(loadConfig({ EDGENET_BROKER_URL: 'mqtt://b:1883', EDGENET_MQTT_PUBLIC_URL: 'mqtt://b:1883' }).deviceStatusFollowMs).toBe(1_000);
    expect(loadConfig({ EDGENET_DEVICE_STATUS_FOLLOW_MS: '250' }).deviceStatusFollowMs).toBe(250);
  });
});
