// @edgenet/proto: the edge.v1 wire contract. Agent and platform both import this package and never
// each other (HOUSE_STYLE: boundaries), so topic names, limits and validation live here once.
export { edge } from './wire.js';
export {
  PROTOCOL_VERSION,
  TOPIC_ROOT,
  MAX_TOPIC_LENGTH,
  DEVICE_MESSAGE_KINDS,
  deviceTopic,
  commandTopic,
  DEVICE_MESSAGES_FILTER,
  sharedDeviceSubscription,
  parseDeviceTopic,
} from './topics.js';
export { DEVICE_ID_PATTERN, isDeviceId, HEARTBEAT_INTERVAL_BOUNDS, isHeartbeatInterval } from './limits.js';
export { ED25519_PUBLIC_KEY_BYTES, rawPublicKey, publicKeyFromRaw, keyIdOf } from './keys.js';
export { chainLink, linksTo } from './chain.js';
export { meaningfulSerial } from './serials.js';
export type { DeviceMessageKind, ParsedDeviceTopic } from './topics.js';
export {
  MAX_PAYLOAD_BYTES,
  WORKSTATION_CODE_PATTERN,
  FINGERPRINT_PATTERN,
  decodeDeviceMessage,
  decodeCommand,
} from './decode.js';
export type { Decoded, DecodeFailure, DecodedMessage } from './decode.js';
export { DEVICE_KINDS, deviceKindFromProto, deviceKindToProto } from './device-kind.js';
export type { DeviceKindName } from './device-kind.js';
export { sealEnvelope, openEnvelope } from './envelope.js';
export { encodeHeartbeat, sealedPayload } from './heartbeat.js';
export type { HeartbeatFields, AcceleratorFields } from './heartbeat.js';
export {
  PUBLIC_KEY_PATTERN,
  ENROLLMENT_TOKEN_SCHEMA,
  HEARTBEAT_INTERVAL_SCHEMA,
  ENROLLING_DEVICE_SCHEMA,
  ENROLLMENT_REQUEST_SCHEMA,
  ENROLLMENT_GRANT_SCHEMA,
  TPM_CHALLENGE_REQUEST_SCHEMA,
  checkEnrollmentGrant,
} from './enrollment.js';
export type { EnrollingDevice, EnrollmentRequest, EnrollmentGrant, TpmChallengeRequest } from './enrollment.js';
export {
  ATTESTATION_LEVELS,
  TPM_NONCE_BYTES,
  TPM_CHALLENGE_SCHEMA,
  TPM_ATTESTATION_SCHEMA,
  quoteQualifyingData,
  tpmSealQualifyingData,
  checkTpmChallenge,
} from './tpm.js';
export type { AttestationLevel, TpmChallenge, TpmAttestation } from './tpm.js';
export { schemaProblem } from './json-check.js';
export type { JsonSchema, JsonType } from './json-check.js';

/**
 * A message's properties with every field present and non-null — what a sender builds before
 * encoding. Lets agent and platform name their in-memory shapes after the schema instead of
 * restating it.
 */
export type Complete<T> = { [K in Exclude<keyof T, '$unknowns'>]-?: NonNullable<T[K]> };
