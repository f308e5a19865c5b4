// Every coded error of the platform in one typed registry (HOUSE_STYLE: one errors module, fastify
// lib/errors.js pattern; agent/src/errors.ts is its twin). HTTP errors carry their status code, the
// others (start-up, configuration) none. Codes are part of the operator and client interface: each
// means one thing, docs/errors.md lists each one (a test checks both directions), and a retired code
// is never reused.
import createError from '@fastify/error';

export const PLATFORM_ERROR_CODES = {
  EDGENET_ERR_NOT_FOUND: { status: 404, meaning: 'the record does not exist, or belongs to an enterprise the caller may not see' },
  EDGENET_ERR_UNAUTHENTICATED: { status: 401, meaning: 'no bearer token or session cookie, or an unknown, expired or revoked one' },
  EDGENET_ERR_SIGN_IN: { status: 401, meaning: 'the username or the password is wrong (which one is not said)' },
  EDGENET_ERR_ACCOUNT_LOCKED: { status: 429, meaning: 'too many failed sign-ins: the account is locked for a while (Retry-After)' },
  EDGENET_ERR_PASSWORD_RULES: { status: 400, meaning: 'a new password is too short or too long, contains the username, or is a common one' },
  EDGENET_ERR_ACCOUNT_SCOPE: {
    status: 400,
    meaning: 'an account names an enterprise for a role that has none, none for the enterprise role, or admin for a role other than operator',
  },
  EDGENET_ERR_SECOND_FACTOR: { status: 401, meaning: 'the password was right and the account asks a one-time code: send it as code' },
  EDGENET_ERR_TOTP_CODE: { status: 400, meaning: 'setting up a second factor: the code does not match the new secret, or none is being set up' },
  EDGENET_ERR_CURRENT_PASSWORD: { status: 400, meaning: 'changing one’s own password: the current password given is wrong' },
  EDGENET_ERR_CSRF: { status: 403, meaning: 'a state-changing request made with the session cookie lacks the x-csrf-token header or carries a wrong one' },
  EDGENET_ERR_FORBIDDEN: { status: 403, meaning: "the caller's role may not do this, or not for this enterprise" },
  EDGENET_ERR_ALARM_ASSIGNEE: {
    status: 400,
    meaning: 'an alarm is assigned to an unknown account, or to one that may not see it (the bureau, another enterprise)',
  },
  EDGENET_ERR_CONFLICT: { status: 409, meaning: "a unique record already exists (USCC, workstation code, known hardware, a run's bureau sample value)" },
  EDGENET_ERR_ARCHIVED: { status: 409, meaning: 'the record is archived: it cannot be edited, approved, or given new devices, projects or workstations' },
  EDGENET_ERR_APPROVAL_STALE: {
    status: 409,
    meaning: 'the figures sent for approval are not the ones declared now (they changed since the approver read them)',
  },
  EDGENET_ERR_USCC_INVALID: { status: 400, meaning: 'the unified social credit code fails its check character or character set (GB 32100-2015)' },
  EDGENET_ERR_INVESTMENT_INVALID: { status: 400, meaning: 'the eligible investment exceeds the total investment' },
  EDGENET_ERR_WINDOW_INVALID: { status: 400, meaning: 'a time window ends before it starts, or is longer than allowed' },
  EDGENET_ERR_TOKEN_SCOPE: { status: 400, meaning: 'an API token names an enterprise for a role that has none, or none for the enterprise role' },
  EDGENET_ERR_PUBLIC_KEY_INVALID: { status: 400, meaning: 'a device public key is not 32 bytes of base64url Ed25519' },
  EDGENET_ERR_BATCH_DUPLICATE: { status: 400, meaning: 'a bulk enrollment names the same hardware fingerprint or serial twice' },
  EDGENET_ERR_TPM_ATTESTATION: {
    status: 400,
    meaning:
      "a TPM's evidence is refused: EK certificate not from a configured root, a bad attestation key, a wrong secret or quote, a stale or used challenge",
  },
  EDGENET_ERR_TPM_NOT_CONFIGURED: { status: 501, meaning: 'TPM attestation is off: no manufacturer roots are configured (EDGENET_TPM_ROOTS_DIR)' },
  EDGENET_ERR_ENROLL_TOKEN: { status: 403, meaning: 'the enrollment token is unknown, expired, used up or revoked, or its project or enterprise is archived' },
  EDGENET_ERR_WORKSTATION_UNREGISTERED: {
    status: 400,
    meaning: 'an enrollment or a set_workstations command names a workstation code its enterprise has not registered',
  },
  EDGENET_ERR_COMMAND_STATE: { status: 409, meaning: 'a device command can no longer be changed: only a queued command is cancelled' },
  EDGENET_ERR_DEVICE_STATUS: {
    status: 409,
    meaning: "the device's status does not allow this action (e.g. enabling an active device, any action on a decommissioned one)",
  },
  EDGENET_ERR_DEVICE_MOVE: {
    status: 400,
    meaning: 'a device may move only to another project of its own enterprise, and replace only a device of its enterprise',
  },
  EDGENET_ERR_RATE_LIMITED: { status: 429, meaning: 'too many requests from this address or with this token' },
  EDGENET_ERR_BODY_TOO_DEEP: { status: 400, meaning: 'a JSON body nests deeper than the bound; refused before it is parsed' },
  EDGENET_ERR_DATABASE_UNAVAILABLE: { status: 503, meaning: "the database did not answer, so the caller's token cannot be checked" },
  EDGENET_ERR_CONFIG: { status: null, meaning: "the platform's settings are invalid" },
  EDGENET_ERR_STARTUP: { status: null, meaning: 'the platform cannot start (database, listening port, a worker)' },
  EDGENET_ERR_TLS: { status: null, meaning: 'the TLS files cannot be used or the generated ones cannot be written' },
} as const;

