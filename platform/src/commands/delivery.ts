// Gets commands to devices and their signed results back (docs/commands.md). Steps per device:
//   read the open commands → expire each past its deadline → publish the others, oldest first →
//   mark each delivered
// It runs when a command is sent to a connected device, and when a device returns (its hello): a
// device offline when the command was sent gets it then, unless it expired meanwhile. A command
// delivered whose result never came (the connection dropped) is sent again on return: every action
// is idempotent on the device, so a repeat is harmless.
import { edge } from '@edgenet/proto';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { devices } from '../db/schema/index.js';
import { commandById, expireCommand, openCommands, transition, type CommandState } from './ledger.js';
import type { OpenCommandDevices } from './open-devices.js';
import { commandPayload } from './wire.js';

/** Hands a command to the broker for this device; false when the device is not connected there. */
export type PublishCommand = (deviceId: string, payload: Buffer) => Promise<boolean>;

export interface CommandDeliveryDeps {
  db: Database;
  log: Logger;
  /** The platform's clock: deadlines are judged by it (injected in tests). */
  clock: () => Date;
  publish: PublishCommand;
  /**
   * Whether `publish` can tell a device that is not connected. The embedded broker can (it holds
   * the sessions); an external broker acknowledges a publish whether anyone listens or not, so
   * there the database's presence decides first.
   */
  publishKnowsConnections: boolean;
  /** A command waits for a device this process does not hold the session of (a cluster's other worker). */
  notHere?: (deviceId: string) => void;
  /**
   * The devices that may have a command open, when this process alone sends commands and holds
   * every session (open-devices.ts): a returning device not in it has nothing waiting, unread.
   * Absent: every return reads the ledger.
   */
  open?: OpenCommandDevices;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ResultOutcome = 'recorded' | 'repeated' | 'unknown_command';

/** A result may land on any state but a result's own: the device's signature says what it did. */
const AWAITING_RESULT: readonly CommandState[] = ['queued', 'delivered', 'expired', 'cancelled'];

export class CommandDelivery {
  readonly #d: CommandDeliveryDeps;
  /** Per device, the delivery running: a send and a hello at once do not interleave their publishes. */
  readonly #running = new Map<string, Promise<void>>();

  constructor(deps: CommandDeliveryDeps) {
    this.#d = deps;
  }

  /** A command for the device is about to be inserted: its next return must read the ledger. */
  opening(deviceId: string): void {
    this.#d.open?.add(deviceId);
  }

  /** After a send: delivers now if the device is connected; otherwise it waits for its return. */
  async sendNow(deviceId: string): Promise<void> {
    if (!this.#d.publishKnowsConnections) {
      const [row] = await this.#d.db.select({ online: devices.online }).from(devices).where(eq(devices.id, deviceId));
      if (!row?.online) return;
    }
    await this.deliver(deviceId, false);
  }

  /** The device said hello: it is connected and subscribed to its command topic. Never throws. */
  returned(deviceId: string): void {
    if (this.#d.open && this.#d.open.mark(deviceId) === undefined) return;
    this.deliver(deviceId, true).catch((err: unknown) =>
      this.#d.log.warn({ err, deviceId }, 'cannot deliver commands to a returning device; next return retries'),
    );
  }

  /** Another worker of the cluster had a command sent for a device whose session is here. Never throws. */
  sendWaiting(deviceId: string): void {
    this.deliver(deviceId, false).catch((err: unknown) =>
      this.#d.log.warn({ err, deviceId }, 'cannot deliver a command sent through another worker; the next return retries'),
    );
  }

  /** `again`: also what was delivered without a result (the device returned: it may have lost it). */
  deliver(deviceId: string, again: boolean): Promise<void> {
    const previous = this.#running.get(deviceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.#deliver(deviceId, again));
    this.#running.set(deviceId, next);
    void next
      .finally(() => {
        if (this.#running.get(deviceId) === next) this.#running.delete(deviceId);
      })
      .catch(() => undefined);
    return next;
  }

  async #deliver(deviceId: string, again: boolean): Promise<void> {
    const { db, clock, publish, log } = this.#d;
    // One read per delivery (every hello runs one): the open commands, those past their deadline
    // expired on the way rather than by a query of their own.
    const startedAt = clock();
    const mark = this.#d.open?.mark(deviceId);
    let stillOpen = 0;
    for (const command of await openCommands(db, deviceId)) {
      if (command.deadlineAt <= startedAt) {
        await expireCommand(db, command, startedAt);
        continue;
      }
      stillOpen += 1;
      if (command.state !== 'queued' && !again) continue;
      if (!(await publish(deviceId, commandPayload(command)))) {
        // Not connected here: the worker that holds it is asked (a cluster), else it waits for its return.
        if (!again) this.#d.notHere?.(deviceId);
        return;
      }
      const now = clock();
      if (command.state === 'queued') await transition(db, command.id, ['queued'], 'delivered', now, null, { deliveredAt: now });
      log.info({ deviceId, commandId: command.id, kind: command.kind, again: command.state !== 'queued' }, 'command sent to the device');
    }
    // Nothing queued nor awaiting a result: the device's returns read nothing until its next command.
    if (stillOpen === 0) this.#d.open?.noneOpen(deviceId, mark);
  }

  /**
   * Records a result whose Envelope ingest has verified with the device's key: the body and
   * signature are kept as they came, so the result can be checked again without the platform.
   */
  async result(deviceId: string, result: edge.v1.CommandResult, envelope: edge.v1.Envelope, receivedAt: Date): Promise<ResultOutcome> {
    const { db, log } = this.#d;
    if (!UUID.test(result.commandId)) return 'unknown_command'; // the platform names its commands by uuid
    const command = await commandById(db, result.commandId);
    if (!command || command.deviceId !== deviceId) return 'unknown_command';
    if (command.state === 'done' || command.state === 'failed') return 'repeated';
    // A result can be handled before the delivery that carried it is recorded: deliver() writes
    // 'delivered' after the broker took the command, and a fast device answers in between. It was
    // delivered, so the history says so first; whichever of the two writes it first, it is written once.
    if (command.state === 'queued') await transition(db, command.id, ['queued'], 'delivered', receivedAt, null, { deliveredAt: receivedAt });
    const done = result.outcome === edge.v1.CommandOutcome.COMMAND_DONE;
    const mapping = result.workstations as edge.v1.WorkstationMapping | null | undefined;
    const moved = await transition(db, command.id, AWAITING_RESULT, done ? 'done' : 'failed', receivedAt, result.detail || null, {
      finishedAt: receivedAt,
      resultDetail: result.detail,
      resultMapping: mapping ? { codes: [...mapping.workstationCodes], revision: mapping.revision } : null,
      resultBody: Buffer.from(envelope.body).toString('base64'),
      resultSignature: Buffer.from(envelope.signature).toString('base64'),
      resultReceivedAt: receivedAt,
    });
    if (moved) log.info({ deviceId, commandId: command.id, outcome: done ? 'done' : 'failed', detail: result.detail }, 'command result');
    return moved ? 'recorded' : 'repeated';
  }
}
