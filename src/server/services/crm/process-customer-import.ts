import { Filter, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import { customerDisplayName, type Customer } from '@/domain/customer';
import { mergeImportedRow, newImportedCustomer, profileChanged } from '@/domain/crm/import-merge';
import { addCounts, chunkId, countRows, type CustomerImportChunk, type CustomerImportJob, type ImportRowRecord } from '@/domain/crm/import-records';
import { rowKeys } from '@/domain/crm/import-rows';
import type { SegmentThresholds } from '@/domain/crm/segments';
import { defaultLoyaltySettings, LOYALTY_SETTINGS_DOC } from '@/domain/loyalty/settings';
import { IDENTITY_INDEX_DOC, identityDocId, type IdentityIndex, type IdentityKind } from '@/domain/signals/records';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { proposeDuplicatesSafely } from '../customers/find-duplicates';
import { newCustomerId } from '../signals/identity';

const IN_SLICE = 30;

type Key = { kind: IdentityKind; value: string; docId: string };
const keysOf = (row: NonNullable<ImportRowRecord['row']>): Key[] => rowKeys(row).map((k) => ({ ...k, docId: identityDocId(k.kind, k.value) }));

/** Whether the profile holds the key's value (only then is the key claimed for it). */
function holds(c: Customer, k: Key): boolean {
  return k.kind === 'ext' ? c.externalIds.includes(k.value) : k.kind === 'phone' ? c.phone === k.value : c.email === k.value;
}

/**
 * Customers holding keys nobody has claimed, by query (only where the dispensary's identity index
 * is incomplete, as ingest does): `in` on phone and email, `array-contains-any` on external ids.
 */
async function ownersByQuery(tx: Transaction, orgId: string, keys: Key[]): Promise<Map<string, string[]>> {
  const col = tenantDb(orgId).customers.ref;
  const out = new Map<string, string[]>();
  const add = (docId: string, id: string) => out.set(docId, [...new Set([...(out.get(docId) ?? []), id])]);
  for (const kind of ['phone', 'email', 'ext'] as const) {
    const values = keys.filter((k) => k.kind === kind).map((k) => k.value);
    for (let i = 0; i < values.length; i += IN_SLICE) {
      const slice = values.slice(i, i + IN_SLICE);
      const q = kind === 'ext' ? col.where(Filter.where('externalIds', 'array-contains-any', slice)) : col.where(Filter.where(kind, 'in', slice));
      for (const d of (await tx.get(q)).docs) {
        const c = d.data();
        for (const v of slice) if (holds(c, { kind, value: v, docId: '' })) add(identityDocId(kind, v), c.id);
      }
    }
  }
  return out;
}

/** Chunks imported at once: each is its own transaction, so two or three overlap their round trips. */
const WINDOW = 3;

/**
 * Imports one chunk in one transaction: reads the job (still running?), the chunk, the identity
 * keys its rows name and the profiles they point at; then, row by row in file order, creates or
 * merges the profile (a later row naming a customer an earlier row created or updated merges into
 * the same profile), and writes the profiles, the keys newly claimed and the rows' outcomes with
 * the chunk marked done. Chunks run side by side: two naming the same new person both read that
 * person's identity key, so the second is retried after the first commits and merges into the
 * profile it created. A chunk already done is left alone: every row is imported exactly once.
 */
type ChunkOutcome = { outcome: 'imported' | 'skipped'; created: Customer[] };

async function importChunk(ctx: ServiceContext, importId: string, index: number, thresholds: SegmentThresholds): Promise<ChunkOutcome> {
  const tdb = tenantDb(ctx.orgId);
  const jobRef = tdb.customerImports.doc(importId);
  const chunkRef = tdb.customerImportChunks(importId).doc(chunkId(index));
  return firestore().runTransaction(async (tx): Promise<ChunkOutcome> => {
    const createdIds: string[] = [];
    const [jobSnap, chunkSnap] = await tx.getAll(jobRef as DocumentReference, chunkRef as DocumentReference);
    const job = jobSnap!.data() as CustomerImportJob | undefined;
    if (!job || job.status !== 'running' || index < job.nextChunk) return { outcome: 'skipped', created: [] };
    const chunk = chunkSnap!.data() as CustomerImportChunk | undefined;
    if (!chunk) throw new Error(`Chunk ${index} of import ${importId} is missing.`);
    if (chunk.done) return { outcome: 'skipped', created: [] };
    const now = ctx.clock.now();
    const rows = chunk.rows.map((r) => ({ ...r }));
    const allKeys = [...new Map(rows.flatMap((r) => (r.status === 'pending' && r.row ? keysOf(r.row) : [])).map((k) => [k.docId, k])).values()];
    const [indexSnap, ...idSnaps] = await tx.getAll(
      ...([tdb.identityIndex.doc(IDENTITY_INDEX_DOC), ...allKeys.map((k) => tdb.identities.doc(k.docId))] as DocumentReference[]),
    );
    const owners = new Map<string, string[]>();
    idSnaps.forEach((s, i) => {
      const id = (s!.data() as { customerId?: string } | undefined)?.customerId;
      if (id) owners.set(allKeys[i]!.docId, [id]);
    });
    const complete = (indexSnap!.data() as IdentityIndex | undefined)?.complete === true;
    if (!complete)
      for (const [docId, ids] of await ownersByQuery(
        tx,
        ctx.orgId,
        allKeys.filter((k) => !owners.has(k.docId)),
      ))
        owners.set(docId, ids);

    const ids = [...new Set([...owners.values()].flat())];
    const existing = new Map<string, Customer>();
    if (ids.length)
      for (const s of await tx.getAll(...(ids.map((id) => tdb.customers.doc(id)) as DocumentReference[]))) {
        const c = s.data() as Customer | undefined;
        if (c) existing.set(c.id, c);
      }
    const working = new Map(existing);
    for (const r of rows) {
      if (r.status !== 'pending' || !r.row) continue;
      const keys = keysOf(r.row);
      const found = [...new Set(keys.flatMap((k) => owners.get(k.docId) ?? []))].filter((id) => working.has(id));
      if (found.length > 1) {
        const names = found.slice(0, 3).map((id) => customerDisplayName(working.get(id)!));
        Object.assign(r, {
          status: 'bad',
          reason: `The row names ${found.length} different customers (${names.join(', ')}) by its phone, email or external id; correct it or merge them.`.slice(
            0,
            500,
          ),
        });
        continue;
      }
      let customer: Customer;
      if (found[0]) {
        const before = working.get(found[0])!;
        customer = mergeImportedRow(before, r.row, now);
        const changed = profileChanged(before, customer);
        Object.assign(r, { status: changed ? 'updated' : 'skipped', customerId: customer.id });
        if (!changed) customer = before;
      } else {
        customer = newImportedCustomer(newCustomerId(), r.row, thresholds, now);
        Object.assign(r, { status: 'created', customerId: customer.id });
        createdIds.push(customer.id);
      }
      working.set(customer.id, customer);
      for (const k of keys) if (holds(customer, k) && !(owners.get(k.docId) ?? []).some((id) => working.has(id))) owners.set(k.docId, [customer.id]);
    }

    for (const [id, c] of working) {
      const before = existing.get(id);
      if (!before || c !== before) tx.set(tdb.customers.doc(id), c);
    }
    allKeys.forEach((k, i) => {
      const owner = owners.get(k.docId);
      const claimedBy = (idSnaps[i]!.data() as { customerId?: string } | undefined)?.customerId;
      // A key nobody had claimed (or claimed by a profile that is gone), now held by one profile; a key found by query is claimed for its owner.
      if (owner?.length === 1 && working.has(owner[0]!) && claimedBy !== owner[0])
        tx.set(tdb.identities.doc(k.docId), { id: k.docId, kind: k.kind, value: k.value, customerId: owner[0]!, createdAt: now });
    });
    tx.set(chunkRef, { ...chunk, rows, done: true });
    // As the chunk left them: a later row of the chunk may have added to a profile an earlier one created.
    return { outcome: 'imported', created: createdIds.map((id) => working.get(id)!) };
  });
}

/**
 * Moves the job's position over the chunks done since, adding their rows to the counts, and
 * completes the job after the last one: one small transaction per window of chunks.
 */
async function advanceJob(ctx: ServiceContext, importId: string): Promise<CustomerImportJob | null> {
  const tdb = tenantDb(ctx.orgId);
  const jobRef = tdb.customerImports.doc(importId);
  return firestore().runTransaction(async (tx) => {
    const job = (await tx.get(jobRef)).data();
    if (!job || job.status !== 'running') return job ?? null;
    const now = ctx.clock.now();
    const ahead = Array.from({ length: Math.min(job.chunkCount - job.nextChunk, WINDOW * 2) }, (_, i) =>
      tdb.customerImportChunks(importId).doc(chunkId(job.nextChunk + i)),
    );
    const chunks = ahead.length ? await tx.getAll(...(ahead as DocumentReference[])) : [];
    let { nextChunk, processedRows, counts } = job;
    for (const snap of chunks) {
      const chunk = snap.data() as CustomerImportChunk | undefined;
      if (!chunk?.done) break;
      nextChunk += 1;
      processedRows += chunk.rows.length;
      counts = addCounts(counts, countRows(chunk.rows));
    }
    const finished = nextChunk >= job.chunkCount;
    if (nextChunk === job.nextChunk && !finished) return job;
    const next: CustomerImportJob = {
      ...job,
      nextChunk,
      processedRows,
      counts,
      status: finished ? 'completed' : 'running',
      finishedAt: finished ? now : null,
      updatedAt: now,
      error: null,
    };
    tx.set(jobRef, next);
    return next;
  });
}

export interface ProcessOptions {
  /** Epoch ms after which no new chunk is started (the tick or the page goes on from the position). */
  deadline: number;
  /** Stop after this many chunks (tests use it to stop an import part-way). */
  maxChunks?: number;
}

/**
 * Works a running import chunk by chunk until it is done, the deadline passes or maxChunks are
 * imported. A chunk that fails stops the job as failed with a message; "Try again" on the page
 * (POST /api/customers/import/[id]) sets it running from the same position.
 */
export async function processCustomerImport(ctx: ServiceContext, importId: string, opts: ProcessOptions): Promise<{ done: boolean; chunks: number }> {
  const tdb = tenantDb(ctx.orgId);
  const thresholds = ((await tdb.loyaltySettings.get(LOYALTY_SETTINGS_DOC)) ?? defaultLoyaltySettings()).segments;
  let chunks = 0;
  let job = await advanceJob(ctx, importId);
  while (job?.status === 'running' && Date.now() < opts.deadline && (opts.maxChunks === undefined || chunks < opts.maxChunks)) {
    const width = Math.min(WINDOW, job.chunkCount - job.nextChunk, (opts.maxChunks ?? Infinity) - chunks);
    const window = Array.from({ length: width }, (_, i) => job!.nextChunk + i);
    const outcomes = await Promise.allSettled(window.map((index) => importChunk(ctx, importId, index, thresholds)));
    const imported = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value.outcome === 'imported' ? [o.value] : []));
    chunks += imported.length;
    // Proposed, never merged (docs/crm.md, Duplicate merge). A failed check is logged, not the import's failure.
    await proposeDuplicatesSafely(
      ctx,
      imported.flatMap((c) => c.created),
    );
    // The chunks that went through count even when one beside them failed.
    // eslint-disable-next-line require-atomic-updates -- one loop, one writer: `job` is not shared with anything running beside it
    job = await advanceJob(ctx, importId);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) {
      ctx.log?.error({ err: failed.reason, importId }, 'customer import chunk failed');
      if (job?.status === 'running')
        await tdb.customerImports.update(importId, {
          status: 'failed',
          updatedAt: ctx.clock.now(),
          error: `Stopped after ${job.processedRows.toLocaleString('en-US')} rows (an unexpected error). Try again to go on from there.`,
        });
      return { done: true, chunks };
    }
  }
  return { done: job?.status !== 'running', chunks };
}
