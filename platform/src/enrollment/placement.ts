// Which project a device serves: set at enrollment, at re-enrollment, and when an operator moves
// the device to another project of its enterprise (services/device-lifecycle.ts). Kept here so
// devices.project_id keeps its one writer (platform/test/column-owners.test.ts).
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { devices } from '../db/schema/index.js';

export async function placeDevice(tx: Database, deviceId: string, projectId: string): Promise<void> {
  await tx.update(devices).set({ projectId }).where(eq(devices.id, deviceId));
}
