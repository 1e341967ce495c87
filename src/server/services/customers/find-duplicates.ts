import type { Customer } from '@/domain/customer';
import { fullNameToken, rankDuplicates, type DuplicateCandidate } from '@/domain/crm/customer-merge';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** Each query reads at most this many profiles: a handful of people share a phone or a name, not hundreds. */
const PER_QUERY = 20;

/**
 * The profiles that look like the same person as this customer, ranked, with the reason in plain
 * words. Bounded: at most four indexed equality / array-contains queries of PER_QUERY documents
 * (same phone, same email, same folded full name, same last four phone digits), never a scan.
 */
export async function findDuplicatesFor(ctx: ServiceContext, customerId: string): Promise<DuplicateCandidate[]> {
  const tdb = tenantDb(ctx.orgId);
  const c = await tdb.customers.getOrThrow(customerId);
  if (c.mergedInto) return [];
  const queries = [];
  if (c.phone) queries.push(tdb.customers.ref.where('phone', '==', c.phone).limit(PER_QUERY));
  if (c.email) queries.push(tdb.customers.ref.where('email', '==', c.email).limit(PER_QUERY));
  const nameToken = fullNameToken(c);
  if (nameToken) queries.push(tdb.customers.ref.where('searchKeys', 'array-contains', nameToken).limit(PER_QUERY));
  const digits = c.phone?.replace(/\D/g, '').slice(-4);
  if (digits?.length === 4) queries.push(tdb.customers.ref.where('searchKeys', 'array-contains', `d:${digits}`).limit(PER_QUERY));
  const found: Customer[] = (await Promise.all(queries.map((q) => q.get()))).flatMap((s) => s.docs.map((d) => d.data()));
  return rankDuplicates(c, found);
}
