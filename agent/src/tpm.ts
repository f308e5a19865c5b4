// The device's TPM 2.0, through tpm2-tools (Debian's `tpm2-tools`, each tool a process): the
// endorsement key and its certificate, an attestation key made under the endorsement hierarchy, the
// activation of the platform's credential, and a quote (docs/tpm.md). The tools speak to the TPM
// through a TCTI: the kernel's resource manager (/dev/tpmrm0) on a real box, a software TPM in tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AgentError } from './errors.js';

const run = promisify(execFile);

/** NV index of the RSA-2048 EK certificate (TCG EK Credential Profile 2.0 §2.2.1.4). */
const RSA_EK_CERT_INDEX = '0x01c00002';
const TOOL_TIMEOUT_MS = 60_000; // 60 s: an RSA key made in a slow TPM takes seconds

/** Where the agent found a TPM, or why it has none (shown by `edge-agent doctor`). */
export type TpmPresence = { present: true; tcti: string } | { present: false; reason: string };

/** The public parts a TPM enrollment starts with. */
export interface TpmEndorsement {
  /** The EK certificate (DER) as the manufacturer wrote it into NV. */
  ekCertificate: Buffer;
  /** The attestation key's TPM2B_PUBLIC. */
  akPublic: Buffer;
  /** The AK's private part as TPM2B_PRIVATE, wrapped by the EK: loadable only into this TPM. */
  akPrivate: Buffer;
}

/** The AK a `tpm` device keeps in its state directory to seal its chain (tpm-sealer.ts). */
export interface StoredAk {
  public: Buffer;
  private: Buffer;
}

/**
 * One enrollment's conversation with the TPM. The EK and AK contexts live in a private folder for
 * the enrollment's minutes and are removed by close(); the keys themselves never leave the TPM.
 */
export class TpmSession {
  readonly #tcti: string;
  readonly #dir: string;

  private constructor(tcti: string) {
    this.#tcti = tcti;
    this.#dir = mkdtempSync(join(tmpdir(), 'edge-agent-tpm-'));
  }

  static open(tcti: string): TpmSession {
    return new TpmSession(tcti);
  }

