import { edge } from './wire.js';

// The three hardware classes that count as nodes (实施细则 art. 16, 19).
export const DEVICE_KINDS = ['compute_box', 'industrial_pc', 'server'] as const;
export type DeviceKindName = (typeof DEVICE_KINDS)[number];

const toProto: Record<DeviceKindName, edge.v1.DeviceKind> = {
  compute_box: edge.v1.DeviceKind.COMPUTE_BOX,
  industrial_pc: edge.v1.DeviceKind.INDUSTRIAL_PC,
  server: edge.v1.DeviceKind.SERVER,
};

export function deviceKindToProto(kind: DeviceKindName): edge.v1.DeviceKind {
  return toProto[kind];
}

/** null for UNSPECIFIED or a value this version does not know. */
export function deviceKindFromProto(kind: number): DeviceKindName | null {
  for (const name of DEVICE_KINDS) if (toProto[name] === kind) return name;
  return null;
}
