// How long an account is locked after consecutive failed sign-ins: free tries first, then a
// doubling wait (NIST SP 800-63B §5.2.2 asks a limit of at most 100 failures; this one slows an
// online guesser to a few dozen tries a day per account). A good password during the lock is not
// even checked: the lock is what stops the guessing. Pure, so a test judges it by an injected clock.
export const FREE_FAILURES = 5; // failures before the first lock
export const FIRST_LOCK_MS = 60_000; // 1 min after the 5th failure
export const MAX_LOCK_MS = 3_600_000; // 1 h: the wait stops doubling here

/** The lock after `failures` consecutive failures, in milliseconds (0: not locked). */
export function lockoutMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES));
}
