import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { systemClock } from '@/domain/clock';
import { AppError } from '@/domain/errors';
import { emailDisclosure, smsDisclosure } from '@/domain/loyalty/join';
import { normalizeReferralCode } from '@/domain/loyalty/referral';
import { issueJoinFormToken } from '@/server/services/loyalty/join-loyalty';
import { resolveTenantSlug } from '@/server/services/tenants/tenant-slug';
import { JoinForm } from '@/ui/features/loyalty/public/join-form';

export const metadata: Metadata = { title: 'Join', robots: { index: false, follow: false } };

// GET /join/{slug}: the sign-up a customer reaches from the QR code in the store
export default async function JoinPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ ref?: string | string[] }> }) {
  const { slug } = await params;
  const { ref } = await searchParams;
  const tenant = await resolveTenantSlug(slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  return (
    <main className="mx-auto max-w-md px-4 py-6">
      <h1 className="text-2xl font-semibold">Join {tenant.name} rewards</h1>
      <p className="mt-1 text-sm text-slate-600">Earn points on every purchase and redeem them for money off. For adults 21 and over.</p>
      <JoinForm
        slug={tenant.slug}
        formToken={await issueJoinFormToken(tenant.orgId, systemClock.now())}
        smsDisclosure={smsDisclosure(tenant.name)}
        emailDisclosure={emailDisclosure(tenant.name)}
        referralCode={normalizeReferralCode(typeof ref === 'string' ? ref : null) ?? ''}
      />
    </main>
  );
}
