// A root `edge-agent enroll` into a state directory the package gave to the edge-agent user
// (deploy/agent/setup-host.sh) leaves its files owned by root, mode 0600: the service, running as
// edge-agent, could then not read its own key. So what root wrote is handed to the directory's owner.
import { chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** When running as root, gives every file in stateDir to the owner of stateDir; returns that uid, or null. */
export function handStateToOwner(stateDir: string): number | null {
  if (process.getuid?.() !== 0) return null;
  const { uid, gid } = statSync(stateDir);
  if (uid === 0) return null;
  for (const name of readdirSync(stateDir)) chownSync(join(stateDir, name), uid, gid);
  return uid;
}
