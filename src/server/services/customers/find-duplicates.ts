import { FieldPath, type QuerySnapshot } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { fullNameToken, rankDuplicates, type DuplicateCandidate } from '@/domain/crm/customer-merge';
import { proposalId, type DuplicateProposal } from '@/domain/crm/duplicate-proposal';
import { forEachConcurrently } from '@/domain/concurrency';
import { AppError } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** Each query reads at most this many profiles: a handful of people share a phone or a name, not hundreds. */
const PER_QUERY = 20;

export interface CheckOptions {
  /**
   * The profile was created by identity resolution while the dispensary's identity index was
   * complete: its phone and email were claimed by no other profile in that commit, so the
   * same-phone and same-email queries can find nobody else and are skipped.
   */
  identityIndexComplete?: boolean;
}

/** Values one query asks for at once: Firestore's limit for `in` and `array-contains-any`. */
const MAX_DISJUNCTION = 30;

type KeyField = 'phone' | 'email' | 'searchKeys';
export interface Probe {
  customer: Customer;
  options?: CheckOptions;
}

/** What a profile is looked up by: same phone, same email, same folded full name, same last four phone digits. */
function keysOf(c: Customer, o: CheckOptions = {}): Array<[KeyField, string]> {
  if (c.mergedInto) return [];
  const keys: Array<[KeyField, string]> = [];
  if (c.phone && !o.identityIndexComplete) keys.push(['phone', c.phone]);
  if (c.email && !o.identityIndexComplete) keys.push(['email', c.email]);
  const nameToken = fullNameToken(c);
  if (nameToken) keys.push(['searchKeys', nameToken]);
  const digits = c.phone?.replace(/\D/g, '').slice(-4);
  if (digits?.length === 4) keys.push(['searchKeys', `d:${digits}`]);
  return keys;
}

const customersIn = (snap: QuerySnapshot<Customer>) => snap.docs.map((d) => d.data());
const has = (c: Customer, field: KeyField, value: string) => (field === 'searchKeys' ? (c.searchKeys ?? []).includes(value) : c[field] === value);

/**
 * The candidates of many profiles of one tenant at once. Their keys are asked for together, up to
 * 30 values a query (`in` for phone and email, `array-contains-any` for the name and phone-ending
 * keys), so a page of 100 new profiles costs a handful of queries rather than 200 to 400 (each
 * query is a billed read and a round trip; on the emulator each also sorts the whole collection).
 * The answer is the same as one query of PER_QUERY per key: the results come in document-id order
 * either way, and each key keeps its first PER_QUERY matches; a combined query that fills its
 * limit asks for each of its keys alone instead. Never a scan.
 */
export async function duplicateCandidatesOf(orgId: string, probes: readonly Probe[]): Promise<DuplicateCandidate[][]> {
  const tdb = tenantDb(orgId);
  const keys = probes.map((p) => keysOf(p.customer, p.options));
  const matches = new Map<string, Customer[]>();
  const at = (field: KeyField, value: string) => `${field}\u0000${value}`;
  const collect = (field: KeyField, values: readonly string[], docs: readonly Customer[]) => {
    for (const value of values) matches.set(at(field, value), docs.filter((d) => has(d, field, value)).slice(0, PER_QUERY));
  };
  const byField = new Map<KeyField, Set<string>>();
  for (const [field, value] of keys.flat()) byField.set(field, (byField.get(field) ?? new Set()).add(value));
  const queries: Array<Promise<void>> = [];
  for (const [field, all] of byField) {
    const values = [...all];
    for (let i = 0; i < values.length; i += MAX_DISJUNCTION) {
      const chunk = values.slice(i, i + MAX_DISJUNCTION);
      queries.push(
        (async () => {
          const limit = PER_QUERY * chunk.length;
          const q = field === 'searchKeys' ? tdb.customers.ref.where(field, 'array-contains-any', chunk) : tdb.customers.ref.where(field, 'in', chunk);
          const snap = await q.limit(limit + 1).get();
          if (snap.size <= limit) return collect(field, chunk, customersIn(snap));
          // Some key is shared by many: each alone, so none loses its matches to another's.
          const alone = (value: string) =>
            field === 'searchKeys' ? tdb.customers.ref.where(field, 'array-contains', value) : tdb.customers.ref.where(field, '==', value);
          await Promise.all(chunk.map(async (value) => collect(field, [value], customersIn(await alone(value).limit(PER_QUERY).get()))));
        })(),
      );
    }
  }
  await Promise.all(queries);
  const found = (i: number) => keys[i]!.flatMap(([field, value]) => matches.get(at(field, value)) ?? []);
  return probes.map((p, i) => rankDuplicates(p.customer, found(i)));
}

