// POST /api/v1/enroll: a device presents an enrollment token and its public key and gets MQTT
// credentials (docs/protocol.md §1). The request and the answer are the shared contract of
// @edgenet/proto (enrollment.ts), which the agent checks the answer against; the flow itself is
// enrollment/enroll-device.ts.
import type { FastifyInstance } from 'fastify';
import {
  ENROLLMENT_GRANT_SCHEMA,
  ENROLLMENT_REQUEST_SCHEMA,
  TPM_CHALLENGE_REQUEST_SCHEMA,
  TPM_CHALLENGE_SCHEMA,
  type EnrollmentGrant,
  type EnrollmentRequest,
  type TpmChallengeRequest,
} from '@edgenet/proto';
import type { PlatformContext } from '../context.js';
import { brokerAddress } from '../enrollment/broker-address.js';
import { enrollDevice } from '../enrollment/enroll-device.js';
import { issueChallenge } from '../enrollment/tpm-challenge.js';
import { errorResponse } from './schemas.js';

export async function enrollRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { config, log } = ctx;

  // The first step of a TPM enrollment (docs/tpm.md): the device shows its EK certificate and AK,
  // and gets a credential only that TPM can activate and a nonce to quote.
  app.post<{ Body: TpmChallengeRequest }>('/enroll/challenge', {
    bodyLimit: 32 * 1024, // 32 KiB: an EK certificate is 1-2 KiB
    schema: {
      tags: ['enrollment'],
      summary: 'Ask for a TPM attestation challenge before enrolling (no bearer token needed)',
      body: TPM_CHALLENGE_REQUEST_SCHEMA,
      response: { 201: TPM_CHALLENGE_SCHEMA, 400: errorResponse, 403: errorResponse, 501: errorResponse },
    },
    handler: async (request, reply) => {
      const challenge = await issueChallenge(ctx.db, ctx.tpmRoots, config.tpmChallengeTtlMs, request.body, new Date());
      return reply.code(201).send(challenge);
    },
  });

  app.post<{ Body: EnrollmentRequest }>('/enroll', {
    bodyLimit: 64 * 1024, // 64 KiB: an inventory is a few KiB
    schema: {
      tags: ['enrollment'],
      summary: 'Enroll a device with an enrollment token (no bearer token needed)',
      body: ENROLLMENT_REQUEST_SCHEMA,
      response: { 201: ENROLLMENT_GRANT_SCHEMA, 400: errorResponse, 403: errorResponse },
    },
    handler: async (request, reply) => {
      const { token, heartbeatIntervalMs: asked, tpm, ...device } = request.body;
      const heartbeatIntervalMs = asked ?? config.defaultHeartbeatIntervalMs;
      const enrolled = await enrollDevice(
        ctx,
        {
          token,
          remoteAddress: request.ip,
          at: new Date(),
          onTokenSeen: (id) => {
            request.auditActor = { kind: 'enrollment_token', id }; // a refused use is audited with its token
          },
        },
        device,
        heartbeatIntervalMs,
        tpm,
      );
      log.info(
        {
          deviceId: enrolled.deviceId,
          projectId: enrolled.projectId,
          reenrolled: enrolled.reenrolled,
          keyChanged: enrolled.keyChanged,
          attestation: enrolled.attestation,
        },
        'device enrolled',
      );
      const grant: EnrollmentGrant = {
        deviceId: enrolled.deviceId,
        enterpriseId: enrolled.enterpriseId,
        projectId: enrolled.projectId,
        reenrolled: enrolled.reenrolled,
        keyChanged: enrolled.keyChanged,
        attestation: enrolled.attestation,
        heartbeatIntervalMs,
        nextSeq: enrolled.nextSeq,
        mqtt: { ...brokerAddress(ctx, request.hostname), clientId: enrolled.deviceId, username: enrolled.deviceId, password: enrolled.password },
      };
      return reply.code(201).send(grant);
    },
  });
}
