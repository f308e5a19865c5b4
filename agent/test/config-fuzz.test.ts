// Hostile configuration files (docs/threat-model.md "Hostile input"): whatever agent.json, credentials.json, the
// settings file or the environment hold, loadRunConfig either returns a valid configuration or throws
// EDGE_AGENT_ERR_CONFIG_INVALID (or a state-file error) with a message — never anything else.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRunConfig } from '../src/config.js';
import { isAgentError } from '../src/errors.js';
import { STATE_FILES } from '../src/state-files.js';
import { writeEnrolledState } from './helpers/state-dir.js';

const hostileJson = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constant('{"deviceId": '),
  fc.constant('{"mqtt": {"password": null}}'),
  fc.object().map((o) => JSON.stringify(o)),
);

describe('agent configuration under hostile input', () => {
  it('returns a configuration or a coded error with a message for any file and environment', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(STATE_FILES.config, STATE_FILES.credentials, 'settings.json'),
        hostileJson,
        fc.dictionary(
          fc.constantFrom('EDGE_AGENT_HEARTBEAT_INTERVAL_MS', 'EDGE_AGENT_MQTT_URL', 'EDGE_AGENT_LOG_LEVEL', 'EDGE_AGENT_SAMPLE_INTERVAL_MS'),
          fc.string(),
        ),
        (file, content, env) => {
          const { dir } = writeEnrolledState({ mqttUrl: 'mqtt://127.0.0.1:1' });
          writeFileSync(join(dir, file), content);
          try {
            const config = loadRunConfig(dir, env, { configFile: file === 'settings.json' ? join(dir, file) : null });
            expect(config.heartbeatIntervalMs).toBeGreaterThanOrEqual(1_000);
          } catch (err) {
            expect(isAgentError(err), String(err)).toBe(true);
            expect((err as Error).message.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
