// The witness's HTTP API (docs/witness.md "API"): the platform submits a tree head of one of its logs
// with a consistency proof from the newest head the witness cosigned for that log; the witness
// cosigns only an extension (RFC 6962 §2.1.2) and refuses a smaller tree or a different history
// with 409. Submitting needs the token the bureau gave the operator; reading the key and the heads
// needs nothing, so anyone holding the witness's public key can compare a platform's logs with them.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { hashSecret, secretMatches } from '../auth/secrets.js';
import { verifyConsistency } from '../certification/merkle.js';
import { cosign, LOG_NAME } from './cosignature.js';
import type { WitnessStore } from './store.js';

const HEX64 = '^[0-9a-f]{64}$';
const MAX_PROOF = 64; // a consistency proof has at most 2·log2(size) hashes; 64 covers 2^32 leaves

export interface WitnessServerOptions {
  store: WitnessStore;
  /** The submitters' bearer token; compared by hash in constant time. */
  token: string;
  log: Logger;
  now?: () => Date;
}

export function buildWitnessServer({ store, token, log, now = () => new Date() }: WitnessServerOptions): FastifyInstance {
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, bodyLimit: 16 * 1024 });
  const expected = hashSecret(token);
  const authorized = (header: string | undefined): boolean => {
    const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    return given !== undefined && secretMatches(given, expected);
  };
  const refuse = (code: string, message: string) => ({ error: { code, message } });

  app.get('/v1/key', async () => store.key);

  app.get<{ Params: { log: string } }>('/v1/logs/:log', async (req, reply) => {
    const head = store.head(req.params.log);
    return head ?? reply.code(404).send(refuse('witness_unknown_log', `no tree head of log ${req.params.log} has been cosigned`));
  });

  app.post<{ Params: { log: string }; Body: { size: number; root: string; proof: string[] } }>(
    '/v1/logs/:log/tree-heads',
    {
      schema: {
        params: { type: 'object', properties: { log: { type: 'string', pattern: LOG_NAME.source } }, required: ['log'] },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['size', 'root', 'proof'],
          properties: {
            size: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
            root: { type: 'string', pattern: HEX64 },
            proof: { type: 'array', maxItems: MAX_PROOF, items: { type: 'string', pattern: HEX64 } },
          },
        },
      },
    },
    async (req, reply) => {
      if (!authorized(req.headers.authorization)) return reply.code(401).send(refuse('witness_unauthorized', 'a submission needs the bearer token'));
      const { log: name } = req.params;
      const { size, root, proof } = req.body;
      // Step 1: the newest head cosigned for this log; the first one is taken as it comes (TOFU:
      // docs/witness.md says to start the witness before the platform's first report).
      const last = store.head(name);
      // Step 2: only an extension of it is cosigned.
      if (last && size < last.size) {
        return reply
          .code(409)
          .send(refuse('witness_smaller_tree', `log ${name}: ${size} leaves, but the witness cosigned ${last.size} (root ${last.root}): leaves were removed`));
      }
      if (last && !verifyConsistency(last.size, size, last.root, root, proof)) {
        return reply
          .code(409)
          .send(
            refuse(
              'witness_not_an_extension',
              `log ${name}: the tree of ${size} leaves (root ${root}) does not extend the cosigned tree of ${last.size} (root ${last.root})`,
            ),
          );
      }
      // Step 3: cosign, record, answer. Handlers run one at a time up to here (no await), so two
      // submissions of one log cannot both extend the same head.
      const c = cosign({ log: name, size, root }, store.privateKey, store.key.keyId, now());
      store.record(c);
      req.log.info({ log: name, size, root }, 'tree head cosigned');
      return c;
    },
  );
  return app;
}
