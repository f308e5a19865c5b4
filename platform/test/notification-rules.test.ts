// The pure rules of notifications (docs/alarms.md): the throttle's window, the retry backoff, and
// DingTalk's 加签 against a signature computed by hand from its documented recipe.
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../src/notifications/dispatcher.js';
import { dingtalkSign, webhookSignature } from '../src/notifications/formats.js';
import { throttled } from '../src/notifications/throttle.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 1, minutes));

describe('throttle', () => {
  it('holds back a repeat within the window and lets one through after it', () => {
    expect(throttled([], at(0), 60)).toBe(false);
    expect(throttled([{ raisedAt: at(0) }], at(59), 60)).toBe(true);
    expect(throttled([{ raisedAt: at(0) }], at(60), 60)).toBe(false);
    expect(throttled([{ raisedAt: at(0) }, { raisedAt: at(70) }], at(100), 60)).toBe(true);
    expect(throttled([{ raisedAt: at(0) }], at(1), 0)).toBe(false); // 0: off
  });
});

describe('backoff', () => {
  it('doubles from the base and stops at an hour', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(20, 30_000)).toBe(3_600_000);
  });
});

describe('signatures', () => {
  it('signs the webhook over "timestamp.body" and DingTalk over "timestamp\\nsecret"', () => {
    // Fixed vectors, computed once with openssl rather than by the code under test:
    //   printf '1764662400.{"a":1}' | openssl dgst -sha256 -hmac s3cret
    expect(webhookSignature('s3cret', '1764662400', '{"a":1}')).toBe('sha256=b3a4583c1cc3646481e1ce9ea62b6980909d300c5574d25b9344d4e92e8a3f57');
    //   printf '1764662400000\nSECabc' | openssl dgst -sha256 -hmac SECabc -binary | base64
    expect(dingtalkSign('SECabc', 1764662400000)).toBe('OknjjT3nm0dFr/jkxUDkF02/8a28stp19SnNrsQRIAE=');
  });
});
