import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IdSchema } from '@/domain/common';
import { AppError } from '@/domain/errors';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getDelivery } from '@/server/services/integrations/get-delivery';
import { DeliveryDetailView } from '@/ui/features/integrations/delivery-detail';

export const metadata: Metadata = { title: 'Delivery' };

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageSession({ roles: rolesFor('integrations:manage') });
  const { id } = await params;
  if (!IdSchema.safeParse(id).success) notFound();
  const detail = await getDelivery(ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  return (
    <>
      <Link href="/dashboard/integrations" className="text-sm text-brand-700 underline">
        ← Integrations
      </Link>
      <DeliveryDetailView detail={detail} />
    </>
  );
}
