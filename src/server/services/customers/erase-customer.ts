import { randomUUID } from 'node:crypto';
import { FieldPath, type DocumentData, type Query, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { EraseInputSchema, erasedProfile, erasureConfirmed, redactPersonFields, REDACTION_NOTE } from '@/domain/crm/privacy';
import { AppError, errors } from '@/domain/errors';
import type { Send } from '@/domain/messaging/send';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb, type TenantDb } from '../../db/tenant-db';

/** Documents per batch (one batched write each, far under Firestore's 500), and batches per kind per call. */
export const ERASE_PAGE_SIZE = 200;
export const ERASE_MAX_PAGES = 250;

export interface EraseResult {
  requestId: string;
  /** `running` when a kind held more than ERASE_PAGE_SIZE × ERASE_MAX_PAGES documents: erase again to finish. */
  status: 'running' | 'completed';
  counts: Record<string, number>;
}

type Docs = QueryDocumentSnapshot<DocumentData>[];

/**
 * Walks a query in id order and hands each page to `fix`, which returns the writes it wants (a
 * document already redacted gives none, so a re-run writes nothing twice). Returns the number of
 * documents written and whether the query was finished.
 */
type Write = (b: FirebaseFirestore.WriteBatch) => void;
async function redactPages(query: Query, fix: (docs: Docs) => Write[] | Promise<Write[]>) {
  let last: string | null = null;
  let written = 0;
  for (let page = 0; page < ERASE_MAX_PAGES; page += 1) {
    let q = query.orderBy(FieldPath.documentId()).limit(ERASE_PAGE_SIZE);
    if (last) q = q.startAfter(last);
    const snap = await q.get();
    const writes = await fix(snap.docs);
    if (writes.length) {
      const batch = firestore().batch();
      for (const w of writes) w(batch);
      await batch.commit();
      written += writes.length;
    }
    if (snap.size < ERASE_PAGE_SIZE) return { written, done: true };
    last = snap.docs.at(-1)!.id;
  }
  return { written, done: false };
}

/** Queries whose documents leave the query once written (orders unlinked, notes deleted): read the first page again each time. */
async function drainPages(query: Query, write: (b: FirebaseFirestore.WriteBatch, d: QueryDocumentSnapshot) => void) {
  let written = 0;
  for (let page = 0; page < ERASE_MAX_PAGES; page += 1) {
    const snap = await query.limit(ERASE_PAGE_SIZE).get();
    if (snap.empty) return { written, done: true };
    const batch = firestore().batch();
    for (const d of snap.docs) write(batch, d);
    await batch.commit();
    written += snap.size;
  }
  return { written, done: false };
}

const changed = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

function redactedMessage(m: Send['message']): Send['message'] {
  return { ...m, subject: m.subject === null ? null : REDACTION_NOTE, html: m.html === null ? null : REDACTION_NOTE, text: REDACTION_NOTE, headers: {} };
}

