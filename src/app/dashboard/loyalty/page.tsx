import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { ComingSoon } from '@/ui/features/shell/coming-soon';

export const metadata: Metadata = { title: 'Loyalty' };

export default async function LoyaltyPage() {
  await requirePageSession({ roles: rolesFor('loyalty:read') });
  return (
    <ComingSoon
      title="Loyalty"
      what="The points ledger, tiers and counter redemptions on the budtender tablet arrive with the loyalty programme. Points balances already show on each customer."
    />
  );
}
