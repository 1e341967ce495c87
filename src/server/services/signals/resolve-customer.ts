import { randomBytes } from 'node:crypto';
import type { ChannelConsent, Customer, CustomerSource } from '@/domain/customer';
import { searchNameOf } from '@/domain/customer';
import type { EventSource } from '@/domain/events/event-data';
import { identityDocId, type IdentityKind } from '@/domain/signals/records';
import type { CustomerInput } from '@/domain/signals/signal';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { signalLocks, type SignalContext } from './signal-context';

export interface ResolvedCustomer {
  customer: Customer;
  isNew: boolean;
}

/**
 * - 'profile': the signal is about the person (customer.created/updated): their details win.
 * - 'reference': the person is mentioned by an order, checkout or visit: fill gaps only.
 */
export type ResolveMode = 'profile' | 'reference';

const SOURCE: Record<EventSource, CustomerSource> = {
  alleaves: 'alleaves',
  shopify: 'shopify',
  woocommerce: 'woocommerce',
  standard: 'standard',
  track_api: 'track_api',
  bakedbot: 'manual',
};

function keysOf(input: CustomerInput): Array<{ kind: IdentityKind; value: string; docId: string }> {
  const keys: Array<{ kind: IdentityKind; value: string }> = [];
  if (input.externalId) keys.push({ kind: 'ext', value: input.externalId });
  if (input.phone) keys.push({ kind: 'phone', value: input.phone });
  if (input.email) keys.push({ kind: 'email', value: input.email });
  return keys.map((k) => ({ ...k, docId: identityDocId(k.kind, k.value) }));
}

/** Newer consent wins; consent without a time only fills an unknown. */
function mergeConsent(current: ChannelConsent, incoming: CustomerInput['emailConsent'], source: string): ChannelConsent {
  if (!incoming) return current;
  const newer = incoming.at && (!current.at || incoming.at > current.at);
  const fillsUnknown = !incoming.at && current.status === 'unknown';
  return newer || fillsUnknown ? { status: incoming.status, source, at: incoming.at } : current;
}

/**
 * Finds the one profile for a person: by the provider's customer id, then by phone (E.164), then
 * by lower-cased email; creates one only when none matches; links every key to it. Identity keys
 * are documents claimed inside the transaction, so concurrent deliveries for a new person create
 * one profile. Customers written by other paths (seed, import) are found by query as a fallback.
 */
export async function resolveCustomer(ctx: SignalContext, input: CustomerInput, mode: ResolveMode): Promise<ResolvedCustomer | null> {
  const keys = keysOf(input);
  if (!keys.length) return null;
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const sourceLabel = SOURCE[ctx.source];
  // Customers written by other paths (seed, import) have no identity documents: find them by
  // query first, outside the transaction, then re-read them inside it.
  const claimed = await tdb.identities.ref.firestore.getAll(...keys.map((k) => tdb.identities.doc(k.docId)));
  const likelyId = claimed.map((s) => s.data()?.customerId).find((id): id is string => !!id);
  const fallbackId = likelyId ? null : ((await findByQuery(ctx.orgId, input))?.id ?? null);
  const known = likelyId ?? fallbackId;
  return signalLocks.run(
    // The customer's own key too, so this instance never has a resolve and an order for the same person contend.
    [...keys.map((k) => `identity:${ctx.orgId}:${k.docId}`), ...(known ? [`customer:${ctx.orgId}:${known}`] : [])],
    () =>
      firestore().runTransaction(async (tx) => {
        const identitySnaps = await tx.getAll(...keys.map((k) => tdb.identities.doc(k.docId)));
        const claimedBy = identitySnaps.map((s) => s.data()?.customerId).find((id): id is string => !!id) ?? fallbackId;
        const existing = claimedBy ? ((await tx.get(tdb.customers.doc(claimedBy))).data() ?? null) : null;
        const customer = existing ? merge(existing, input, mode, sourceLabel, now) : create(input, sourceLabel, now);
        if (!existing || changed(existing, customer)) tx.set(tdb.customers.doc(customer.id), customer);
        if (!existing) tx.set(tdb.customerOrderIndex.doc(customer.id), { id: customer.id, orders: {}, updatedAt: now });
        identitySnaps.forEach((snap, i) => {
          if (snap.exists) return;
          const k = keys[i]!;
          tx.create(tdb.identities.doc(k.docId), { id: k.docId, kind: k.kind, value: k.value, customerId: customer.id, createdAt: now });
        });
        return { customer, isNew: !existing };
      }),
  );
}

async function findByQuery(orgId: string, input: CustomerInput): Promise<Customer | null> {
  const customers = tenantDb(orgId).customers.ref;
  const queries = [
    input.externalId ? customers.where('externalIds', 'array-contains', input.externalId) : null,
    input.phone ? customers.where('phone', '==', input.phone) : null,
    input.email ? customers.where('email', '==', input.email) : null,
  ];
  for (const q of queries) {
    if (!q) continue;
    const snap = await q.limit(1).get();
    if (!snap.empty) return snap.docs[0]!.data();
  }
  return null;
}

/** Whether a merge changed anything worth a write (updatedAt alone is not). */
function changed(before: Customer, after: Customer): boolean {
  const strip = ({ updatedAt: _u, ...rest }: Customer) => JSON.stringify(rest);
  return strip(before) !== strip(after);
}

function create(input: CustomerInput, source: CustomerSource, now: Date): Customer {
  const unknown: ChannelConsent = { status: 'unknown', source, at: null };
  return {
    id: `cus_${randomBytes(9)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, 'x')}`,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone,
    dateOfBirth: input.dateOfBirth,
    timeZone: null,
    homeLocationId: null,
    searchName: searchNameOf(input.firstName, input.lastName),
    tags: [...new Set(input.tags)],
    externalIds: input.externalId ? [input.externalId] : [],
    consent: { email: mergeConsent(unknown, input.emailConsent, source), sms: mergeConsent(unknown, input.smsConsent, source) },
    lifetimeValueCents: 0,
    orderCount: 0,
    avgOrderValueCents: 0,
    firstOrderAt: null,
    lastOrderAt: null,
    pointsBalance: 0,
    segment: null,
    source,
    createdAt: now,
    updatedAt: now,
  };
}

function merge(c: Customer, input: CustomerInput, mode: ResolveMode, source: CustomerSource, now: Date): Customer {
  const pick = <T>(current: T, incoming: T | null | '') => {
    if (incoming === null || incoming === '') return current;
    return mode === 'profile' || current === null || current === '' ? incoming : current;
  };
  const firstName = pick(c.firstName, input.firstName);
  const lastName = pick(c.lastName, input.lastName);
  return {
    ...c,
    firstName,
    lastName,
    searchName: searchNameOf(firstName, lastName),
    email: pick(c.email, input.email),
    phone: pick(c.phone, input.phone),
    dateOfBirth: pick(c.dateOfBirth, input.dateOfBirth),
    tags: mode === 'profile' ? [...new Set([...c.tags, ...input.tags])] : c.tags,
    externalIds: input.externalId && !c.externalIds.includes(input.externalId) ? [...c.externalIds, input.externalId] : c.externalIds,
    consent: { email: mergeConsent(c.consent.email, input.emailConsent, source), sms: mergeConsent(c.consent.sms, input.smsConsent, source) },
    updatedAt: now,
  };
}
