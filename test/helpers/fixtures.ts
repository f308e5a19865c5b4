// Builds the records a device needs before it can enroll, through the real API.
import type { TestPlatform } from './platform.js';

// Valid unified social credit codes (check characters computed per GB 32100-2015).
export const USCC = ['91350100M000100Y43', '91110000600037341L', '91440300MA5DC9D78R'] as const;

export interface Seeded {
  enterpriseId: string;
  projectId: string;
  token: string;
}

export async function seedEnterprise(
  tp: TestPlatform,
  opts: { uscc?: string; workstations?: string[]; maxUses?: number; town?: string; windowEnd?: string } = {},
): Promise<Seeded> {
  const ent = await tp.api('POST', '/api/v1/enterprises', { name: '东莞精密制造有限公司', uscc: opts.uscc ?? USCC[0], town: opts.town ?? '松山湖' });
  if (ent.status !== 201) throw new Error(`enterprise: ${JSON.stringify(ent.body)}`);
  const proj = await tp.api('POST', '/api/v1/projects', {
    enterpriseId: ent.body.id,
    name: '视觉质检产线改造',
    totalInvestmentFen: 50_000_000,
    eligibleInvestmentFen: 40_000_000,
    windowStart: '2025-07-01',
    windowEnd: opts.windowEnd ?? '2026-06-30',
  });
  if (proj.status !== 201) throw new Error(`project: ${JSON.stringify(proj.body)}`);
  for (const code of opts.workstations ?? []) {
    const ws = await tp.api('POST', '/api/v1/workstations', { enterpriseId: ent.body.id, code });
    if (ws.status !== 201) throw new Error(`workstation: ${JSON.stringify(ws.body)}`);
  }
  const tok = await tp.api('POST', `/api/v1/projects/${proj.body.id}/enrollment-tokens`, { maxUses: opts.maxUses ?? 10 });
  if (tok.status !== 201) throw new Error(`token: ${JSON.stringify(tok.body)}`);
  return { enterpriseId: ent.body.id, projectId: proj.body.id, token: tok.body.token };
}
