import type { Metadata } from 'next';
import Link from 'next/link';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getRecommendationSettings } from '@/server/services/agents/smokey-catalog';
import { RecommendationSettingsForm } from '@/ui/features/agents/recommendation-settings-form';
import { Card, PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('settings:manage') });
  const recommendations = await getRecommendationSettings(ctx);
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid gap-4 sm:grid-cols-2">
        {can(ctx.actor.role, 'staff:manage') ? (
          <Card>
            <h2 className="font-medium">
              <Link href="/dashboard/settings/staff" className="text-brand-700 hover:underline">
                Staff
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">Add owners, admins and budtenders; change roles, disable access, reset passwords.</p>
          </Card>
        ) : (
          <Card>
            <h2 className="font-medium">Staff</h2>
            <p className="mt-1 text-sm text-slate-600">Only owners manage staff.</p>
          </Card>
        )}
        <Card>
          <h2 className="font-medium">
            <Link href="/dashboard/settings/locations" className="text-brand-700 hover:underline">
              Locations
            </Link>
          </h2>
          <p className="mt-1 text-sm text-slate-600">Stores, addresses, business hours, time zones and the POS and storefront ids that map orders to them.</p>
        </Card>
        <Card>
          <h2 className="font-medium">
            <Link href="/dashboard/settings/messaging" className="text-brand-700 hover:underline">
              Messaging
            </Link>
          </h2>
          <p className="mt-1 text-sm text-slate-600">Quiet hours, frequency caps, age verification, sandbox mode, sender, brand voice and provider webhooks.</p>
        </Card>
        <Card>
          <h2 className="font-medium">
            <Link href="/dashboard/settings/loyalty" className="text-brand-700 hover:underline">
              Loyalty
            </Link>
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Points, tiers, rewards and the public menu.{can(ctx.actor.role, 'loyalty-settings:write') ? '' : ' Only owners change them.'}
          </p>
        </Card>
        <Card>
          <h2 className="font-medium">
            <Link href="/dashboard/settings/playbook-webhooks" className="text-brand-700 hover:underline">
              Playbook webhooks
            </Link>
          </h2>
          <p className="mt-1 text-sm text-slate-600">The secret that signs the requests playbooks send, and how receivers verify them.</p>
        </Card>
        <Card aria-labelledby="recommendations-heading">
          <h2 id="recommendations-heading" className="font-medium">
            Product suggestions
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Smokey, the budtender, suggests in-stock products on the customer page, the loyalty tablet and in playbook emails.
          </p>
          <RecommendationSettingsForm initial={recommendations.excludedCategories} />
        </Card>
      </div>
    </>
  );
}
