import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAgentError } from '../src/errors.js';
import { readHardware, readHardwareFile, settle, writeHardwareFile } from '../src/inventory.js';
import { STATE_FILES } from '../src/state-files.js';
import { BOX, fakeSystem } from './helpers/fake-system.js';
import { tempDir } from './helpers/state-dir.js';

const NON_ROOT = { systemSerial: '', systemUuid: '', boardSerial: '' };

describe('readHardware', () => {
  it('maps systeminformation into HardwareInventory', async () => {
    const { inventory } = await readHardware({ sys: fakeSystem() });
    expect(inventory).toMatchObject({
      systemManufacturer: 'Advantech',
      systemSerial: BOX.systemSerial,
      systemUuid: BOX.systemUuid.toLowerCase(),
      boardSerial: BOX.boardSerial,
      cpuBrand: 'Intel Core™ i7-8700',
      cpuCores: 12,
      cpuPhysicalCores: 6,
      memoryBytes: BOX.memoryBytes,
      osPlatform: 'linux',
      virtual: false,
    });
    expect(inventory.disks[0]).toEqual({ model: 'Samsung SSD 980', serial: 'S64DNX0R123456', sizeBytes: 512e9, type: 'NVMe' });
    expect(inventory.nics).toEqual([{ name: 'enp3s0', mac: '00:1b:21:aa:bb:cc', virtual: false }]); // loopback left out
    expect(inventory.accelerators).toEqual([{ vendor: 'NVIDIA', model: 'Jetson Orin', memoryBytes: 8192 * 2 ** 20 }]);
  });

  it('keeps lists within the platform limit, physical NICs first', async () => {
    const veths = Array.from({ length: 80 }, (_, i) => ({ iface: `veth${i}`, mac: `02:42:00:00:00:${i}`, virtual: true, internal: false }));
    const { inventory } = await readHardware({
      sys: fakeSystem({ nics: [...veths, { iface: 'enp3s0', mac: '00:1b:21:aa:bb:cc', virtual: false, internal: false }] }),
    });
    expect(inventory.nics).toHaveLength(64);
    expect(inventory.nics[0]!.name).toBe('enp3s0');
  });

  it('survives a failing or hanging systeminformation call', async () => {
    const sys = { ...fakeSystem(), graphics: () => Promise.reject(new Error('lspci missing')), baseboard: () => new Promise(() => {}) };
    const started = Date.now();
    // settle() is what readHardware wraps every call in; here with a short limit.
    expect(await settle(() => sys.baseboard(), 'fallback', 50)).toBe('fallback');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await settle(() => sys.graphics(), undefined)).toBeUndefined();
  });
});

describe('hardware.json', () => {
  it('is written from a root reading and supplies serials a non-root agent cannot read', async () => {
    const dir = tempDir();
    const asRoot = await readHardware({ sys: fakeSystem() });
    writeHardwareFile(dir, asRoot.inventory);
    expect(statSync(join(dir, STATE_FILES.hardware)).mode & 0o777).toBe(0o644);
    expect(JSON.parse(readFileSync(join(dir, STATE_FILES.hardware), 'utf8'))).toMatchObject({
      systemSerial: BOX.systemSerial,
      boardSerial: BOX.boardSerial,
      systemUuid: BOX.systemUuid.toLowerCase(),
    });

    const withoutFile = await readHardware({ sys: fakeSystem(NON_ROOT) });
    expect(withoutFile.fingerprint.value).not.toBe(asRoot.fingerprint.value);
    const withFile = await readHardware({ sys: fakeSystem(NON_ROOT), hardwareFile: readHardwareFile(dir)! });
    expect(withFile.fingerprint).toEqual(asRoot.fingerprint);
    expect(withFile.usedHardwareFile).toBe(true);
  });

  it('never overrides a live reading: a copied file cannot mask other hardware', async () => {
    const dir = tempDir();
    writeHardwareFile(dir, (await readHardware({ sys: fakeSystem() })).inventory);
    const otherMachine = fakeSystem({ systemSerial: 'SN-OTHER', systemUuid: '00112233-4455-6677-8899-aabbccddeeff', boardSerial: 'BRD-OTHER' });
    const reading = await readHardware({ sys: otherMachine, hardwareFile: readHardwareFile(dir)! });
    expect(reading.inventory.systemSerial).toBe('SN-OTHER');
    expect(reading.usedHardwareFile).toBe(false);
    expect(reading.fingerprint.value).toBe((await readHardware({ sys: otherMachine })).fingerprint.value);
  });

  it('is refused when nothing identifying could be read (not root)', async () => {
    const dir = tempDir();
    const { inventory } = await readHardware({ sys: fakeSystem(NON_ROOT) });
    let caught: unknown;
    try {
      writeHardwareFile(dir, inventory);
    } catch (err) {
      caught = err;
    }
    expect(isAgentError(caught, 'EDGE_AGENT_ERR_HARDWARE_UNREADABLE')).toBe(true);
    expect(readHardwareFile(dir)).toBeUndefined();
  });
});
