// A stand-in for systeminformation with the fields the agent reads, so hardware tests can change one
// fact at a time (a new hostname, a swapped NIC, an unreadable serial) and see what follows.
import type { SystemInfo } from '../../src/inventory.js';

export interface FakeHardware {
  systemSerial: string;
  systemUuid: string;
  boardSerial: string;
  hostname: string;
  machineId: string;
  cpuBrand: string;
  cores: number;
  physicalCores: number;
  memoryBytes: number;
  disks: { device: string; name: string; vendor: string; serialNum: string; interfaceType: string; size: number; type: string }[];
  nics: { iface: string; mac: string; virtual: boolean; internal: boolean }[];
  gpus: { vendor: string; model: string; vram: number }[];
  virtual: boolean;
}

export const BOX: FakeHardware = Object.freeze({
  systemSerial: 'SN-7F3A-0042',
  systemUuid: '4C4C4544-0042-3510-8058-B7C04F4E3132',
  boardSerial: 'BRD-99812',
  hostname: 'line1-box',
  machineId: '3d1219c7c4c5404aaa1f6d2a48adfda4',
  cpuBrand: 'Core™ i7-8700',
  cores: 12,
  physicalCores: 6,
  memoryBytes: 16_624_709_632, // what a 16 GiB box reports after the kernel's reservation
  disks: [
    { device: '/dev/nvme0n1', name: 'Samsung SSD 980', vendor: 'Samsung', serialNum: 'S64DNX0R123456', interfaceType: 'PCIe', size: 512e9, type: 'NVMe' },
    { device: '/dev/sda', name: 'ST1000DM010', vendor: 'Seagate', serialNum: 'ZN1ABCDE', interfaceType: 'SATA', size: 1e12, type: 'HD' },
  ],
  nics: [
    { iface: 'lo', mac: '00:00:00:00:00:00', virtual: false, internal: true },
    { iface: 'enp3s0', mac: '00:1b:21:aa:bb:cc', virtual: false, internal: false },
  ],
  gpus: [{ vendor: 'NVIDIA', model: 'Jetson Orin', vram: 8192 }],
  virtual: false,
}) as FakeHardware;

export function fakeSystem(hw: Partial<FakeHardware> = {}): SystemInfo {
  const h = { ...BOX, ...hw };
  const fake = {
    system: async () => ({
      manufacturer: 'Advantech',
      model: 'ARK-3532',
      version: '',
      serial: h.systemSerial,
      uuid: h.systemUuid,
      sku: '',
      virtual: h.virtual,
      virtualHost: h.virtual ? 'KVM' : '',
    }),
    baseboard: async () => ({ manufacturer: 'Advantech', model: 'AIMB-', version: '', serial: h.boardSerial, assetTag: '', memMax: null, memSlots: null }),
    cpu: async () => ({ manufacturer: 'Intel', brand: h.cpuBrand, cores: h.cores, physicalCores: h.physicalCores }),
    mem: async () => ({ total: h.memoryBytes }),
    diskLayout: async () => h.disks,
    networkInterfaces: async () => h.nics,
    graphics: async () => ({ controllers: h.gpus, displays: [] }),
    osInfo: async () => ({ platform: 'linux', distro: 'Ubuntu', release: '22.04', arch: 'x64', hostname: h.hostname, serial: h.machineId }),
  };
  return fake as unknown as SystemInfo;
}
