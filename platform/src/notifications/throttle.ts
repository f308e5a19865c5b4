// Throttling (docs/alarms.md): a flapping device must not flood a channel. The rule, per channel:
//   an alarm is sent unless the same channel was sent (or is still trying to send) an alarm of the
//   same kind about the same subject raised less than `windowMinutes` before this one;
//   a throttled alarm is logged as a delivery in state `throttled`, never sent later.
// The alarm is itself raised only after the threshold (a device silent 30 min), so a box that drops
// for a minute raises nothing; one that goes silent for 30 min every 40 min is told once an hour.
export interface EarlierDelivery {
  /** When the earlier alarm of the same kind and subject was raised. */
  raisedAt: Date;
}

export function throttled(earlier: readonly EarlierDelivery[], raisedAt: Date, windowMinutes: number): boolean {
  if (windowMinutes === 0) return false;
  const windowMs = windowMinutes * 60_000;
  return earlier.some((e) => raisedAt.getTime() - e.raisedAt.getTime() < windowMs);
}
