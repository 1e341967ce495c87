import { randomUUID } from 'node:crypto';
import { FieldPath, type Query } from 'firebase-admin/firestore';
import { privacyExportFilename } from '@/domain/crm/privacy';
import type { ServiceContext } from '../../context';
import { tenantDb, type TenantDb } from '../../db/tenant-db';

/** Rows read per query page, and pages at most per kind of record: 20 × 500 = 10,000 rows a kind. */
export const EXPORT_PAGE_SIZE = 500;
export const EXPORT_MAX_PAGES = 20;

export interface ExportSection {
  rows: unknown[];
  /** True when the kind held more than EXPORT_PAGE_SIZE × EXPORT_MAX_PAGES rows and the rest was not read. */
  truncated: boolean;
}

export interface CustomerDataExport {
  filename: string;
  requestId: string;
  data: {
    exportedAt: string;
    customerId: string;
    profile: unknown;
    loyaltyAccount: unknown;
    sections: Record<string, ExportSection>;
    limits: string;
  };
}

/** Every row of one query, in id order, page by page; stops after EXPORT_MAX_PAGES pages. */
async function readAll(query: Query): Promise<ExportSection> {
  const rows: unknown[] = [];
  let last: string | null = null;
  for (let page = 0; page < EXPORT_MAX_PAGES; page += 1) {
    let q = query.orderBy(FieldPath.documentId()).limit(EXPORT_PAGE_SIZE);
    if (last) q = q.startAfter(last);
    const snap = await q.get();
    rows.push(...snap.docs.map((d) => d.data()));
    if (snap.size < EXPORT_PAGE_SIZE) return { rows, truncated: false };
    last = snap.docs.at(-1)!.id;
  }
  return { rows, truncated: true };
}

/** The per-customer stores the export reads (and erasure works through): one query each. */
export function customerQueries(db: TenantDb, id: string): Record<string, Query> {
  const byCustomer = (q: Query) => q.where('customerId', '==', id);
  return {
    orders: byCustomer(db.orders.ref),
    messages: byCustomer(db.sends.ref),
    inboundMessages: byCustomer(db.inboundMessages.ref),
    consentHistory: byCustomer(db.consentEvents.ref),
    pointsLines: byCustomer(db.loyaltyLines.ref),
    playbookRuns: byCustomer(db.runs.ref),
    events: byCustomer(db.events.ref),
    checkouts: byCustomer(db.checkouts.ref),
    tasks: byCustomer(db.tasks.ref),
    notes: db.customerNotes(id).ref,
    tagHistory: db.tagHistory(id).ref,
    segmentHistory: db.segmentHistory(id).ref,
  };
}

/**
 * Everything BakedBot holds about one customer, as one JSON document, logged in privacy_requests
 * (who, when) before it is read, so an export that fails halfway is still on record.
 */
export async function exportCustomerData(ctx: ServiceContext, customerId: string): Promise<CustomerDataExport> {
  const db = tenantDb(ctx.orgId);
  const customer = await db.customers.getOrThrow(customerId);
  const now = ctx.clock.now();
  const requestId = `prq_${randomUUID()}`;
  await db.privacyRequests.create({
    id: requestId,
    kind: 'export',
    customerId,
    actorUid: ctx.actor.uid,
    actorEmail: ctx.actor.email ?? null,
    role: ctx.actor.role ?? ctx.actor.kind,
    reason: null,
    status: 'running',
    counts: {},
    at: now,
    completedAt: null,
  });
  const queries = customerQueries(db, customerId);
  const sections: Record<string, ExportSection> = {};
  // One kind after another: at most EXPORT_MAX_PAGES queries in flight per kind, never the whole tenant.
  for (const [name, q] of Object.entries(queries)) sections[name] = await readAll(q);
  const { searchKeys: _keys, ...profile } = customer;
  const counts = Object.fromEntries(Object.entries(sections).map(([k, s]) => [k, s.rows.length]));
  await db.privacyRequests.update(requestId, { status: 'completed', counts, completedAt: ctx.clock.now() });
  return {
    filename: privacyExportFilename(customerId, now),
    requestId,
    data: {
      exportedAt: now.toISOString(),
      customerId,
      profile,
      loyaltyAccount: await db.loyaltyAccounts.get(customerId),
      sections,
      limits: `Each kind of record is read in pages of ${EXPORT_PAGE_SIZE}, at most ${EXPORT_PAGE_SIZE * EXPORT_MAX_PAGES} rows; a kind marked truncated holds more.`,
    },
  };
}
