import { FieldPath, type Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import { canDeleteNote, type CustomerNote } from '@/domain/crm/notes';
import {
  mergeTimeline,
  TIMELINE_SOURCES,
  TimelineCursorSchema,
  type SourceRows,
  type TimelineCursor,
  type TimelineEntry,
  type TimelineSource,
} from '@/domain/crm/timeline';
import {
  attributionEntry,
  consentEntry,
  eventEntry,
  noteEntry,
  orderEntry,
  pointsEntry,
  runEntry,
  segmentEntry,
  sendEntry,
  tagEntry,
  taskEntry,
  TIMELINE_EVENT_NAMES,
  type EntryViewer,
} from '@/domain/crm/timeline-entries';
import { errors } from '@/domain/errors';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { tenantDb, type TenantDb } from '../../db/tenant-db';
import { cachedTenant } from '../messaging/messaging-settings';

export const TimelineQuerySchema = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type TimelineQuery = z.input<typeof TimelineQuerySchema>;

export interface TimelinePage {
  entries: TimelineEntry[];
  nextCursor: string | null;
}

interface SourceSpec {
  /** The customer's records of this kind; ordered here newest first by `timeField`, the document id breaking ties. */
  query: (db: TenantDb, customerId: string) => Query;
  timeField: string;
  // Each source's records come typed by its collection's converter; the spec only routes them.
  toEntry: (data: never, v: EntryViewer) => TimelineEntry | null;
}

const SOURCES: Record<TimelineSource, SourceSpec> = {
  orders: { query: (db, id) => db.orders.ref.where('customerId', '==', id), timeField: 'placedAt', toEntry: orderEntry },
  attributions: { query: (db, id) => db.attributions.ref.where('customerId', '==', id), timeField: 'placedAt', toEntry: attributionEntry },
  events: {
    query: (db, id) => db.events.ref.where('customerId', '==', id).where('name', 'in', [...TIMELINE_EVENT_NAMES]),
    timeField: 'occurredAt',
    toEntry: eventEntry,
  },
  sends: { query: (db, id) => db.sends.ref.where('customerId', '==', id), timeField: 'createdAt', toEntry: sendEntry },
  points: { query: (db, id) => db.loyaltyLines.ref.where('customerId', '==', id), timeField: 'at', toEntry: pointsEntry },
  runs: { query: (db, id) => db.runs.ref.where('customerId', '==', id), timeField: 'startedAt', toEntry: runEntry },
  tasks: { query: (db, id) => db.tasks.ref.where('customerId', '==', id), timeField: 'createdAt', toEntry: taskEntry },
  consent: { query: (db, id) => db.consentEvents.ref.where('customerId', '==', id), timeField: 'at', toEntry: consentEntry },
  segments: { query: (db, id) => db.segmentHistory(id).ref, timeField: 'at', toEntry: segmentEntry },
  notes: {
    query: (db, id) => db.customerNotes(id).ref,
    timeField: 'at',
    toEntry: (n: CustomerNote, v: EntryViewer) => noteEntry(n, canDeleteNote({ uid: v.uid, role: v.role as never }, n)),
  },
  tags: { query: (db, id) => db.tagHistory(id).ref, timeField: 'at', toEntry: tagEntry },
};

function decodeCursor(cursor: string | undefined): TimelineCursor['p'] {
  if (!cursor) return {};
  try {
    return TimelineCursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).p;
  } catch {
    throw errors.badRequest('The page cursor is not valid; start from the first page.');
  }
}

/**
 * One page of everything that happened to a customer, newest first. A page costs at most one
 * indexed query per source not yet exhausted, each limited to `limit + 1` documents after that
 * source's position in the cursor, whatever the length of the history (docs/crm.md).
 */
export async function customerTimelinePage(ctx: Pick<ServiceContext, 'orgId' | 'actor'>, customerId: string, query: TimelineQuery): Promise<TimelinePage> {
  const q = TimelineQuerySchema.parse(query);
  const db = tenantDb(ctx.orgId);
  await db.customers.getOrThrow(customerId);
  const previous = decodeCursor(q.cursor);
  const { timeZone } = await cachedTenant(ctx.orgId);
  const viewer: EntryViewer = { revenue: seesRevenue(viewerOf(ctx.actor)), uid: ctx.actor.uid, role: ctx.actor.role, timeZone };
  const answers: SourceRows[] = await Promise.all(
    TIMELINE_SOURCES.filter((s) => previous[s] !== 'done').map(async (source) => {
      const spec = SOURCES[source];
      let ref = spec.query(db, customerId).orderBy(spec.timeField, 'desc').orderBy(FieldPath.documentId(), 'desc');
      const pos = previous[source];
      if (Array.isArray(pos)) ref = ref.startAfter(new Date(pos[0]), pos[1]);
      const snap = await ref.limit(q.limit + 1).get();
      const rows = snap.docs.map((d) => {
        const data = d.data() as Record<string, unknown>;
        const at = data[spec.timeField] as Date;
        return { id: d.id, at, entry: spec.toEntry(data as never, viewer) };
      });
      return { source, rows, full: rows.length === q.limit + 1 };
    }),
  );
  const { entries, next } = mergeTimeline(previous, answers, q.limit);
  return { entries, nextCursor: next ? Buffer.from(JSON.stringify(next)).toString('base64url') : null };
}
