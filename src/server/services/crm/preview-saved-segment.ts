import { FieldPath, Timestamp, type DocumentData } from 'firebase-admin/firestore';
import {
  definitionProblems,
  matchesSavedSegment,
  quotesRevenue,
  SavedSegmentDefinitionSchema,
  SUBJECT_FIELDS,
  type SavedSegmentSubject,
} from '@/domain/crm/saved-segment';
import { customerDisplayName } from '@/domain/customer';
import { errors } from '@/domain/errors';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

/** How long one projection serves an editing session's keystrokes. */
const TTL_MS = 60_000;
const PAGE = 2_000;
const SAMPLE = 5;
const NAME_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'erasedAt'] as const;

type Row = SavedSegmentSubject & { name: string };
const projections = new Map<string, { at: number; rows: Promise<Row[]> }>();

const toDate = (v: unknown) => (v instanceof Timestamp ? v.toDate() : v instanceof Date ? v : null);

function rowOf(d: DocumentData): Row {
  return {
    segment: d.segment ?? null,
    loyalty: d.loyalty ? { tierId: d.loyalty.tierId ?? null } : null,
    tags: d.tags ?? [],
    pointsBalance: d.pointsBalance ?? 0,
    lifetimeValueCents: d.lifetimeValueCents ?? 0,
    orderCount: d.orderCount ?? 0,
    avgOrderValueCents: d.avgOrderValueCents ?? 0,
    lastOrderAt: toDate(d.lastOrderAt),
    consent: { email: { status: d.consent?.email?.status }, sms: { status: d.consent?.sms?.status } },
    homeLocationId: d.homeLocationId ?? null,
    categoriesBought: d.categoriesBought ?? [],
    createdAt: toDate(d.createdAt) ?? undefined,
    dateOfBirth: d.dateOfBirth ?? null,
    mergedInto: d.mergedInto ?? null,
    name: customerDisplayName({
      firstName: d.firstName ?? '',
      lastName: d.lastName ?? '',
      email: d.email ?? null,
      phone: d.phone ?? null,
      erasedAt: toDate(d.erasedAt),
    }),
  };
}

/**
 * Every customer of the tenant, projected to the fields the predicate reads (docs/crm.md, Saved
 * segments, Live count): Firestore cannot answer an arbitrary AND of ranges and arrays from its
 * indexes, so the editor's count is the pure predicate over this. Read once in pages by id and
 * kept for 60 s on this instance, so an editing session's keystrokes cost one read of each profile.
 */
function projection(orgId: string): Promise<Row[]> {
  const hit = projections.get(orgId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.rows;
  // Expired projections of other tenants are dropped, so an instance holds only the sessions of the last minute.
  for (const [id, p] of projections) if (Date.now() - p.at >= TTL_MS) projections.delete(id);
  const rows = (async () => {
    const col = firestore().collection(`${tenantDb(orgId).base}/customers`);
    const out: Row[] = [];
    let after: string | null = null;
    for (;;) {
      let q = col
        .select(...SUBJECT_FIELDS, ...NAME_FIELDS)
        .orderBy(FieldPath.documentId())
        .limit(PAGE);
      if (after) q = q.startAfter(after);
      const snap = await q.get();
      for (const doc of snap.docs) out.push(rowOf(doc.data()));
      if (snap.size < PAGE) return out;
      after = snap.docs.at(-1)!.id;
    }
  })();
  projections.set(orgId, { at: Date.now(), rows });
  rows.catch(() => projections.delete(orgId));
  return rows;
}

/** A save changes nothing in the profiles, but the next preview should not be a minute stale about what the job moved. */
export function forgetProjection(orgId: string) {
  projections.delete(orgId);
}

/** The live count while a segment is edited: how many customers match, and the first few names. */
export async function previewSavedSegment(ctx: ServiceContext, raw: unknown): Promise<{ count: number; sample: string[] }> {
  const parsed = SavedSegmentDefinitionSchema.safeParse((raw as { definition?: unknown } | null)?.definition);
  if (!parsed.success) throw errors.validation(parsed.error, definitionProblems(parsed.error));
  // Counting by spend would let the counter learn spend one customer at a time.
  if (quotesRevenue(parsed.data) && !seesRevenue(viewerOf(ctx.actor))) throw errors.forbidden('Conditions on spend are for owners and admins.');
  const now = ctx.clock.now();
  const rows = await projection(ctx.orgId);
  let count = 0;
  const sample: string[] = [];
  for (const row of rows) {
    if (!matchesSavedSegment(parsed.data, row, now)) continue;
    count += 1;
    if (sample.length < SAMPLE) sample.push(row.name);
  }
  return { count, sample };
}
