import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { ComingSoon } from '@/ui/features/shell/coming-soon';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage() {
  await requirePageSession({ roles: rolesFor('integrations:manage') });
  return <ComingSoon title="Integrations" what="Signed webhook endpoints for Alleaves, Shopify, WooCommerce and custom storefronts arrive with the behavioural-signals work." />;
}
