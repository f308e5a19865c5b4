// Sealing the heartbeat chain with the TPM (docs/tpm.md "Sealed days"). A `tpm` device's days must
// rest on a signature only its chip can make, not only on the Ed25519 key on its disk, which a copy
// of the disk carries to any machine. About once an hour, and on the first heartbeat of each counting
// day, the agent has its attestation key quote the chain's head: the quote's qualifying data binds
// the device id and the hash of the heartbeat just made, and the quote rides in the next heartbeat,
// whose prev_hash is that hash. A quote takes a few process runs and, on a slow chip, seconds: it is
// made in the background and used only if it still names the chain's head when the next heartbeat
// is made; otherwise it is dropped and made again.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tpmSealQualifyingData } from '@edgenet/proto';
import { readJsonFile, writeJsonFile } from './durable-file.js';
import type { Logger } from './log.js';
import { STATE_FILES } from './state-files.js';
import { TpmSession, type StoredAk } from './tpm.js';

/** The counting calendar's day (Asia/Shanghai, UTC+8 with no daylight saving since 1991) of an instant. */
const countingDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
/** After a failed quote, the next try: soon, but not on every heartbeat of a TPM that is gone. */
const RETRY_AFTER_FAILURE_MS = 5 * 60_000; // 5 min

export interface TpmSeal {
  quote: Buffer;
  signature: Buffer;
}

export interface TpmSealerOptions {
  tcti: string;
  ak: StoredAk;
  deviceId: string;
  /** How often the chain is sealed at the least (EDGE_AGENT_TPM_SEAL_INTERVAL_MS). */
  intervalMs: number;
  log: Logger;
}

export class TpmSealer {
  readonly #o: TpmSealerOptions;
  #ready: { prevHash: Buffer; seal: TpmSeal } | null = null;
  #inFlight = false;
  #lastSealedMs: number | null = null;
  #nextTryMs = 0;
  #failing = false;
  /** Seals put into heartbeats since start (status and tests). */
  sealed = 0;

  constructor(options: TpmSealerOptions) {
    this.#o = options;
  }

  /** The seal for the heartbeat whose prev_hash is `prevHash`, when one made over that head is ready. */
  take(prevHash: Uint8Array, nowMs: number): TpmSeal | undefined {
    const ready = this.#ready;
    if (!ready || prevHash.length === 0 || !ready.prevHash.equals(prevHash)) return undefined;
    this.#ready = null;
    this.#lastSealedMs = nowMs;
    this.sealed += 1;
    return ready.seal;
  }

  /** After a heartbeat whose body hashes to `link` was queued: quote it when a seal is due. */
  afterHeartbeat(link: Buffer, nowMs: number): void {
    this.#ready = null; // a seal over an older head can no longer be used
    if (this.#inFlight || nowMs < this.#nextTryMs || !this.#due(nowMs)) return;
    this.#inFlight = true;
    quoteWithStoredAk(this.#o.tcti, this.#o.ak, tpmSealQualifyingData(this.#o.deviceId, link))
      .then((seal) => {
        this.#ready = { prevHash: link, seal };
        if (this.#failing) this.#o.log.info('the TPM quotes again: heartbeats are sealed');
        this.#failing = false;
      })
      .catch((err: unknown) => {
        this.#nextTryMs = nowMs + RETRY_AFTER_FAILURE_MS;
        if (!this.#failing) this.#o.log.warn({ err }, 'cannot seal the heartbeat chain with the TPM; the days go unsealed until it can');
        this.#failing = true;
      })
      .finally(() => {
        this.#inFlight = false;
      });
  }

  #due(nowMs: number): boolean {
    const last = this.#lastSealedMs;
    return last === null || nowMs - last >= this.#o.intervalMs || countingDay(nowMs) !== countingDay(last);
  }
}

async function quoteWithStoredAk(tcti: string, ak: StoredAk, qualifyingData: Buffer): Promise<TpmSeal> {
  const session = TpmSession.open(tcti);
  try {
    await session.loadAk(ak);
    return await session.quote(qualifyingData);
  } finally {
    session.close();
  }
}

/** Keeps the AK of a `tpm` enrollment in the state directory (0600), or removes an earlier one. */
export function saveStoredAk(stateDir: string, ak: StoredAk | undefined): void {
  const path = join(stateDir, STATE_FILES.tpmAk);
  if (ak) writeJsonFile(path, { public: ak.public.toString('base64'), private: ak.private.toString('base64') }, 0o600);
  else rmSync(path, { force: true });
}

/** The AK kept at enrollment; undefined when there is none (a `software` enrollment, or an older one). */
export function readStoredAk(stateDir: string): StoredAk | undefined {
  const path = join(stateDir, STATE_FILES.tpmAk);
  if (!existsSync(path)) return undefined;
  const raw = readJsonFile(path) as { public?: unknown; private?: unknown } | null;
  if (!raw || typeof raw.public !== 'string' || typeof raw.private !== 'string') return undefined;
  return { public: Buffer.from(raw.public, 'base64'), private: Buffer.from(raw.private, 'base64') };
}
