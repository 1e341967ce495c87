import type { Metadata, Viewport } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getLoyaltySettings } from '@/server/services/loyalty/loyalty-settings';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { LoyaltyTablet } from '@/ui/features/loyalty-tablet/loyalty-tablet';
import { TimeZoneProvider } from '@/ui/primitives/time';

export const metadata: Metadata = { title: 'Loyalty tablet' };
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// The counter kiosk: no dashboard chrome, every staff role (budtenders work it), no revenue in its data.
export default async function LoyaltyTabletPage() {
  const ctx = await requirePageSession({ roles: rolesFor('loyalty:redeem'), returnTo: '/loyalty-tablet' });
  const [tenant, settings] = await Promise.all([getTenantOrThrow(ctx), getLoyaltySettings(ctx)]);
  return (
    <TimeZoneProvider timeZone={tenant.timeZone}>
      <main className="min-h-screen bg-slate-50">
        <LoyaltyTablet dispensary={tenant.name} staff={ctx.actor.email ?? 'staff'} idleSeconds={settings.redemptions.tabletIdleSeconds} />
      </main>
    </TimeZoneProvider>
  );
}
