import { Filter, type DocumentReference } from 'firebase-admin/firestore';
import { customerDisplayName, type Customer } from '@/domain/customer';
import { IDENTITY_INDEX_DOC, identityDocId } from '@/domain/signals/records';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

export interface MatchInput {
  phone: string | null;
  email: string | null;
}

export type MatchResult = { kind: 'found'; customer: Pick<Customer, 'id'> & { name: string } } | { kind: 'none' } | { kind: 'conflict'; message: string };

const READ_SLICE = 300;
const IN_SLICE = 30;

async function getAll(refs: DocumentReference[]) {
  const out = [];
  for (let i = 0; i < refs.length; i += READ_SLICE) out.push(...(await firestore().getAll(...refs.slice(i, i + READ_SLICE))));
  return out;
}

/** Customers holding these values of `field`, by `in` queries of 30 (a key of customers written without identity documents). */
async function byField(orgId: string, field: 'phone' | 'email', values: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (let i = 0; i < values.length; i += IN_SLICE) {
    const snap = await tenantDb(orgId)
      .customers.ref.where(Filter.where(field, 'in', values.slice(i, i + IN_SLICE)))
      .get();
    for (const d of snap.docs) {
      const v = d.data()[field];
      if (v) found.set(v, [...(found.get(v) ?? []), d.id]);
    }
  }
  return found;
}

/**
 * Finds the customer each row names, by the identity keys (one read per key, in batches), and
 * only where the dispensary's identity index is incomplete also by `in` queries on the keys
 * nobody claimed: never a scan of the customers. A phone and an email naming two different
 * customers, or a key two customers share, is a conflict for staff to settle, never a guess.
 */
export async function matchImportRows(orgId: string, rows: readonly MatchInput[]): Promise<MatchResult[]> {
  const tdb = tenantDb(orgId);
  const keyOf = (kind: 'phone' | 'email', v: string) => identityDocId(kind, v);
  const keys = [...new Set(rows.flatMap((r) => [r.phone && keyOf('phone', r.phone), r.email && keyOf('email', r.email)].filter((k): k is string => !!k)))];
  const [indexSnap, ...snaps] = await getAll([tdb.identityIndex.doc(IDENTITY_INDEX_DOC), ...keys.map((k) => tdb.identities.doc(k))] as DocumentReference[]);
  const claimed = new Map<string, string>();
  snaps.forEach((s, i) => {
    const id = (s!.data() as { customerId?: string } | undefined)?.customerId;
    if (id) claimed.set(keys[i]!, id);
  });
  const complete = (indexSnap!.data() as { complete?: boolean } | undefined)?.complete === true;
  const unclaimed = (kind: 'phone' | 'email') => [...new Set(rows.map((r) => r[kind]).filter((v): v is string => !!v && !claimed.has(keyOf(kind, v))))];
  const [phones, emails] = complete
    ? [new Map<string, string[]>(), new Map<string, string[]>()]
    : await Promise.all([byField(orgId, 'phone', unclaimed('phone')), byField(orgId, 'email', unclaimed('email'))]);

  const owners = (kind: 'phone' | 'email', v: string | null): string[] => {
    if (!v) return [];
    const c = claimed.get(keyOf(kind, v));
    return c ? [c] : ((kind === 'phone' ? phones : emails).get(v) ?? []);
  };
  const ids = [...new Set(rows.flatMap((r) => [...owners('phone', r.phone), ...owners('email', r.email)]))];
  const customers = new Map<string, Customer>();
  for (const s of await getAll(ids.map((id) => tdb.customers.doc(id)) as DocumentReference[])) {
    const c = s.data() as Customer | undefined;
    if (c) customers.set(s.id, c);
  }
  return rows.map((r): MatchResult => {
    const p = owners('phone', r.phone).filter((id) => customers.has(id));
    const e = owners('email', r.email).filter((id) => customers.has(id));
    if (p.length > 1) return { kind: 'conflict', message: `${p.length} customers have this phone number; merge them before importing.` };
    if (e.length > 1) return { kind: 'conflict', message: `${e.length} customers have this email; merge them before importing.` };
    if (p[0] && e[0] && p[0] !== e[0])
      return {
        kind: 'conflict',
        message: `The phone number belongs to ${customerDisplayName(customers.get(p[0])!)} and the email to ${customerDisplayName(customers.get(e[0])!)}; correct the row.`,
      };
    const id = p[0] ?? e[0];
    return id ? { kind: 'found', customer: { id, name: customerDisplayName(customers.get(id)!) } } : { kind: 'none' };
  });
}
