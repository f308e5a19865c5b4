// The memory of which devices may have a command open (commands/open-devices.ts): a device is
// dropped from it only by a read that saw nothing open and raced no new command.
import { expect, it } from 'vitest';
import { OpenCommandDevices } from '../src/commands/open-devices.js';

const DEVICE = '00000000-0000-4000-8000-000000000001';

it('keeps a device whose command was added while the read that found none was running', () => {
  const open = new OpenCommandDevices();
  expect(open.mark(DEVICE)).toBeUndefined();
  open.add(DEVICE);
  const readUnder = open.mark(DEVICE);
  expect(readUnder).toBeDefined();
  open.add(DEVICE); // a command sent between the read and its answer
  open.noneOpen(DEVICE, readUnder);
  expect(open.mark(DEVICE)).toBeDefined();
  // A read under the newest mark that finds nothing drops it; a stale or absent mark never does.
  open.noneOpen(DEVICE, open.mark(DEVICE));
  expect(open.mark(DEVICE)).toBeUndefined();
  open.add(DEVICE);
  open.noneOpen(DEVICE, undefined);
  open.noneOpen(DEVICE, readUnder);
  expect(open.size).toBe(1);
});
