// What a person calls a device: its model and serial from the inventory it reported, not its UUID.
// The same placeholder rule as the fingerprint (proto meaningfulSerial): a white-box PC reporting
// "To be filled by O.E.M." has no serial to show, and showing that text would make every such box
// look alike.
import { meaningfulSerial } from '@edgenet/proto';

export interface HardwareLabel {
  /** The system model, or null when the inventory has none worth showing. */
  model: string | null;
  /** The system serial, else the board's; null when neither is meaningful. */
  serial: string | null;
}

export function hardwareLabel(inv: { systemModel?: unknown; systemSerial?: unknown; boardSerial?: unknown } | null | undefined): HardwareLabel {
  return {
    model: meaningfulSerial(inv?.systemModel) || null,
    serial: meaningfulSerial(inv?.systemSerial) || meaningfulSerial(inv?.boardSerial) || null,
  };
}