/** One profile's candidates: at most one query per kind of key (phone, email, name and phone ending). */
async function candidatesOf(orgId: string, c: Customer, o: CheckOptions = {}): Promise<DuplicateCandidate[]> {
  return (await duplicateCandidatesOf(orgId, [{ customer: c, options: o }]))[0]!;
}

/** The profiles that look like the same person as this customer, ranked, with the reason in plain words. */
export async function findDuplicatesFor(ctx: ServiceContext, customerId: string): Promise<DuplicateCandidate[]> {
  return candidatesOf(ctx.orgId, await tenantDb(ctx.orgId).customers.getOrThrow(customerId));
}

/** A candidate this sure is proposed when a profile is new: any identity key in common, or the same name and date of birth. */
export const STRONG_DUPLICATE_SCORE = 80;

/** The scan's proposal document for the pair (one id per pair, whichever side is named first). */
function proposalFor(c: Customer, cand: DuplicateCandidate, now: Date): DuplicateProposal {
  const name = `${c.firstName} ${c.lastName}`.trim() || 'Unnamed customer';
  return {
    id: proposalId(c.id, cand.customerId),
    customerIds: [c.id, cand.customerId],
    names: [name, cand.name],
    reasons: cand.reasons,
    score: cand.score,
    createdAt: now,
  };
}

/**
 * Checks a profile just created (by a signed webhook, from the tick's duplicate checks; or by an
 * import), after the transaction that created it: the candidate lookup's few indexed queries
 * (fewer with `identityIndexComplete`), and a proposal stored for each strong candidate
 * that has none yet (the scan's document and id, so neither proposes a pair twice). Never merges.
 * Returns the proposals written.
 */
export async function proposeDuplicatesOf(
  ctx: Pick<ServiceContext, 'orgId' | 'clock'>,
  customer: Customer,
  o: CheckOptions = {},
): Promise<DuplicateProposal[]> {
  return proposeDuplicatesFrom(ctx, customer, await candidatesOf(ctx.orgId, customer, o));
}

