// The enrollment contract (docs/protocol.md §1): what a device sends to POST /api/v1/enroll and
// what the platform grants it, as plain JSON-schema objects and the TypeScript types they describe.
// The platform declares its routes with these schemas (Fastify validates requests against them),
// and the agent checks the platform's answer against the grant schema (checkEnrollmentGrant), so
// the two sides cannot drift apart.
import { DEVICE_KINDS, type DeviceKindName } from './device-kind.js';
import { FINGERPRINT_PATTERN, WORKSTATION_CODE_PATTERN } from './decode.js';
import { schemaProblem, type JsonSchema } from './json-check.js';
import { DEVICE_ID_PATTERN, HEARTBEAT_INTERVAL_BOUNDS } from './limits.js';
import { ED25519_PUBLIC_KEY_BYTES } from './keys.js';
import { ATTESTATION_LEVELS, base64Schema, TPM_ATTESTATION_SCHEMA, type AttestationLevel, type TpmAttestation } from './tpm.js';

/** A raw Ed25519 public key in base64url without padding: 32 bytes are 43 characters. */
export const PUBLIC_KEY_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((ED25519_PUBLIC_KEY_BYTES * 4) / 3)}}$`);

const MAX_WORKSTATIONS = 256; // codes one device serves (decode.ts applies the same to WorkstationMapping)

/** The enrollment token as presented (issued by POST /api/v1/projects/{id}/enrollment-tokens). */
export const ENROLLMENT_TOKEN_SCHEMA = { type: 'string', minLength: 10, maxLength: 200 } as const satisfies JsonSchema;

/** A heartbeat interval a device asks for, or the platform grants: 1 s to 1 h, in ms. */
export const HEARTBEAT_INTERVAL_SCHEMA = {
  type: 'integer',
  minimum: HEARTBEAT_INTERVAL_BOUNDS.minMs,
  maximum: HEARTBEAT_INTERVAL_BOUNDS.maxMs,
} as const satisfies JsonSchema;

/** One device as it presents itself for enrollment; POST /enroll/bulk takes a list of these. */
export const ENROLLING_DEVICE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'fingerprint', 'publicKey', 'agentVersion', 'inventory'],
  properties: {
    kind: { type: 'string', enum: [...DEVICE_KINDS] },
    fingerprint: { type: 'string', pattern: FINGERPRINT_PATTERN.source },
    publicKey: { type: 'string', pattern: PUBLIC_KEY_PATTERN.source, description: 'raw Ed25519 public key, base64url' },
    agentVersion: { type: 'string', minLength: 1, maxLength: 64 },
    inventory: { type: 'object', maxProperties: 64 },
    workstations: {
      type: 'array',
      maxItems: MAX_WORKSTATIONS,
      uniqueItems: true,
      items: { type: 'string', pattern: WORKSTATION_CODE_PATTERN.source },
    },
  },
} as const satisfies JsonSchema;

/** The body of POST /api/v1/enroll. */
export const ENROLLMENT_REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['token', ...ENROLLING_DEVICE_SCHEMA.required],
  properties: {
    token: ENROLLMENT_TOKEN_SCHEMA,
    ...ENROLLING_DEVICE_SCHEMA.properties,
    heartbeatIntervalMs: HEARTBEAT_INTERVAL_SCHEMA,
    // Only from a device with a TPM 2.0 that answered POST /enroll/challenge (docs/tpm.md).
    tpm: TPM_ATTESTATION_SCHEMA,
  },
} as const satisfies JsonSchema;

/** The body of POST /api/v1/enroll/challenge. */
export const TPM_CHALLENGE_REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['token', 'ekCertificate', 'akPublic'],
  properties: {
    token: ENROLLMENT_TOKEN_SCHEMA,
    ekCertificate: { ...base64Schema(16_384), description: "the EK certificate (DER) from the TPM's NV index, base64" },
    akPublic: { ...base64Schema(2_048), description: 'the attestation key as TPM2B_PUBLIC (tpm2_createak -u), base64' },
  },
} as const satisfies JsonSchema;

export interface TpmChallengeRequest {
  token: string;
  ekCertificate: string;
  akPublic: string;
}

const uuid = { type: 'string', pattern: DEVICE_ID_PATTERN.source } as const;

/** The 201 answer of POST /api/v1/enroll. */
export const ENROLLMENT_GRANT_SCHEMA = {
  type: 'object',
  required: ['deviceId', 'enterpriseId', 'projectId', 'reenrolled', 'heartbeatIntervalMs', 'mqtt'],
  properties: {
    deviceId: uuid,
    enterpriseId: uuid,
    projectId: uuid,
    reenrolled: { type: 'boolean' },
    keyChanged: { type: 'boolean' },
    // Absent from platforms older than TPM attestation: those enroll every device as software.
    attestation: { type: 'string', enum: [...ATTESTATION_LEVELS] },
    heartbeatIntervalMs: HEARTBEAT_INTERVAL_SCHEMA,
    // Optional: platforms older than the seq hand-over do not send it, and the device starts at 1.
    nextSeq: { type: 'integer', minimum: 1, description: 'lowest heartbeat seq the platform will accept from this device' },
    mqtt: {
      type: 'object',
      required: ['url', 'clientId', 'username', 'password'],
      properties: {
        url: { type: 'string', pattern: '^(mqtts?|tcp|tls|wss?)://', description: 'plain mqtt:// when EDGENET_MQTT_PLAIN=true, else the same as tlsUrl' },
        // tlsUrl, caFingerprint and caCertificate are absent from platforms older than MQTT over TLS.
        tlsUrl: { type: 'string', pattern: '^(mqtts|tls|wss)://', description: 'mqtts://host:port' },
        caFingerprint: {
          type: 'string',
          pattern: '^([0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}|[0-9A-Fa-f]{64})$',
          description: "SHA-256 of the platform CA's DER, colon-separated hex: pin it",
        },
        caCertificate: { type: 'string', description: 'the platform CA (PEM); accept it only if its fingerprint matches' },
        clientId: { type: 'string', minLength: 1 },
        username: { type: 'string', minLength: 1 },
        password: { type: 'string', minLength: 1 },
      },
    },
  },
} as const satisfies JsonSchema;

/** One device of an enrollment; `Inventory` is the sender's own type of the hardware inventory. */
export interface EnrollingDevice<Inventory extends object = Record<string, unknown>> {
  kind: DeviceKindName;
  fingerprint: string;
  publicKey: string;
  agentVersion: string;
  inventory: Inventory;
  workstations?: string[];
}

/** ENROLLMENT_REQUEST_SCHEMA as a type. */
export interface EnrollmentRequest<Inventory extends object = Record<string, unknown>> extends EnrollingDevice<Inventory> {
  token: string;
  heartbeatIntervalMs?: number;
  tpm?: TpmAttestation;
}

/** ENROLLMENT_GRANT_SCHEMA as a type. */
export interface EnrollmentGrant {
  deviceId: string;
  enterpriseId: string;
  projectId: string;
  reenrolled: boolean;
  keyChanged?: boolean;
  attestation?: AttestationLevel;
  heartbeatIntervalMs: number;
  nextSeq?: number;
  mqtt: {
    url: string;
    tlsUrl?: string;
    caFingerprint?: string;
    caCertificate?: string;
    clientId: string;
    username: string;
    password: string;
  };
}

/** The platform's answer checked against ENROLLMENT_GRANT_SCHEMA: the grant, or why it is not one. */
export function checkEnrollmentGrant(body: unknown): { ok: true; grant: EnrollmentGrant } | { ok: false; reason: string } {
  const problem = schemaProblem(ENROLLMENT_GRANT_SCHEMA, body);
  return problem ? { ok: false, reason: problem } : { ok: true, grant: body as EnrollmentGrant };
}
