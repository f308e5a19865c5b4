// Every coded error the agent raises, in one place (as fastify's lib/errors.js). Codes are part of the
// operator interface: scripts match on them, README.md documents each one, and a retired code is never
// reused for something else.

export const AGENT_ERROR_CODES = {
  EDGE_AGENT_ERR_USAGE: 'the command line is wrong (unknown command, missing or bad option)',
  EDGE_AGENT_ERR_CONFIG_INVALID: 'agent.json, credentials or environment overrides fail validation',
  EDGE_AGENT_ERR_NOT_ENROLLED: 'the state directory holds no enrollment; run `edge-agent enroll` first',
  EDGE_AGENT_ERR_STATE_DIR: 'the state directory or a file in it cannot be created, read or written',
  EDGE_AGENT_ERR_STATE_CORRUPT: 'a state file exists but cannot be parsed',
  EDGE_AGENT_ERR_SEQ_BACKWARDS: 'something asked the heartbeat sequence to move backwards',
  EDGE_AGENT_ERR_KEY_INVALID: 'the device key file is missing, unreadable, not Ed25519, or not the enrolled key',
  EDGE_AGENT_ERR_HARDWARE_UNREADABLE: 'inventory --write could not read a system serial or UUID (not root?)',
  EDGE_AGENT_ERR_PLATFORM_UNREACHABLE: 'the platform did not answer (DNS, connection refused, timeout)',
  EDGE_AGENT_ERR_ENROLL_REJECTED: 'the platform answered 400: a field of the enrollment request is bad',
  EDGE_AGENT_ERR_ENROLL_REFUSED: 'the platform answered 403: the token is unknown, expired or used up',
  EDGE_AGENT_ERR_ENROLL_FAILED: 'the platform answered with another status or a malformed body',
  EDGE_AGENT_ERR_CA_MISMATCH: "the platform's CA certificate does not have the fingerprint the device was given",
  EDGE_AGENT_ERR_PLATFORM_UNTRUSTED: "the platform's TLS certificate is not signed by the trusted CA (pinned, or the system's)",
  EDGE_AGENT_ERR_QUEUE_IO: 'the store-and-forward queue cannot be opened, written or read',
  EDGE_AGENT_ERR_MODEL: 'a model cannot be loaded or run (file missing, not ONNX, wrong input)',
  EDGE_AGENT_ERR_ALREADY_RUNNING: 'another `edge-agent run` holds the state directory (run.lock)',
  EDGE_AGENT_ERR_TPM: 'a TPM 2.0 was found but a tpm2-tools step failed (no EK certificate, tools missing, the TPM refused)',
} as const;

export type AgentErrorCode = keyof typeof AGENT_ERROR_CODES;

export class AgentError extends Error {
  override readonly name = 'AgentError';
  readonly code: AgentErrorCode;
  /** For EDGE_AGENT_ERR_CONFIG_INVALID: each problem found, also listed in the message. */
  readonly problems: readonly string[];

  constructor(code: AgentErrorCode, message: string, options?: { cause?: unknown; problems?: string[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = Object.freeze([...(options?.problems ?? [])]);
  }
}

export function isAgentError(err: unknown, code?: AgentErrorCode): err is AgentError {
  return err instanceof AgentError && (code === undefined || err.code === code);
}
