// The device-to-platform path, broker-agnostic: the embedded aedes broker (and later an external
// one) hands every device publish to `handle`. Steps, in order:
//   decode → identify → verify signature → dispatch (hello | heartbeat | workstations | status | result)
// A message that fails a step is rejected (a value, counted by RejectCounter) and may be
// acknowledged: resent, it would fail again. handle() throws only when it could not decide, e.g. the
// database did not answer a lookup: the broker then must not acknowledge (published.ts, external.ts).
// Flags are raised after the heartbeat's row is queued and never make handle() fail (flags.ts note).
import { decodeDeviceMessage, deviceKindFromProto, tpmSealQualifyingData, type DecodedMessage, type DeviceMessageKind, type edge } from '@edgenet/proto';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { heartbeats } from '../db/schema/index.js';
import { quoteProblem } from '../attestation/quote.js';
import { declarationHash, mustRecord, recordProfile, storedDeclaration } from './device-profile.js';
import type { DeviceRegistry, KnownDevice } from './device-registry.js';
import { ed25519Verifier, type Ed25519Verifier } from './ed25519.js';
import type { HeartbeatWriter } from './heartbeat-writer.js';
import type { CountingPolicy } from '../certification/policy.js';
import { fileHeartbeat } from './filing.js';
import type { FlagRecorder } from './flags.js';
import { flagReason, virtualMachineReason } from './flag-reasons.js';
import { SkewTracker } from './skew-tracker.js';
import type { HeartbeatRate } from './heartbeat-rate.js';
import type { Presence } from './presence.js';
import type { RejectCounter } from './reject-counter.js';
import { replaceWorkstationMapping, sameMapping } from './workstation-mapping.js';
import { VerifiedRepeats } from './verified-repeats.js';

export interface IngestDeps {
  db: Database;
  log: Logger;
  registry: DeviceRegistry;
  writer: HeartbeatWriter;
  presence: Presence;
  rejects: RejectCounter;
  flags: FlagRecorder;
  policy: Readonly<CountingPolicy>;
  /** Checks each message's Ed25519 signature (ed25519.ts); the fastest that loads here by default. */
  verifier?: Ed25519Verifier;
  /** Heartbeats per second for the dashboard; optional so ingest runs without it. */
  rate?: HeartbeatRate;
  /**
   * Commands to devices (commands/delivery.ts): a hello hands the device what waits for it, a result
   * is recorded against its command. Optional so ingest runs without it.
   */
  commands?: CommandSink;
  /**
   * Several platform instances split the devices' messages (external broker, shared subscription):
   * a device's previous heartbeat may have gone to another instance, so its state is re-read from
   * the database whenever this instance did not see the heartbeat just before.
   */
  shared?: boolean;
}

/** What ingest needs of command delivery (commands/delivery.ts CommandDelivery). */
export interface CommandSink {
  returned(deviceId: string): void;
  result(deviceId: string, result: edge.v1.CommandResult, envelope: edge.v1.Envelope, receivedAt: Date): Promise<'recorded' | 'repeated' | 'unknown_command'>;
}

export type IngestOutcome = 'accepted' | 'rejected';

/** What handle() decided about one message, and when the broker may acknowledge it. */
export interface Handled {
  outcome: IngestOutcome;
  /**
   * Resolves once the message's row is committed (an accepted heartbeat, or a duplicate of one
   * still in the writer's queue), at once for a message that stores no row. A broker acknowledges a
   * QoS 1 message only then, so a killed instance loses nothing: what it had not acknowledged is
   * sent again [MQTT-4.4.0-1]. handle() itself returns once the row is queued, so a device's next
   * message is not held up by this one's commit.
   */
  committed: Promise<void>;
}

/** For a message that stores no row (a hello, a rejected one): nothing to wait for. */
const NOTHING_TO_COMMIT: Promise<void> = Promise.resolve();
const REJECTED: Handled = { outcome: 'rejected', committed: NOTHING_TO_COMMIT };

export class Ingest {
  readonly #d: IngestDeps;
  readonly #skew: SkewTracker;
  readonly #verifier: Ed25519Verifier;
  readonly accepted: Record<DeviceMessageKind, number> = { hello: 0, heartbeat: 0, workstations: 0, status: 0, result: 0 };

  constructor(deps: IngestDeps) {
    this.#d = deps;
    this.#skew = new SkewTracker(deps.policy.clock.skewFlagAfterMs);
    this.#verifier = deps.verifier ?? ed25519Verifier();
  }

