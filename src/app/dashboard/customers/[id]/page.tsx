import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IdSchema } from '@/domain/common';
import { AppError } from '@/domain/errors';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getCustomerOrThrow, listCustomerOrders } from '@/server/services/customers/get-customer';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { CustomerProfile } from '@/ui/features/customers/customer-profile';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageSession({ roles: rolesFor('customers:read') });
  const { id } = await params;
  if (!IdSchema.safeParse(id).success) notFound();
  const customer = await getCustomerOrThrow(ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const [orders, tenant] = await Promise.all([listCustomerOrders(ctx, id), getTenantOrThrow(ctx)]);
  return <CustomerProfile customer={customer} orders={orders} timeZone={tenant.timeZone} />;
}