  /** Reads the EK certificate, recreates the EK from its template, and makes an AK under it. */
  async endorse(): Promise<TpmEndorsement> {
    const certFile = this.#path('ek.crt');
    await this.#tool('tpm2_nvread', ['-C', 'o', '-o', certFile, RSA_EK_CERT_INDEX], `read the EK certificate at NV ${RSA_EK_CERT_INDEX}`);
    // The EK from the TCG default template (RSA-2048): the same key every time, the one certified.
    await this.#tool('tpm2_createek', ['-c', this.#path('ek.ctx'), '-G', 'rsa', '-u', this.#path('ek.pub')], 'create the EK');
    await this.#flushTransient();
    // A restricted RSASSA/SHA-256 signing key whose private part the TPM keeps (fixedTPM).
    await this.#tool(
      'tpm2_createak',
      [
        '-C',
        this.#path('ek.ctx'),
        '-c',
        this.#path('ak.ctx'),
        '-G',
        'rsa',
        '-g',
        'sha256',
        '-s',
        'rsassa',
        '-u',
        this.#path('ak.pub'),
        '-r',
        this.#path('ak.priv'),
      ],
      'create the attestation key',
    );
    await this.#flushTransient();
    return { ekCertificate: readFileSync(certFile), akPublic: readFileSync(this.#path('ak.pub')), akPrivate: readFileSync(this.#path('ak.priv')) };
  }

  /**
   * Loads the AK made at enrollment back into the TPM, under the EK recreated from its template. The
   * EK is a restricted decryption key usable only under PolicySecret(endorsement), as in activate().
   * Afterwards quote() signs with it.
   */
  async loadAk(ak: StoredAk): Promise<void> {
    const session = this.#path('session.ctx');
    writeFileSync(this.#path('ak.pub'), ak.public);
    writeFileSync(this.#path('ak.priv'), ak.private);
    await this.#tool('tpm2_createek', ['-c', this.#path('ek.ctx'), '-G', 'rsa'], 'create the EK');
    await this.#flushTransient();
    await this.#tool('tpm2_startauthsession', ['--policy-session', '-S', session], 'start a policy session');
    try {
      await this.#tool('tpm2_policysecret', ['-S', session, '-c', 'e'], 'satisfy the EK policy');
      await this.#tool(
        'tpm2_load',
        ['-C', this.#path('ek.ctx'), '-P', `session:${session}`, '-u', this.#path('ak.pub'), '-r', this.#path('ak.priv'), '-c', this.#path('ak.ctx')],
        'load the attestation key',
      );
    } finally {
      await this.#tool('tpm2_flushcontext', [session], 'close the policy session').catch(() => undefined);
      await this.#flushTransient();
    }
  }

  /**
   * TPM2_ActivateCredential: the TPM unwraps the platform's secret only if it holds the EK's private
   * key and the AK the credential names. The EK is usable only under a policy session that has
   * passed PolicySecret(endorsement) (EK Credential Profile §B.6).
   */
  async activate(credential: Buffer): Promise<Buffer> {
    const session = this.#path('session.ctx');
    const secret = this.#path('secret.bin');
    writeFileSync(this.#path('credential.bin'), credential);
    await this.#tool('tpm2_startauthsession', ['--policy-session', '-S', session], 'start a policy session');
    try {
      await this.#tool('tpm2_policysecret', ['-S', session, '-c', 'e'], 'satisfy the EK policy');
      await this.#tool(
        'tpm2_activatecredential',
        ['-c', this.#path('ak.ctx'), '-C', this.#path('ek.ctx'), '-i', this.#path('credential.bin'), '-o', secret, '-P', `session:${session}`],
        "activate the platform's credential",
      );
    } finally {
      await this.#tool('tpm2_flushcontext', [session], 'close the policy session').catch(() => undefined);
      await this.#flushTransient();
    }
    return readFileSync(secret);
  }

  /** TPM2_Quote of PCR 0 (SHA-256) by the AK with `qualifyingData` as extraData; the raw signature. */
  async quote(qualifyingData: Buffer): Promise<{ quote: Buffer; signature: Buffer }> {
    const message = this.#path('quote.msg');
    const signature = this.#path('quote.sig');
    await this.#tool(
      'tpm2_quote',
      [
        '-c',
        this.#path('ak.ctx'),
        '-l',
        'sha256:0',
        '-q',
        qualifyingData.toString('hex'),
        '-m',
        message,
        '-s',
        signature,
        '-f',
        'plain',
        '-g',
        'sha256',
        '-o',
        this.#path('pcrs.bin'),
      ],
      'quote',
    );
    await this.#flushTransient();
    return { quote: readFileSync(message), signature: readFileSync(signature) };
  }

  close(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #path(name: string): string {
    return join(this.#dir, name);
  }

  /** Without a resource manager (a TCTI straight to the TPM) loaded objects stay and fill its few slots. */
  async #flushTransient(): Promise<void> {
    await this.#tool('tpm2_flushcontext', ['-t'], 'flush transient objects');
  }

  async #tool(tool: string, args: string[], what: string): Promise<void> {
    try {
      await run(tool, ['-T', this.#tcti, ...args], { timeout: TOOL_TIMEOUT_MS, env: { ...process.env, TSS2_LOG: 'all+none' } });
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      const detail =
        e.code === 'ENOENT' ? `${tool} is not installed (apt-get install tpm2-tools)` : (e.stderr ?? e.message).trim().split('\n').slice(-3).join('; ');
      throw new AgentError('EDGE_AGENT_ERR_TPM', `cannot ${what} with the TPM at ${this.#tcti}: ${detail}`, { cause: err });
    }
  }
}
