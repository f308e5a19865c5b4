// GET /ca.pem: the platform's CA certificate, public. A device is told the CA's SHA-256
// fingerprint out of band (printed at start, given with the enrollment token); it may fetch the
// certificate here over an unverified connection and must accept it only if the fingerprint
// matches, then pin it for HTTPS and MQTTS (docs/threat-model.md, "network attacker").
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';

export async function tlsRoutes(app: FastifyInstance, { tls }: PlatformContext): Promise<void> {
  app.get('/ca.pem', {
    schema: { tags: ['tls'], summary: "The platform's CA certificate (PEM); check its SHA-256 fingerprint before trusting it" },
    handler: async (_request, reply) =>
      reply.header('content-type', 'application/x-pem-file').header('x-ca-fingerprint-sha256', tls.caFingerprint).send(tls.ca),
  });
}