export type PlatformErrorCode = keyof typeof PLATFORM_ERROR_CODES;

/** Codes once used and since split or dropped: never to mean anything else. */
export const RETIRED_ERROR_CODES = Object.freeze({
  EDGENET_ERR_INVALID: 'split into EDGENET_ERR_USCC_INVALID, _INVESTMENT_INVALID, _WINDOW_INVALID, _TOKEN_SCOPE, _PUBLIC_KEY_INVALID and _BATCH_DUPLICATE',
});

type HttpCode = { [K in PlatformErrorCode]: (typeof PLATFORM_ERROR_CODES)[K]['status'] extends number ? K : never }[PlatformErrorCode];

function httpError(code: HttpCode, message: string) {
  return createError(code, message, PLATFORM_ERROR_CODES[code].status);
}

export const ERR_NOT_FOUND = httpError('EDGENET_ERR_NOT_FOUND', '%s not found');
export const ERR_UNAUTHENTICATED = httpError(
  'EDGENET_ERR_UNAUTHENTICATED',
  'a valid bearer token (Authorization: Bearer <token>) or session cookie is required',
);
// One message for an unknown name and a wrong password: the answer must not tell which names exist.
export const ERR_SIGN_IN = httpError('EDGENET_ERR_SIGN_IN', 'wrong username or password');
export const ERR_ACCOUNT_LOCKED = httpError('EDGENET_ERR_ACCOUNT_LOCKED', 'too many failed sign-ins; try again in %d s');
export const ERR_PASSWORD_RULES = httpError('EDGENET_ERR_PASSWORD_RULES', '%s');
export const ERR_ACCOUNT_SCOPE = httpError('EDGENET_ERR_ACCOUNT_SCOPE', '%s');
export const ERR_SECOND_FACTOR = httpError('EDGENET_ERR_SECOND_FACTOR', 'a one-time code from the authenticator app is required');
export const ERR_TOTP_CODE = httpError('EDGENET_ERR_TOTP_CODE', '%s');
export const ERR_CURRENT_PASSWORD = httpError('EDGENET_ERR_CURRENT_PASSWORD', 'the current password is wrong');
export const ERR_CSRF = httpError('EDGENET_ERR_CSRF', 'a request made with the session cookie must carry its x-csrf-token header');
export const ERR_FORBIDDEN = httpError('EDGENET_ERR_FORBIDDEN', 'the %s role may not %s');
export const ERR_ALARM_ASSIGNEE = httpError('EDGENET_ERR_ALARM_ASSIGNEE', '%s');
export const ERR_CONFLICT = httpError('EDGENET_ERR_CONFLICT', '%s');
export const ERR_ARCHIVED = httpError('EDGENET_ERR_ARCHIVED', '%s is archived');
export const ERR_APPROVAL_STALE = httpError('EDGENET_ERR_APPROVAL_STALE', '%s');
export const ERR_USCC_INVALID = httpError('EDGENET_ERR_USCC_INVALID', '%s');
export const ERR_INVESTMENT_INVALID = httpError('EDGENET_ERR_INVESTMENT_INVALID', '%s');
export const ERR_WINDOW_INVALID = httpError('EDGENET_ERR_WINDOW_INVALID', '%s');
export const ERR_TOKEN_SCOPE = httpError('EDGENET_ERR_TOKEN_SCOPE', '%s');
export const ERR_PUBLIC_KEY_INVALID = httpError('EDGENET_ERR_PUBLIC_KEY_INVALID', '%s');
export const ERR_BATCH_DUPLICATE = httpError('EDGENET_ERR_BATCH_DUPLICATE', '%s');
export const ERR_TPM_ATTESTATION = httpError('EDGENET_ERR_TPM_ATTESTATION', 'TPM attestation refused: %s');
export const ERR_TPM_NOT_CONFIGURED = httpError('EDGENET_ERR_TPM_NOT_CONFIGURED', 'TPM attestation is not configured on this platform; enroll as software');
export const ERR_ENROLL_TOKEN = httpError('EDGENET_ERR_ENROLL_TOKEN', 'enrollment token refused: %s');
export const ERR_WORKSTATION_UNREGISTERED = httpError(
  'EDGENET_ERR_WORKSTATION_UNREGISTERED',
  'workstation codes not registered by the enterprise: %s (register them first: POST /api/v1/workstations)',
);
export const ERR_COMMAND_STATE = httpError('EDGENET_ERR_COMMAND_STATE', 'the command is %s; only a queued command can be cancelled');
export const ERR_DEVICE_STATUS = httpError('EDGENET_ERR_DEVICE_STATUS', 'device is %s: it cannot be %s');
export const ERR_DEVICE_MOVE = httpError('EDGENET_ERR_DEVICE_MOVE', '%s');
export const ERR_RATE_LIMITED = httpError('EDGENET_ERR_RATE_LIMITED', 'too many requests from this %s; retry in %d s');
// Counted before parsing: storing a body nested thousands deep runs out of stack (a 500 otherwise).
export const ERR_BODY_TOO_DEEP = httpError('EDGENET_ERR_BODY_TOO_DEEP', 'the JSON body nests objects or arrays deeper than %d levels');
// 503, not 500: the platform is healthy but cannot check the caller's token (tokens and their
// revocation live only in the database), so it answers "retry later" (RFC 9110 §15.6.4).
export const ERR_DATABASE_UNAVAILABLE = httpError('EDGENET_ERR_DATABASE_UNAVAILABLE', 'the database is unreachable; retry later');

/** Errors outside HTTP (start-up, configuration, storage) keep a code and their cause. */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';

  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const ERROR_CODES = Object.keys(PLATFORM_ERROR_CODES) as PlatformErrorCode[];
