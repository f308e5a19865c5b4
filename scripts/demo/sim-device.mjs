// One simulated device for the demo: a real mqtt.js connection speaking edge.v1 exactly as
// the agent does (agent/README.md "For the platform"): Hello, WorkstationMapping, the queued
// backlog in seq order with its original device times, then a Heartbeat every interval. Every
// message is an Envelope signed with the device's own Ed25519 key; each heartbeat names the
// SHA-256 of the previous heartbeat body (prev_hash, docs/evidence.md).
import mqtt from 'mqtt';
import { chainLink, deviceTopic, edge, encodeHeartbeat, sealedPayload } from '@edgenet/proto';

const MODEL_SHA256 = '9ca02b28523d6640e7fd60102d732af296f4752b0be44701aecd8d63da10dc08'; // agent/models/surface-defect-v1.onnx
const KIND = { compute_box: edge.v1.DeviceKind.COMPUTE_BOX, industrial_pc: edge.v1.DeviceKind.INDUSTRIAL_PC, server: edge.v1.DeviceKind.SERVER };

export class SimDevice {
  /**
   * @param {object} d deviceId, password, privateKey, fingerprint, kind, workstations, inventory, intervalMs,
   *   mqttUrl, rand (seeded PRNG), onlineAt(ms) → whether the device was up at that past instant (history).
   */
  constructor(d) {
    Object.assign(this, d);
    this.seq = 0;
    this.prevHash = null;
    this.inferences = 0;
    this.client = null;
    this.timer = null;
    this.stopped = false;
    this.bootMs = Date.now() - Math.floor(this.rand() * 30 * 86_400_000);
    this.baseCpu = 10 + this.rand() * 50;
    this.baseTemp = 45 + this.rand() * 15;
    this.p50 = 2 + this.rand() * 10;
  }

  async connect() {
    this.client = await mqtt.connectAsync(this.mqttUrl, {
      clientId: this.deviceId,
      username: this.deviceId,
      password: this.password,
      protocolVersion: 4,
      reconnectPeriod: 0,
      keepalive: 30,
      clean: true,
      will: {
        topic: deviceTopic(this.deviceId, 'status'),
        payload: sealedPayload(edge.v1.Status.encode({ online: false, deviceTimeMs: Date.now() }).finish(), this.privateKey),
        qos: 1,
        retain: false,
      },
    });
    this.client.on('error', () => undefined);
    await this.#publish(
      'hello',
      edge.v1.Hello.encode({
        agentVersion: 'demo-sim 0.1',
        kind: KIND[this.kind],
        fingerprint: this.fingerprint,
        heartbeatIntervalMs: this.intervalMs,
        deviceTimeMs: Date.now(),
        inventory: this.inventory,
      }).finish(),
    );
    await this.#publish('workstations', edge.v1.WorkstationMapping.encode({ workstationCodes: this.workstations, revision: 1 }).finish());
  }

  /** Heartbeats for the past `hours`, one per 5-minute bucket the device was up, paced per second. */
  async backlog(hours, perSecond, untilMs = Date.now() - 5 * 60_000) {
    const stepMs = 5 * 60_000;
    const from = Math.ceil((Date.now() - hours * 3_600_000) / stepMs) * stepMs;
    for (let at = from; at < untilMs && !this.stopped; at += stepMs) {
      if (!this.onlineAt(at)) continue;
      await this.heartbeat(at + Math.floor(this.rand() * 60_000));
      await new Promise((r) => setTimeout(r, 1000 / perSecond));
    }
  }

  /** Live heartbeats every interval with ±10% jitter, until stop() or disconnect(). */
  live() {
    const next = () => {
      this.timer = setTimeout(
        async () => {
          if (this.stopped || !this.client?.connected) return;
          await this.heartbeat(Date.now()).catch(() => undefined);
          next();
        },
        this.intervalMs * (0.9 + this.rand() * 0.2),
      );
    };
    next();
  }

  async heartbeat(deviceTimeMs) {
    this.seq += 1;
    const rate = 5 + this.rand() * 10; // inferences per second on this box
    this.inferences += Math.floor(rate * (this.intervalMs / 1000));
    const t = deviceTimeMs / 3_600_000;
    const wave = Math.sin((t / 24) * 2 * Math.PI); // a daily load curve
    const body = encodeHeartbeat({
      seq: this.seq,
      deviceTimeMs,
      uptimeS: Math.max(1, Math.floor((deviceTimeMs - this.bootMs) / 1000)),
      cpuPercent: clamp(this.baseCpu + 20 * wave + (this.rand() - 0.5) * 10, 1, 100),
      memoryUsedBytes: Math.floor(this.inventory.memoryBytes * (0.35 + 0.1 * wave + this.rand() * 0.05)),
      memoryTotalBytes: this.inventory.memoryBytes,
      diskUsedBytes: 80e9 + this.seq * 1e5,
      diskTotalBytes: 512e9,
      temperatureC: this.baseTemp + 8 * wave + this.rand() * 2,
      inference: {
        total: this.inferences,
        errors: 0,
        models: this.workstations.slice(0, 2).map((code, i) => ({
          name: 'surface-defect',
          sha256: MODEL_SHA256,
          count: Math.floor(this.inferences / 2),
          errors: 0,
          workstationCode: code,
          loaded: true,
          p50Ms: this.p50 * (1 + 0.1 * i) * (1 + 0.15 * wave + this.rand() * 0.05),
          p99Ms: this.p50 * 2.6 * (1 + 0.1 * i) * (1 + 0.2 * wave + this.rand() * 0.2),
        })),
      },
      prevHash: this.prevHash ?? undefined,
    });
    this.prevHash = chainLink(body);
    await this.#publish('heartbeat', body);
  }

  /** Drops the connection without a goodbye (a cable pulled): the platform sees the socket close. */
  async drop() {
    clearTimeout(this.timer);
    await this.client?.endAsync(true).catch(() => undefined);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.client?.connected) {
      await this.#publish('status', edge.v1.Status.encode({ online: false, deviceTimeMs: Date.now() }).finish()).catch(() => undefined);
      await this.client.endAsync().catch(() => undefined);
    }
  }

  #publish(kind, body) {
    return this.client.publishAsync(deviceTopic(this.deviceId, kind), sealedPayload(body, this.privateKey), { qos: 1 });
  }
}

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
