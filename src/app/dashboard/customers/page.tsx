import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import { AppError } from '@/domain/errors';
import { requirePageSession } from '@/server/http/page-session';
import { ListCustomersQuerySchema, listCustomers, type CustomerPage } from '@/server/services/customers/list-customers';
import { CustomerTable } from '@/ui/features/customers/customer-table';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Customers' };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageSession({ roles: rolesFor('customers:read') });
  const raw = await searchParams;
  const parsed = ListCustomersQuerySchema.safeParse(raw);
  const revenue = seesRevenue(viewerOf(ctx.actor));
  const given = parsed.success ? parsed.data : ListCustomersQuerySchema.parse({});
  const query = !revenue && given.sort === 'value' ? { ...given, sort: 'recent' as const, cursor: undefined } : given;
  let page: CustomerPage;
  let error: string | null = null;
  try {
    page = await listCustomers(ctx, query);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    error = err.message;
    page = await listCustomers(ctx, { ...query, cursor: undefined });
  }
  return (
    <>
      <PageHeader title="Customers" description="Search by name, phone or email. Profiles update as orders arrive from your POS and online store." />
      <CustomerTable
        page={page}
        query={{ q: query.q ?? '', sort: query.sort }}
        error={error}
        revenue={revenue}
        searched={['q', 'sort', 'cursor'].some((k) => k in raw)}
      />
    </>
  );
}
