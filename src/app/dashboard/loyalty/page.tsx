import type { Metadata } from 'next';
import { LedgerTypeSchema } from '@/domain/loyalty/ledger';
import Link from 'next/link';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getLoyaltyOverview } from '@/server/services/loyalty/get-loyalty-overview';
import { LoyaltyOverviewView } from '@/ui/features/loyalty/loyalty-overview';
import { ParkerSuggestions } from '@/ui/features/loyalty/parker-suggestions';
import { buttonClass } from '@/ui/primitives/button';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Loyalty' };

export default async function LoyaltyPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageSession({ roles: rolesFor('loyalty:read') });
  // An unknown kind in the address shows every kind rather than an error page.
  const parsed = LedgerTypeSchema.safeParse((await searchParams).type);
  const type = parsed.success ? parsed.data : null;
  const data = await getLoyaltyOverview(ctx, { type: type ?? undefined });
  return (
    <>
      <PageHeader
        title="Loyalty"
        description="Mrs. Parker's view of the points programme, in your dispensary's time zone."
        actions={
          can(ctx.actor.role, 'loyalty-import:read') ? (
            <Link className={buttonClass('secondary')} href="/dashboard/loyalty/import">
              Import opening balances
            </Link>
          ) : null
        }
      />
      {can(ctx.actor.role, 'playbooks:write') ? (
        <div className="mb-6">
          <ParkerSuggestions />
        </div>
      ) : null}
      <LoyaltyOverviewView data={data} type={type} />
    </>
  );
}
