import { describe, expect, it } from 'vitest';
import { computeFingerprint, isPhysicalDisk, meaningful, type FingerprintSources } from '../src/fingerprint.js';
import { readHardware } from '../src/inventory.js';
import { BOX, fakeSystem } from './helpers/fake-system.js';

const fingerprintOf = async (hw: Parameters<typeof fakeSystem>[0] = {}) => (await readHardware({ sys: fakeSystem(hw) })).fingerprint;

describe('hardware fingerprint', () => {
  it('is 64 lowercase hex and the same for the same hardware', async () => {
    const a = await fingerprintOf();
    const b = await fingerprintOf();
    expect(a.value).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toEqual(a);
    expect(a.fields).toEqual(['systemSerial', 'boardSerial', 'systemUuid', 'cpuBrand', 'cpuPhysicalCores', 'memoryGiB', 'diskSerials']);
    expect(a.identifying).toBe(true);
  });

  it('ignores what a disk image or a NIC swap changes: hostname, machine-id, MAC addresses, OS', async () => {
    const base = await fingerprintOf();
    expect(await fingerprintOf({ hostname: 'cloned-box' })).toEqual(base);
    expect(await fingerprintOf({ machineId: 'ffffffffffffffffffffffffffffffff' })).toEqual(base);
    expect(
      await fingerprintOf({
        nics: [
          { iface: 'enp4s0', mac: '00:1b:21:11:22:33', virtual: false, internal: false },
          { iface: 'wlan0', mac: 'aa:bb:cc:dd:ee:ff', virtual: false, internal: false },
        ],
      }),
    ).toEqual(base);
  });

  it('does not depend on disk order, USB sticks or virtual disks', async () => {
    const base = await fingerprintOf();
    expect(await fingerprintOf({ disks: [...BOX.disks].reverse() })).toEqual(base);
    expect(
      await fingerprintOf({
        disks: [
          ...BOX.disks,
          { device: '/dev/sdb', name: 'Cruzer Blade', vendor: 'SanDisk', serialNum: '4C530001', interfaceType: 'USB', size: 16e9, type: 'HD' },
          { device: '/dev/loop0', name: '', vendor: '', serialNum: 'LOOP', interfaceType: '', size: 1e6, type: '' },
          { device: '/dev/sdc', name: 'QEMU HARDDISK', vendor: 'QEMU', serialNum: 'QM00001', interfaceType: 'SATA', size: 1e9, type: 'HD' },
        ],
      }),
    ).toEqual(base);
  });

  it('tolerates the kernel memory reservation moving between kernels (rounded up to GiB)', async () => {
    const base = await fingerprintOf();
    expect(await fingerprintOf({ memoryBytes: BOX.memoryBytes - 50 * 2 ** 20 })).toEqual(base);
    expect((await fingerprintOf({ memoryBytes: 32 * 2 ** 30 })).value).not.toBe(base.value);
  });

  it('changes when the identifying hardware changes', async () => {
    const base = (await fingerprintOf()).value;
    const others = await Promise.all([
      fingerprintOf({ systemSerial: 'SN-OTHER' }),
      fingerprintOf({ boardSerial: 'BRD-OTHER' }),
      fingerprintOf({ systemUuid: '00112233-4455-6677-8899-aabbccddeeff' }),
      fingerprintOf({ disks: [BOX.disks[0]!] }),
      fingerprintOf({ physicalCores: 8 }),
      fingerprintOf({ cpuBrand: 'Core™ i5-8500' }),
    ]);
    for (const other of others) expect(other.value).not.toBe(base);
    expect(new Set(others.map((o) => o.value)).size).toBe(others.length);
  });

  it('degrades when serials are unreadable and records the fields it used', async () => {
    // What a non-root process sees on Linux: /sys/class/dmi/id/*serial* and product_uuid are 0400.
    const degraded = await fingerprintOf({ systemSerial: '', systemUuid: '', boardSerial: '-' });
    expect(degraded.fields).toEqual(['cpuBrand', 'cpuPhysicalCores', 'memoryGiB', 'diskSerials']);
    expect(degraded.identifying).toBe(true); // disk serials still tell boxes apart
    expect(degraded.value).not.toBe((await fingerprintOf()).value);

    const bare = await fingerprintOf({ systemSerial: '', systemUuid: '', boardSerial: '', disks: [] });
    expect(bare.fields).toEqual(['cpuBrand', 'cpuPhysicalCores', 'memoryGiB']);
    expect(bare.identifying).toBe(false);
    expect(bare.value).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats vendor placeholders as unreadable, so white-box PCs do not all collide', async () => {
    const placeholders = await fingerprintOf({
      systemSerial: 'To Be Filled By O.E.M.',
      boardSerial: 'Default string',
      systemUuid: '03000200-0400-0500-0006-000700080009',
    });
    const missing = await fingerprintOf({ systemSerial: '', boardSerial: '', systemUuid: '' });
    expect(placeholders).toEqual(missing);
    for (const v of ['0000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'None', ' ', 'System Serial Number']) {
      expect(meaningful(v)).toBe('');
    }
    expect(meaningful('  SN 42 ')).toBe('SN 42');
  });

  it('normalises case and whitespace of serials and UUIDs', () => {
    const sources: FingerprintSources = {
      systemSerial: 'sn-7f3a',
      boardSerial: 'brd-1',
      systemUuid: '4C4C4544-0042-3510-8058-B7C04F4E3132',
      cpuManufacturer: 'Intel',
      cpuBrand: 'Core  i7',
      cpuPhysicalCores: 6,
      memoryBytes: 16 * 2 ** 30,
      disks: [{ device: '/dev/sda', vendor: 'WD', model: 'Blue', serial: ' wd-123 ', interfaceType: 'SATA' }],
    };
    const a = computeFingerprint(sources);
    const b = computeFingerprint({
      ...sources,
      systemSerial: 'SN-7F3A ',
      systemUuid: '4c4c4544-0042-3510-8058-b7c04f4e3132',
      cpuBrand: 'Core i7',
      disks: [{ ...sources.disks[0]!, serial: 'WD-123' }],
    });
    expect(b).toEqual(a);
  });

  it('classifies disks', () => {
    const disk = { device: '/dev/nvme0n1', vendor: 'Samsung', model: 'SSD 980', serial: 'S1', interfaceType: 'PCIe' };
    expect(isPhysicalDisk(disk)).toBe(true);
    expect(isPhysicalDisk({ ...disk, interfaceType: 'USB' })).toBe(false);
    expect(isPhysicalDisk({ ...disk, device: '/dev/vda' })).toBe(false);
    expect(isPhysicalDisk({ ...disk, model: 'VBOX HARDDISK' })).toBe(false);
    expect(isPhysicalDisk({ ...disk, model: 'Virtual Disk', vendor: 'Msft' })).toBe(false);
  });
});
