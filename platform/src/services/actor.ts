// Who made a change, as the append-only records keep it (project_changes, project_approvals): the
// role, the account (or, for a token made for no person, the token) and the person's name.
import type { Principal, Role } from '../auth/principal.js';

export interface Actor {
  role: Role;
  id: string | null;
  name: string | null;
}

export function actorOf(p: Principal): Actor {
  return { role: p.role, id: p.accountId ?? p.tokenId, name: p.username };
}
