import type { LedgerActor } from '@/domain/loyalty/ledger';
import type { ServiceContext } from '../../context';

/** How the ledger and the audit name whoever acts: staff by their email and role, the system by its job. */
export function ledgerActorOf(ctx: Pick<ServiceContext, 'actor'>): LedgerActor {
  const a = ctx.actor;
  if (a.kind === 'system') return { kind: 'system', id: a.uid, name: a.uid.replace(/^system:/, '') };
  return { kind: 'staff', id: a.uid, name: `${a.email ?? a.uid}${a.role ? ` (${a.role})` : ''}`.slice(0, 120) };
}

/** A date as the dispensary reads it in a refusal: "Mar 1, 2031". */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(at);
}