/** The history around the profile: each kind in bounded batches, each idempotent. */
async function eraseHistory(db: TenantDb, id: string): Promise<{ counts: Record<string, number>; done: boolean }> {
  const by = (q: Query) => q.where('customerId', '==', id);
  const steps = {
    sendsRedacted: () =>
      redactPages(by(db.sends.ref), (docs) =>
        docs
          .map((d) => d.data() as Send)
          .filter((s) => s.to !== null || s.message.text !== REDACTION_NOTE)
          .map((s) => (b) => b.update(db.sends.doc(s.id), db.sends.patch(s.id, { to: null, message: redactedMessage(s.message), links: [] }))),
      ),
    eventsRedacted: () =>
      redactPages(by(db.events.ref), (docs) =>
        docs.flatMap((d) => {
          const e = d.data() as { data: Record<string, unknown> };
          const data = redactPersonFields(e.data);
          return changed(data, e.data) ? [(b: FirebaseFirestore.WriteBatch) => b.update(db.events.doc(d.id), { data })] : [];
        }),
      ),
    runsRedacted: () =>
      redactPages(by(db.runs.ref), (docs) =>
        docs.flatMap((d) => {
          const ctx = (d.data() as { context: Record<string, unknown> }).context;
          const context = redactPersonFields(ctx);
          return changed(context, ctx) ? [(b: FirebaseFirestore.WriteBatch) => b.update(db.runs.doc(d.id), db.runs.patch(d.id, { context }))] : [];
        }),
      ),
    inboundRedacted: () =>
      redactPages(by(db.inboundMessages.ref), (docs) =>
        docs
          .filter((d) => (d.data() as { body: string }).body !== REDACTION_NOTE)
          .map((d) => (b) => b.update(db.inboundMessages.doc(d.id), { from: 'erased', to: null, body: REDACTION_NOTE })),
      ),
    checkoutsRedacted: () =>
      redactPages(by(db.checkouts.ref), (docs) =>
        docs
          .filter((d) => {
            const c = d.data() as { email: unknown; phone: unknown; recoveryUrl: unknown };
            return c.email !== null || c.phone !== null || c.recoveryUrl !== null;
          })
          .map((d) => (b) => b.update(db.checkouts.doc(d.id), { email: null, phone: null, recoveryUrl: null })),
      ),
    // The raw webhook bodies that named them: emptied, so a replay cannot bring their details back.
    deliveriesEmptied: () =>
      redactPages(db.deliveries.ref.where('customerIds', 'array-contains', id), async (docs) => {
        const writes: Write[] = [];
        for (const d of docs.filter((x) => (x.data() as { bodyBytes: number }).bodyBytes > 0)) {
          const chunks = await db.deliveryChunks(d.id).ref.limit(ERASE_PAGE_SIZE).get();
          writes.push((b) => {
            b.update(db.deliveries.doc(d.id), { body: new Uint8Array(0), bodyBytes: 0, bodyChunks: 0 });
            for (const c of chunks.docs) b.delete(c.ref);
          });
        }
        return writes;
      }),
    notesDeleted: () => drainPages(db.customerNotes(id).ref, (b, d) => b.delete(d.ref)),
    // Orders stay for the dispensary's sales figures, no longer linked to anyone.
    ordersUnlinked: () => drainPages(by(db.orders.ref), (b, d) => b.update(d.ref, { customerId: null })),
  };
  const counts: Record<string, number> = {};
  let done = true;
  for (const [name, step] of Object.entries(steps)) {
    const r = await step();
    counts[name] = r.written;
    done &&= r.done;
  }
  return { counts, done };
}

/**
 * Erases one customer on request (owners; docs/crm.md, Privacy requests). First, in one
 * transaction: the profile loses its name, contact details, keys, tags and consent, its identity
 * keys are released (so the next delivery with that phone or email starts a new profile), and the
 * request is logged. Then the history is redacted in bounded batches. Every part is idempotent:
 * erasing again (confirm "ERASE") finishes what a failed or cut-off run left.
 */
export async function eraseCustomer(ctx: ServiceContext, customerId: string, input: unknown): Promise<EraseResult> {
  const parsed = EraseInputSchema.safeParse(input);
  if (!parsed.success) throw errors.validation(parsed.error, 'Give a reason and confirm the erasure.');
  const { reason, confirm } = parsed.data;
  const db = tenantDb(ctx.orgId);
  const requestId = `prq_${randomUUID()}`;
  const now = ctx.clock.now();
  let identitiesReleased = 0;
  await firestore().runTransaction(async (tx) => {
    const customer = (await tx.get(db.customers.doc(customerId))).data();
    if (!customer) throw errors.notFound('Customer', customerId);
    if (!customer.erasedAt && !erasureConfirmed(customer, confirm)) {
      throw new AppError('validation_failed', 'Type the customer’s full name as shown, or ERASE, to confirm.', {
        issues: [{ path: 'confirm', message: 'Does not match the customer’s name' }],
      });
    }
    const identities = await tx.get(db.identities.ref.where('customerId', '==', customerId).limit(400));
    identitiesReleased = identities.size;
    // Through the customers collection's converter: its prepare hook derives the (now empty) search keys.
    tx.set(db.customers.doc(customerId), erasedProfile(customer, ctx.actor.uid, now));
    for (const d of identities.docs) tx.delete(d.ref);
    tx.create(db.privacyRequests.doc(requestId), {
      id: requestId,
      kind: 'erase',
      customerId,
      actorUid: ctx.actor.uid,
      actorEmail: ctx.actor.email ?? null,
      role: ctx.actor.role ?? ctx.actor.kind,
      reason,
      status: 'running',
      counts: {},
      at: now,
      completedAt: null,
    });
  });
  const history = await eraseHistory(db, customerId);
  const counts = { identitiesReleased, ...history.counts };
  const status = history.done ? 'completed' : 'running';
  await db.privacyRequests.update(requestId, { status, counts, completedAt: history.done ? ctx.clock.now() : null });
  ctx.log?.info({ customerId, requestId, status, counts }, 'customer erased on request');
  return { requestId, status, counts };
}