/** proposeDuplicatesOf with the candidates already looked up. */
export async function proposeDuplicatesFrom(
  ctx: Pick<ServiceContext, 'orgId' | 'clock'>,
  customer: Customer,
  candidates: readonly DuplicateCandidate[],
): Promise<DuplicateProposal[]> {
  const tdb = tenantDb(ctx.orgId);
  const strong = candidates.filter((c) => c.score >= STRONG_DUPLICATE_SCORE);
  const now = ctx.clock.now();
  const written: DuplicateProposal[] = [];
  for (const cand of strong) {
    const p = proposalFor(customer, cand, now);
    try {
      await tdb.duplicateProposals.create(p);
      written.push(p);
    } catch (err) {
      // Proposed already (by the scan, or another new profile's check): the first proposal stands.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  return written;
}

/** Profiles the import looks up together (the tick's page), and proposals written at once. */
const IMPORT_LOOKUP_PAGE = 100;
const PROPOSALS_AT_ONCE = 8;

/**
 * The import's check of the profiles a chunk window created: looked up together a page at a time
 * (duplicateCandidatesOf), then proposed as above. A failure is logged, never thrown, so the
 * import chunk it follows is not failed or retried for it (the scan finds the pair later).
 * Returns the proposals written.
 */
export async function proposeDuplicatesSafely(ctx: Pick<ServiceContext, 'orgId' | 'clock' | 'log'>, customers: readonly Customer[]): Promise<number> {
  let proposed = 0;
  for (let start = 0; start < customers.length; start += IMPORT_LOOKUP_PAGE) {
    const page = customers.slice(start, start + IMPORT_LOOKUP_PAGE);
    let candidates: DuplicateCandidate[][];
    try {
      candidates = await duplicateCandidatesOf(
        ctx.orgId,
        page.map((customer) => ({ customer })),
      );
    } catch (err) {
      ctx.log?.warn({ err, customerIds: page.map((c) => c.id) }, 'could not check new customers for duplicates');
      continue;
    }
    const written = page.map(() => 0);
    await forEachConcurrently(page, PROPOSALS_AT_ONCE, async (customer, i) => {
      try {
        written[i] = (await proposeDuplicatesFrom(ctx, customer, candidates[i]!)).length;
      } catch (err) {
        ctx.log?.warn({ err, customerId: customer.id }, 'could not check a new customer for duplicates');
      }
    });
    proposed += written.reduce((a, b) => a + b, 0);
  }
  return proposed;
}

/** Customers looked at per scan request: at most 4 small queries each, so a request stays well under a second or two. */
export const SCAN_PAGE = 50;

/**
 * One step of the tenant-wide duplicate scan: the next SCAN_PAGE customers in id order, each
 * checked as above, and a proposal stored for every pair not proposed yet. Nothing is merged.
 * Resumable: the position is stored, and a finished pass starts again from the first customer.
 */
export async function scanDuplicates(ctx: ServiceContext): Promise<{ scanned: number; proposed: number; done: boolean }> {
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const state = await tdb.duplicateScan.get('scan');
  let q = tdb.customers.ref.orderBy(FieldPath.documentId()).limit(SCAN_PAGE);
  if (state?.cursor) q = q.startAfter(state.cursor);
  const page = (await q.get()).docs.map((d) => d.data());
  const found = new Map<string, DuplicateProposal>();
  const candidates = await duplicateCandidatesOf(
    ctx.orgId,
    page.map((customer) => ({ customer })),
  );
  for (const [i, c] of page.entries()) {
    for (const cand of candidates[i]!) {
      const p = proposalFor(c, cand, now);
      if (!found.has(p.id)) found.set(p.id, p);
    }
  }
  const refs = [...found.keys()].map((id) => tdb.duplicateProposals.doc(id));
  const existing = new Set(refs.length ? (await tdb.duplicateProposals.ref.firestore.getAll(...refs)).filter((s) => s.exists).map((s) => s.id) : []);
  const fresh = [...found.values()].filter((p) => !existing.has(p.id));
  const batch = tdb.duplicateProposals.ref.firestore.batch();
  for (const p of fresh) batch.set(tdb.duplicateProposals.doc(p.id), tdb.duplicateProposals.parse(p));
  const done = page.length < SCAN_PAGE;
  batch.set(
    tdb.duplicateScan.doc('scan'),
    tdb.duplicateScan.parse({
      id: 'scan',
      cursor: done ? null : (page.at(-1)?.id ?? null),
      scanned: (state?.cursor ? state.scanned : 0) + page.length,
      proposed: (state?.cursor ? state.proposed : 0) + fresh.length,
      finishedAt: done ? now : null,
      updatedAt: now,
    }),
  );
  await batch.commit();
  return { scanned: page.length, proposed: fresh.length, done };
}

/** Open proposals, surest first, one page (cursor: the last proposal's id). */
export async function listDuplicateProposals(ctx: ServiceContext, opts: { cursor?: string; limit?: number } = {}) {
  const tdb = tenantDb(ctx.orgId);
  const limit = opts.limit ?? 50;
  let q = tdb.duplicateProposals.ref
    .orderBy('score', 'desc')
    .orderBy(FieldPath.documentId(), 'desc')
    .limit(limit + 1);
  if (opts.cursor) {
    const at = await tdb.duplicateProposals.ref.doc(opts.cursor).get();
    if (at.exists) q = q.startAfter(at);
  }
  const rows = (await q.get()).docs.map((d) => d.data());
  return { proposals: rows.slice(0, limit), nextCursor: rows.length > limit ? (rows[limit - 1]?.id ?? null) : null };
}
