// Values both sides must agree on that are not topics or message sizes.

/** Device ids are lower-case UUIDs (RFC 9562 §4 text form), as the platform issues them. */
export const DEVICE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID_PATTERN.test(value);
}

/** Heartbeat interval a device may run at and the platform may set: 1 s to 1 h. */
export const HEARTBEAT_INTERVAL_BOUNDS = Object.freeze({ minMs: 1_000, maxMs: 3_600_000 });

export function isHeartbeatInterval(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= HEARTBEAT_INTERVAL_BOUNDS.minMs && value <= HEARTBEAT_INTERVAL_BOUNDS.maxMs;
}
