// The dashboard's wording of server codes (server-text.ts), in both languages: a reason inside an
// error, params that are codes themselves, a flag raised before reasons had codes, and a code this
// page does not know.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api.js';
import { setLocale } from '../src/i18n.js';
import { errorText, flagReasonText } from '../src/server-text.js';

// setLocale sets <html lang>; these tests run without a page.
(globalThis as { document?: unknown }).document ??= { documentElement: {} };

describe('server texts', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('word an error by its code, its reason and the params that are codes', () => {
    const taken = new ApiError(409, 'EDGENET_ERR_CONFLICT', 'an enterprise with uscc X already exists', { reason: 'uscc_exists', uscc: '91110000600037341L' });
    expect(errorText(taken)).toBe('统一社会信用代码为 91110000600037341L 的企业已存在');
    const status = new ApiError(409, 'EDGENET_ERR_DEVICE_STATUS', 'device is active: it cannot be re-enabled', {
      reason: 'status_forbids',
      status: 'active',
      change: 're-enabled',
    });
    expect(errorText(status)).toBe('设备状态为“启用”，不能重新启用');
    expect(errorText(new ApiError(404, 'EDGENET_ERR_NOT_FOUND', 'api token not found', { what: 'api_token' }))).toBe('访问令牌不存在，或不在您可查看的范围内');
    setLocale('en');
    expect(errorText(status)).toBe('The device is Active: it cannot be re-enabled');
    expect(errorText(taken)).toBe('An enterprise with the unified social credit code 91110000600037341L already exists');
  });

  it("word a flag's reason, with an inventory field in the page's language; an old flag shows as stored", () => {
    const vm = {
      reason: 'systemManufacturer "QEMU" names a hypervisor or container',
      reasonCode: 'vm_named',
      reasonParams: { field: 'systemManufacturer', value: 'QEMU' },
    };
    expect(flagReasonText(vm)).toBe('整机厂商“QEMU”是虚拟机或容器的名称');
    expect(flagReasonText({ reason: 'as stored before migration 0023', reasonCode: null, reasonParams: null })).toBe('as stored before migration 0023');
    setLocale('en');
    expect(flagReasonText(vm)).toBe('System manufacturer "QEMU" names a hypervisor or container');
  });

  it('say a code this page does not know in general words in Chinese, and as the server said it in English', () => {
    const unknown = new ApiError(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 'Unsupported Media Type: text/plain');
    expect(errorText(unknown)).toBe('请求失败（HTTP 415）');
    setLocale('en');
    expect(errorText(unknown)).toBe('Unsupported Media Type: text/plain');
    expect(errorText(new Error('Failed to fetch'))).toBe('Failed to fetch');
  });
});
