import type { Metadata } from 'next';
import { can, rolesFor } from '@/domain/roles';
import { config } from '@/server/config';
import { requirePageSession } from '@/server/http/page-session';
import { getSegmentRecompute } from '@/server/services/crm/recompute-segments';
import { getLoyaltySettings } from '@/server/services/loyalty/loyalty-settings';
import { editableSettings, listLoyaltySettingsAudit } from '@/server/services/loyalty/save-loyalty-settings';
import { tenantSlugOf } from '@/server/services/tenants/tenant-slug';
import { LoyaltySettingsForm } from '@/ui/features/loyalty/settings/loyalty-settings-form';
import Link from 'next/link';
import { buttonClass } from '@/ui/primitives/button';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Loyalty settings' };

export default async function LoyaltySettingsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('loyalty-settings:read') });
  const [settings, audit, slug, recompute] = await Promise.all([
    getLoyaltySettings(ctx, { fresh: true }),
    listLoyaltySettingsAudit(ctx),
    tenantSlugOf(ctx.orgId, ctx.clock.now()),
    getSegmentRecompute(ctx),
  ]);
  return (
    <>
      <PageHeader
        title="Loyalty"
        description="How customers earn points, the tiers, the customer segments, the rewards they redeem, and what your public menu shows."
        actions={
          <Link href="/dashboard/loyalty/qr" className={buttonClass('secondary')}>
            Join QR code
          </Link>
        }
      />
      <LoyaltySettingsForm
        initial={editableSettings(settings)}
        audit={audit}
        readOnly={!can(ctx.actor.role!, 'loyalty-settings:write')}
        menuUrl={`${config().appBaseUrl.replace(/\/$/, '')}/menu/${slug}`}
        recompute={recompute}
      />
    </>
  );
}
