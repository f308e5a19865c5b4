// doctor speaks the language of the person at the box: Chinese under any zh locale, English under
// C, POSIX, en_* or none, chosen as POSIX does (LC_ALL, then LC_MESSAGES, then LANG). Codes, paths
// and URLs stay as they are in both languages.
import { describe, expect, it } from 'vitest';
import { localTime } from '../src/doctor-causes.js';
import { runDoctor } from '../src/doctor.js';
import { DOCTOR_MESSAGES, messageLocale } from '../src/doctor-messages.js';
import { tempDir } from './helpers/state-dir.js';

describe('messageLocale', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_TW.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh' }, 'zh-CN'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LANG: 'POSIX' }, 'en'],
    [{}, 'en'],
    [{ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LC_ALL: 'C', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{ LC_ALL: '', LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zhx_YY' }, 'en'],
  ] as const)('%o → %s', (env, locale) => {
    expect(messageLocale(env)).toBe(locale);
  });
});

describe('doctor in Chinese and English', () => {
  it('says the device is not enrolled in the locale of the environment', async () => {
    const dir = tempDir('edge-agent-doctor-locale-');
    const [zh] = await runDoctor(dir, { LANG: 'zh_CN.UTF-8' }, null);
    expect(zh).toMatchObject({ name: 'settings', status: 'fail' });
    expect(zh!.message).toContain('本设备尚未注册');
    expect(zh!.message).toContain(dir);
    expect(zh!.message).toContain('edge-agent enroll --platform URL --token TOKEN');
    const [en] = await runDoctor(dir, { LANG: 'C.UTF-8' }, null);
    expect(en!.message).toMatch(/^This device is not enrolled/);
  });

  it('names the clock, not the token, for a certificate not yet valid, and keeps the code in both', () => {
    const at = Date.UTC(2026, 0, 5, 4, 0, 0);
    const zh = DOCTOR_MESSAGES['zh-CN'].clockCert('CERT_NOT_YET_VALID', 'https://platform.example:8080', at);
    expect(zh).toContain('早于平台证书的生效日期');
    expect(zh).toContain('CERT_NOT_YET_VALID');
    expect(zh).toContain('无需新的令牌');
    expect(DOCTOR_MESSAGES.en.clockCert('CERT_HAS_EXPIRED', 'https://platform.example:8080', at)).toContain('no new token is needed');
  });

  it('gives the clock offset with its sign the way people read it: ahead is +', () => {
    expect(DOCTOR_MESSAGES['zh-CN'].clockOk(-90_000, 300)).toContain('比平台快 90 秒（+90 s）');
    expect(DOCTOR_MESSAGES['zh-CN'].clockOk(90_000, 300)).toContain('比平台慢 90 秒（-90 s）');
    expect(DOCTOR_MESSAGES.en.clockOk(-90_000, 300)).toBe("The device clock is +90 s (ahead of the platform's), within the 300 s allowed.");
  });

  it('says why the clock is distrusted in Chinese too, with the reading in local time and its zone', () => {
    const zh = DOCTOR_MESSAGES['zh-CN'];
    const reset = Date.UTC(1970, 0, 1, 0, 3, 0);
    const causes = [
      zh.clockUntrusted({ kind: 'before_floor', clockMs: reset }),
      zh.clockUntrusted({ kind: 'skewed', platformMinusDeviceMs: -3_600_000, boundMs: 120_000 }),
      zh.clockUntrusted({ kind: 'stepped', stepMs: 7_200_000 }),
    ];
    expect(causes[0]).toContain(localTime(reset, 'zh-CN'));
    expect(localTime(reset, 'zh-CN')).toMatch(/1970/);
    expect(causes[1]).toContain('比平台快 3600 秒（+3600 s），超出允许的 120 秒');
    expect(causes[2]).toContain('被调整了 7200 秒');
    // The cause, before the advice, has no English in it but the time zone's name (the advice keeps
    // the command as typed).
    for (const line of causes) expect(line.split('；')[0]!.replace(localTime(reset, 'zh-CN'), '')).not.toMatch(/[A-Za-z]{3,}/);
    expect(DOCTOR_MESSAGES.en.clockUntrusted({ kind: 'skewed', platformMinusDeviceMs: 3_600_000, boundMs: 120_000 })).toBe(
      "The device clock cannot be trusted: it is -3600 s (behind the platform's), beyond the 120 s allowed; enable time sync (timedatectl set-ntp true) or fix the RTC battery.",
    );
  });

  it('has every message in both languages, and the Chinese ones in Chinese', () => {
    expect(Object.keys(DOCTOR_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(DOCTOR_MESSAGES.en).sort());
    const zh = DOCTOR_MESSAGES['zh-CN'];
    for (const line of [
      zh.keyMismatch(),
      zh.keyReadable(),
      zh.clockUncompared(),
      zh.loginOk('mqtts://p:8883'),
      zh.stateDirOk('/var/lib/edge-agent', 2 ** 30),
    ]) {
      expect(line).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
