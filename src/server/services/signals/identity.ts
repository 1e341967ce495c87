import { randomBytes } from 'node:crypto';
import { Filter, type DocumentReference, type DocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import { type ChannelConsent, type Customer, type CustomerSource, newCustomer } from '@/domain/customer';
import { searchNameOf } from '@/domain/customer';
import type { EventSource } from '@/domain/events/event-data';
import { IDENTITY_INDEX_DOC, identityDocId, type IdentityIndex, type IdentityKind } from '@/domain/signals/records';
import type { CustomerInput } from '@/domain/signals/signal';
import { tenantDb } from '../../db/tenant-db';

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

/** A person a signal names: their identity keys, and the id a new profile for them would get. */
export interface IdentityPlan {
  input: CustomerInput;
  mode: ResolveMode;
  keys: Array<{ kind: IdentityKind; value: string; docId: string }>;
  newId: string;
}

export interface ResolvedInTx {
  customer: Customer;
  /** The stored profile before this signal, or null for a new one. */
  before: Customer | null;
  isNew: boolean;
  /** The snapshots of `alongside`'s documents, read with the found profile (empty for a new one). */
  alongside: DocumentSnapshot[];
  /** Writes the profile (if it changed) and claims the keys not yet claimed; call after every read. */
  write(tx: Transaction, customer: Customer): void;
}

function keysOf(input: CustomerInput): IdentityPlan['keys'] {
  const keys: Array<{ kind: IdentityKind; value: string }> = [];
  if (input.externalId) keys.push({ kind: 'ext', value: input.externalId });
  if (input.phone) keys.push({ kind: 'phone', value: input.phone });
  if (input.email) keys.push({ kind: 'email', value: input.email });
  return keys.map((k) => ({ ...k, docId: identityDocId(k.kind, k.value) }));
}

export function newCustomerId(): string {
  return `cus_${randomBytes(9)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')}`;
}

/** The person's keys (null when the input names none). Reads nothing: the transaction reads the keys. */
export function planIdentity(input: CustomerInput, mode: ResolveMode): IdentityPlan | null {
  const keys = keysOf(input);
  return keys.length ? { input, mode, keys, newId: newCustomerId() } : null;
}

/** The in-process locks for the person: their keys (this instance's work on one person runs in turn). */
export function identityLocks(orgId: string, plan: IdentityPlan | null): string[] {
  return plan ? plan.keys.map((k) => `identity:${orgId}:${k.docId}`) : [];
}

/** One OR query over the person's keys; the provider's id wins over the phone, the phone over the email. */
async function findByQuery(orgId: string, input: CustomerInput): Promise<string | null> {
  const filters = [
    input.externalId ? Filter.where('externalIds', 'array-contains', input.externalId) : null,
    input.phone ? Filter.where('phone', '==', input.phone) : null,
    input.email ? Filter.where('email', '==', input.email) : null,
  ].filter((f): f is Filter => !!f);
  const snap = await tenantDb(orgId)
    .customers.ref.where(filters.length === 1 ? filters[0]! : Filter.or(...filters))
    .limit(10)
    .get();
  const found = snap.docs.map((d) => d.data());
  const match =
    (input.externalId ? found.find((c) => c.externalIds.includes(input.externalId!)) : undefined) ??
    (input.phone ? found.find((c) => c.phone === input.phone) : undefined) ??
    (input.email ? found.find((c) => c.email === input.email) : undefined);
  // A profile merged into another (docs/crm.md, Duplicate merge) sends its person to the one kept.
  return match ? (match.mergedInto ?? match.id) : null;
}

/**
 * The documents the transaction reads for a person, with its other documents in one round trip:
 * the dispensary's identity index state, then the person's identity keys.
 */
export function identityRefs(orgId: string, plan: IdentityPlan): DocumentReference[] {
  const tdb = tenantDb(orgId);
  return [tdb.identityIndex.doc(IDENTITY_INDEX_DOC), ...plan.keys.map((k) => tdb.identities.doc(k.docId))] as DocumentReference[];
}

/**
 * Finds the one profile for a person inside the transaction, from the snapshots of identityRefs:
 * by the provider's customer id, then by phone (E.164), then by lower-cased email, as their
 * identity documents say; creates one only when none matches; links every key to it. Identity
 * keys are documents claimed in the transaction, so concurrent deliveries for a new person create
 * one profile. Only where customers were written without identity documents (the index is
 * incomplete) is a key nobody claims also looked up by query. A found profile is read in the
 * transaction (a second round trip); a new one costs none. A new one is also queued for the
 * duplicate check (duplicate_checks), with whether the index was complete.
 */
export async function resolveInTx(
  tx: Transaction,
  ctx: { orgId: string; source: EventSource; now: Date },
  plan: IdentityPlan,
  snaps: DocumentSnapshot[],
  /** Documents of a found customer the caller reads next, read in the same round trip as the profile. */
  alongside?: (customerId: string) => DocumentReference[],
): Promise<ResolvedInTx> {
  const tdb = tenantDb(ctx.orgId);
  const [indexSnap, ...identitySnaps] = snaps;
  const complete = (indexSnap?.data() as IdentityIndex | undefined)?.complete === true;
  const claimedBy =
    identitySnaps.map((s) => s.data()?.customerId as string | undefined).find((id): id is string => !!id) ??
    (complete ? null : await findByQuery(ctx.orgId, plan.input));
  const [customerSnap, ...alongsideSnaps] = claimedBy
    ? await tx.getAll(tdb.customers.doc(claimedBy) as DocumentReference, ...(alongside?.(claimedBy) ?? []))
    : [];
  const existing = (customerSnap?.data() as Customer | undefined) ?? null;
  const source = SOURCE[ctx.source];
  const customer = existing ? merge(existing, plan.input, plan.mode, source, ctx.now) : create(plan.newId, plan.input, source, ctx.now);
  return {
    customer,
    before: existing,
    isNew: !existing,
    alongside: existing ? alongsideSnaps : [],
    write(wtx, final) {
      if (!existing) wtx.set(tdb.customers.doc(final.id), final);
      else tdb.customers.writeChangesIn(wtx, existing, final);
      // A new profile is queued for the tick's duplicate check in its own commit (docs/crm.md,
      // Duplicate merge): the check's queries stay out of the delivery, and none is lost to a crash.
      if (!existing) {
        wtx.set(tdb.duplicateChecks.doc(final.id), { id: final.id, customerId: final.id, createdAt: ctx.now, identityIndexComplete: complete });
      }
      identitySnaps.forEach((snap, i) => {
        if (snap.exists) return;
        const k = plan.keys[i]!;
        wtx.create(tdb.identities.doc(k.docId), { id: k.docId, kind: k.kind, value: k.value, customerId: final.id, createdAt: ctx.now });
      });
    },
  };
}

/** Newer consent wins; consent without a time only fills an unknown. */
function mergeConsent(current: ChannelConsent, incoming: CustomerInput['emailConsent'], source: string): ChannelConsent {
  if (!incoming) return current;
  const newer = incoming.at && (!current.at || incoming.at > current.at);
  const fillsUnknown = !incoming.at && current.status === 'unknown';
  return newer || fillsUnknown ? { status: incoming.status, source, at: incoming.at } : current;
}

function create(id: string, input: CustomerInput, source: CustomerSource, now: Date): Customer {
  const unknown: ChannelConsent = { status: 'unknown', source, at: null };
  // A new id: no message or A/B split can name it yet, so its touch marks start known (and empty).
  const marks = { lastSendAt: null, splitWindowEndsAt: null };
  const customer = newCustomer(
    {
      id,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone,
      dateOfBirth: input.dateOfBirth,
      tags: [...new Set(input.tags)],
      externalIds: input.externalId ? [input.externalId] : [],
      consent: { email: mergeConsent(unknown, input.emailConsent, source), sms: mergeConsent(unknown, input.smsConsent, source) },
      source,
    },
    now,
  );
  return { ...customer, ...marks };
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
