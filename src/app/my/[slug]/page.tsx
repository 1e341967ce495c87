import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { systemClock } from '@/domain/clock';
import { AppError } from '@/domain/errors';
import { CUSTOMER_SESSION_COOKIE, readCustomerSession } from '@/server/services/loyalty/customer-session';
import { getMyLoyalty } from '@/server/services/loyalty/get-my-loyalty';
import { resolveTenantSlug } from '@/server/services/tenants/tenant-slug';
import { MemberSignIn } from '@/ui/features/loyalty/public/member-sign-in';
import { MyLoyaltyView } from '@/ui/features/loyalty/public/my-loyalty-view';

export const metadata: Metadata = { title: 'My points', robots: { index: false, follow: false } };

// GET /my/{slug}: the member's own loyalty page, behind a one-time code (its own session, not staff sign-in)
export default async function MyLoyaltyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const tenant = await resolveTenantSlug(slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const session = await readCustomerSession((await cookies()).get(CUSTOMER_SESSION_COOKIE)?.value, tenant.orgId, systemClock.now());
  const mine = session ? await getMyLoyalty({ orgId: tenant.orgId, clock: systemClock }, session.customerId, tenant.slug).catch(() => null) : null;
  return (
    <main className="mx-auto max-w-md px-4 py-6">
      <p className="text-sm text-slate-600">{tenant.name} rewards</p>
      {mine ? <MyLoyaltyView slug={tenant.slug} mine={mine} /> : <MemberSignIn slug={tenant.slug} />}
    </main>
  );
}
