// The TPM step of `edge-agent enroll` (docs/tpm.md): before POST /api/v1/enroll, a device with a TPM
// shows the platform its EK certificate and a fresh attestation key (POST /api/v1/enroll/challenge),
// activates the credential the platform made for that pair, and quotes the platform's nonce bound to
// the Ed25519 key it is about to enroll. A platform that does not attest (older, or no manufacturer
// roots configured) enrolls the device as software, with a warning; one that refuses the TPM's
// evidence fails the enrollment, since enrolling anyway would hide what the operator must see.
import { checkTpmChallenge, quoteQualifyingData, type TpmAttestation, type TpmChallenge } from '@edgenet/proto';
import { AgentError } from './errors.js';
import { postJson, type HttpTrust } from './http-client.js';
import { TpmSession, type StoredAk, type TpmPresence } from './tpm.js';

export interface TpmAttestInput {
  platformUrl: string;
  token: string;
  /** The raw Ed25519 public key being enrolled, base64url. */
  publicKey: string;
  tpm: TpmPresence;
  trust: HttpTrust;
  timeoutMs: number;
  warnings: string[];
}

/**
 * The `tpm` member of the enrollment request and the AK to keep if the platform records the device
 * as `tpm`; undefined when the device enrolls as software.
 */
export async function attestWithTpm(input: TpmAttestInput): Promise<{ request: TpmAttestation; ak: StoredAk } | undefined> {
  if (!input.tpm.present) return undefined;
  const session = TpmSession.open(input.tpm.tcti);
  try {
    const endorsement = await session.endorse();
    const challenge = await askChallenge(input, {
      token: input.token,
      ekCertificate: endorsement.ekCertificate.toString('base64'),
      akPublic: endorsement.akPublic.toString('base64'),
    });
    if (!challenge) return undefined;
    const secret = await session.activate(Buffer.from(challenge.credential, 'base64'));
    const { quote, signature } = await session.quote(quoteQualifyingData(Buffer.from(challenge.nonce, 'base64'), Buffer.from(input.publicKey, 'base64url')));
    return {
      request: {
        challengeId: challenge.challengeId,
        secret: secret.toString('base64'),
        quote: quote.toString('base64'),
        signature: signature.toString('base64'),
      },
      ak: { public: endorsement.akPublic, private: endorsement.akPrivate },
    };
  } finally {
    session.close();
  }
}

async function askChallenge(input: TpmAttestInput, body: { token: string; ekCertificate: string; akPublic: string }): Promise<TpmChallenge | undefined> {
  const url = new URL(`${input.platformUrl.replace(/\/+$/, '')}/api/v1/enroll/challenge`);
  const res = await postJson(input.platformUrl, '/api/v1/enroll/challenge', body, input);
  if (!res.ok)
    throw new AgentError(
      res.tls ? 'EDGE_AGENT_ERR_PLATFORM_UNTRUSTED' : 'EDGE_AGENT_ERR_PLATFORM_UNREACHABLE',
      `cannot ask ${url} for a TPM challenge: ${res.reason}`,
    );
  const message = platformMessage(res.body) ?? res.statusText;
  // 404: a platform older than TPM attestation; 501: one with no manufacturer roots configured.
  if (res.status === 404 || res.status === 501) {
    input.warnings.push(`the platform does not attest TPMs (${res.status}: ${message}); this device is enrolled as software although it has a TPM`);
    return undefined;
  }
  if (res.status === 400) throw new AgentError('EDGE_AGENT_ERR_ENROLL_REJECTED', `the platform refused this device's TPM (400): ${message}`);
  if (res.status === 403)
    throw new AgentError('EDGE_AGENT_ERR_ENROLL_REFUSED', `the platform refused the enrollment token (403): ${message}. Ask for a new token.`);
  if (res.status !== 201) throw new AgentError('EDGE_AGENT_ERR_ENROLL_FAILED', `TPM challenge at ${url} failed: HTTP ${res.status}: ${message}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    parsed = undefined;
  }
  const checked = checkTpmChallenge(parsed);
  if (!checked.ok) throw new AgentError('EDGE_AGENT_ERR_ENROLL_FAILED', `malformed TPM challenge from ${url}: ${checked.reason}`);
  return checked.challenge;
}

function platformMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return body.slice(0, 200) || undefined;
  }
}