  readonly #repeats = new VerifiedRepeats();
  #inFlight = 0;
  #idle: (() => void) | null = null;

  /**
   * Resolves once no message is being handled: on shutdown the platform waits here before its last
   * flush, so a message the broker has taken is stored even when its device is already gone.
   */
  idle(): Promise<void> {
    return this.#inFlight === 0 ? Promise.resolve() : new Promise((resolve) => (this.#idle = resolve));
  }

  async handle(deviceId: string, kind: DeviceMessageKind, payload: Uint8Array, receivedAt = new Date()): Promise<Handled> {
    this.#inFlight += 1;
    try {
      return await this.#handle(deviceId, kind, payload, receivedAt);
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0 && this.#idle) {
        this.#idle();
        this.#idle = null;
      }
    }
  }

  async #handle(deviceId: string, kind: DeviceMessageKind, payload: Uint8Array, receivedAt: Date): Promise<Handled> {
    const decoded = decodeDeviceMessage(kind, payload);
    if (!decoded.ok) return this.#reject('malformed', deviceId, decoded.reason);

    const device = await this.#d.registry.get(deviceId);
    if (!device) return this.#reject('unknown_device', deviceId, 'no such device');
    // A message that was on its way when the device was disabled is neither stored nor counted.
    if (device.status !== 'active') return this.#reject('device_disabled', deviceId, `device is ${device.status}`);

    // A mapping identical to the last one that verified is not verified again (verified-repeats.ts).
    const repeat = kind === 'workstations' && this.#repeats.verifiedBefore(device, payload);
    if (!repeat && !this.#verifier.verify(decoded.envelope.body, decoded.envelope.signature, device.publicKey)) {
      return this.#reject('bad_signature', deviceId, `${kind} signature does not verify with the enrolled key`);
    }
    if (kind === 'workstations' && !repeat) this.#repeats.remember(device, payload);

    const handled = await this.#dispatch(device, decoded, receivedAt, decoded.envelope);
    if (handled.outcome === 'accepted') this.accepted[kind] += 1;
    return handled;
  }

  #reject(reason: Parameters<RejectCounter['reject']>[0], deviceId: string, detail: string): Handled {
    this.#d.rejects.reject(reason, deviceId, detail);
    return REJECTED;
  }

  async #dispatch(device: KnownDevice, m: DecodedMessage, receivedAt: Date, envelope: edge.v1.Envelope): Promise<Handled> {
    const stored = { outcome: 'accepted', committed: NOTHING_TO_COMMIT } as const;
    switch (m.kind) {
      case 'hello':
        await this.#hello(device, m.message, receivedAt);
        // Connected and subscribed (the agent subscribes before its hello): what waits for it goes now.
        this.#d.commands?.returned(device.id);
        return stored;
      case 'heartbeat':
        return this.#heartbeat(device, m.message, receivedAt, envelope);
      case 'workstations':
        // Every reconnect repeats the mapping; only a change is written. Shared, this instance's
        // memory may be stale (another one wrote since): the statement compares with the stored
        // mapping itself, and writes nothing when it is the same.
        if (this.#d.shared || !sameMapping(device.mapping, m.message.workstationCodes, m.message.revision)) {
          device.mapping = await replaceWorkstationMapping(this.#d.db, device, m.message.workstationCodes, m.message.revision, receivedAt);
        }
        return stored;
      case 'status':
        if (!m.message.online) this.#d.presence.disconnected(device.id, 'device status offline');
        return stored;
      case 'result': {
        // The signature was checked above with the device's key: a forged or unsigned result never gets here.
        const outcome = (await this.#d.commands?.result(device.id, m.message, envelope, receivedAt)) ?? 'unknown_command';
        if (outcome === 'unknown_command')
          return this.#reject('unknown_command', device.id, `result for ${JSON.stringify(m.message.commandId.slice(0, 64))}, no command of this device`);
        return stored;
      }
    }
  }

  async #hello(device: KnownDevice, hello: edge.v1.Hello, receivedAt: Date): Promise<void> {
    device.heartbeatIntervalMs = hello.heartbeatIntervalMs;
    // The device clock's offset at (re)connect decides whether its queued heartbeats may be filed
    // under their own time (filing.ts).
    device.helloOffsetMs = hello.deviceTimeMs - receivedAt.getTime();
    const inventory = hello.inventory as edge.v1.HardwareInventory;
    // Every reconnect repeats the hello; only a change is written. Shared, against what is stored
    // (device-profile.ts storedDeclaration): one read instead of trusting a memory others outdate.
    const declared = { profileSha256: declarationHash(hello), helloOffsetMs: device.helloOffsetMs };
    const stored = this.#d.shared ? await storedDeclaration(this.#d.db, device.id) : device.declared;
    if (mustRecord(stored, declared, this.#d.policy.clock.maxSkewMs)) {
      await recordProfile(this.#d.db, device.id, {
        agentVersion: hello.agentVersion,
        kind: deviceKindFromProto(hello.kind) ?? undefined,
        inventory,
        heartbeatIntervalMs: hello.heartbeatIntervalMs,
        helloOffsetMs: device.helloOffsetMs,
        declaredSha256: declared.profileSha256,
      });
      device.declared = declared;
    }
    this.#d.presence.seen(device.id, device.heartbeatIntervalMs, receivedAt.getTime());
    const vm = virtualMachineReason(inventory as unknown as Record<string, unknown>);
    if (vm) {
      this.#d.flags.note(device.id, 'virtual_machine', vm, {
        systemManufacturer: inventory.systemManufacturer,
        systemModel: inventory.systemModel,
        virtual: inventory.virtual,
        virtualHost: inventory.virtualHost,
      });
    }
  }

  async #heartbeat(device: KnownDevice, hb: edge.v1.Heartbeat, receivedAt: Date, envelope: edge.v1.Envelope): Promise<Handled> {
    if (this.#d.shared && hb.seq !== device.lastSeq + 1) await this.#d.registry.refresh(device);
    // seq is strictly increasing for the device's life. One at or below the newest accepted is a
    // QoS 1 redelivery or a replay when it is stored already; if it is not, it is a heartbeat that
    // arrived out of order (another instance, or a session's backlog after a failover) and is kept.
    const late = hb.seq <= device.lastSeq;
    const original = late ? await this.#duplicate(device, hb.seq) : null;
    if (original) {
      this.#d.rejects.reject('duplicate', device.id, `seq ${hb.seq} <= last accepted ${device.lastSeq}`);
      // Redelivery repeats the last few; far behind is someone replaying captured traffic: more than
      // windowSeq behind, as docs/certification.md "Flags" states the boundary.
      if (device.lastSeq - hb.seq > this.#d.policy.replay.windowSeq) {
        this.#d.flags.note(device.id, 'replay', flagReason('replay', { seq: hb.seq, lastSeq: device.lastSeq }), {
          seq: hb.seq,
          lastSeq: device.lastSeq,
          receivedAt: receivedAt.toISOString(),
        });
      }
      return { outcome: 'rejected', committed: original.committed };
    }
    const decision = fileHeartbeat(
      {
        receivedAtMs: receivedAt.getTime(),
        deviceTimeMs: hb.deviceTimeMs,
        clockUntrusted: hb.clockUntrusted,
        helloOffsetMs: device.helloOffsetMs,
        lastFiledMs: device.lastFiledMs,
        enrolledAtMs: device.enrolledAtMs,
      },
      this.#d.policy.clock,
    );
    const skewPersists = this.#skew.observe(device.id, decision.skewMs !== undefined, receivedAt.getTime());
    const inference = hb.inference as edge.v1.InferenceCounters | null;
    const total = inference?.total ?? 0;
    // The counter is cumulative since the agent started; a smaller value means it restarted. A late
    // heartbeat adds nothing: the newer one already counted from an older total.
    const inferenceDelta = late ? 0 : total >= device.lastInferenceTotal ? total - device.lastInferenceTotal : total;
    // The hash chain (docs/evidence.md): an empty prev_hash (re)starts it; otherwise it must name the
    // body accepted just before. A break is recorded on the row, not refused: a queue that dropped
    // messages breaks it honestly, and the evidence shows where.
    const body = Buffer.from(envelope.body);
    const signature = Buffer.from(envelope.signature);
    const prevHash = hb.prevHash.length > 0 ? Buffer.from(hb.prevHash) : null;
    // A late one's predecessor is not what this instance holds: its link is left for the verifier.
    const chainOk = prevHash === null || late ? null : device.lastBodyHash !== null && prevHash.equals(device.lastBodyHash);
    if (!late) {
      device.lastBodyHash = createHash('sha256').update(body).digest();
      device.lastSeq = hb.seq;
      device.lastInferenceTotal = total;
    }
    device.lastFiledMs = Math.max(device.lastFiledMs, decision.filedAtMs);
    this.#d.presence.seen(device.id, device.heartbeatIntervalMs, receivedAt.getTime());
    let onCommitted!: () => void;
    const committed = new Promise<void>((resolve) => (onCommitted = resolve));
    await this.#d.writer.enqueue(
      {
        deviceId: device.id,
        seq: hb.seq,
        receivedAt,
        filedAt: new Date(decision.filedAtMs),
        inferenceDelta,
        filing: decision.filing,
        chainOk,
        // The signed body is the record: every figure the device reported (and the queue counters,
        // agent/README.md "Store-and-forward") is decoded from it on read, with its signature
        // beside it so the row verifies on its own (db/schema/heartbeats.ts).
        keyId: device.keyId,
        body,
        signature,
        // Not stored: the commit latency is measured from it (heartbeat-writer.ts).
        deviceTime: new Date(hb.deviceTimeMs),
      },
      { signature, keyId: device.keyId, tpmSealed: this.#sealed(device, hb, prevHash) },
      onCommitted,
    );
    this.#d.rate?.note(device.enterpriseId);
    // Only now, with the row queued: a flag is evidence beside the heartbeat, never in its way.
    if (skewPersists && decision.skewMs !== undefined) this.#flagSkew(device, decision.skewMs, receivedAt, `heartbeat seq ${hb.seq}`);
    return { outcome: 'accepted', committed };
  }

  /**
   * Whether the heartbeat carries a TPM seal of its device's AK over its prev_hash (docs/tpm.md
   * "Sealed days"). A bad seal does not refuse the heartbeat, which the device key signed: it only
   * leaves the heartbeat unsealed, and is logged, since a `tpm` device's software should never make one.
   */
  #sealed(device: KnownDevice, hb: edge.v1.Heartbeat, prevHash: Buffer | null): boolean {
    const seal = hb.tpmSeal as edge.v1.TpmSeal | null | undefined;
    if (!seal) return false;
    const problem =
      device.ak === null
        ? 'the device has no attestation key'
        : prevHash === null
          ? 'the heartbeat restarts its chain (no prev_hash to seal)'
          : quoteProblem(device.ak, Buffer.from(seal.quote), Buffer.from(seal.signature), tpmSealQualifyingData(device.id, prevHash));
    if (problem) this.#d.log.warn({ deviceId: device.id, seq: hb.seq, problem }, 'TPM seal does not verify; heartbeat kept unsealed');
    return problem === null;
  }

  /**
   * Whether a heartbeat at or below the last accepted seq is one already taken. Still in the
   * writer's queue, its resend is a duplicate that may be acknowledged only with the original's
   * commit (the promise returned); otherwise it must be found in the database. Even the last
   * accepted seq is looked up: acknowledging its resend unseen would answer "stored" for a row a
   * killed platform never wrote. A lookup the database cannot answer throws (not acknowledged).
   * Null: not taken before.
   */
  async #duplicate(device: KnownDevice, seq: number): Promise<{ committed: Promise<void> } | null> {
    const held = this.#d.writer.committed(device.id, seq);
    if (held) return { committed: held };
    const [row] = await this.#d.db
      .select({ seq: heartbeats.seq })
      .from(heartbeats)
      .where(and(eq(heartbeats.deviceId, device.id), eq(heartbeats.seq, seq)))
      .limit(1);
    return row === undefined ? null : { committed: NOTHING_TO_COMMIT };
  }

  #flagSkew(device: KnownDevice, skewMs: number, receivedAt: Date, seenIn: string): void {
    const minutes = Math.round(skewMs / 60_000);
    const since = this.#skew.since(device.id);
    this.#d.flags.note(device.id, 'clock_skew', flagReason(skewMs > 0 ? 'clock_ahead' : 'clock_behind', { minutes: Math.abs(minutes) }), {
      skewMs,
      seenIn,
      receivedAt: receivedAt.toISOString(),
      maxSkewMs: this.#d.policy.clock.maxSkewMs,
      skewedSince: since === null ? null : new Date(since).toISOString(),
      skewFlagAfterMs: this.#d.policy.clock.skewFlagAfterMs,
    });
  }
}
