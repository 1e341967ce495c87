import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** The acting staff member's name as colleagues read it (their staff record), for what the customer page keeps of who did what. */
export async function actorDisplayName(ctx: Pick<ServiceContext, 'orgId' | 'actor'>): Promise<string> {
  if (ctx.actor.kind === 'system') return 'BakedBot';
  const member = await tenantDb(ctx.orgId).staff.get(ctx.actor.uid);
  return (member?.displayName ?? ctx.actor.email ?? 'Staff').slice(0, 120);
}
