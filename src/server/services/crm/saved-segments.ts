import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  definitionProblems,
  describeSavedSegment,
  SavedSegmentInputSchema,
  type DescribeNames,
  type SavedSegment,
  type SavedSegmentJob,
} from '@/domain/crm/saved-segment';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { customerFilterOptions } from '../customers/customer-filter-options';
import type { FollowUp } from '../follow-up';
import { continueSavedSegmentJob } from './evaluate-saved-segment';
import { forgetSavedSegments } from './saved-segments-cache';
import { forgetProjection } from './preview-saved-segment';

/** Active saved segments a dispensary may keep: every order evaluates all of them. */
export const SAVED_SEGMENTS_MAX = 100;

export interface SavedSegmentSummary {
  id: string;
  name: string;
  description: string | null;
  /** The definition in plain words, names instead of ids. */
  words: string;
  definition: SavedSegment['definition'];
  /** Counted now (one count query each), not the figure the last pass stored. */
  memberCount: number;
  evaluatedAt: Date | null;
  job: { status: SavedSegmentJob['status']; processed: number; total: number; percent: number };
  updatedAt: Date;
}

const parseInput = (raw: unknown) => {
  const r = SavedSegmentInputSchema.safeParse(raw);
  if (!r.success) throw errors.validation(r.error, definitionProblems(r.error));
  return r.data;
};

const jobPercent = (j: SavedSegmentJob) => (j.status === 'done' ? 100 : j.total ? Math.min(99, Math.floor((j.processed / j.total) * 100)) : 0);

export async function describeNames(ctx: Pick<ServiceContext, 'orgId'>): Promise<DescribeNames> {
  const o = await customerFilterOptions(ctx);
  return { tiers: Object.fromEntries(o.tiers.map((t) => [t.id, t.name])), locations: Object.fromEntries(o.locations.map((l) => [l.id, l.name])) };
}

function summary(s: SavedSegment, names: DescribeNames, memberCount: number): SavedSegmentSummary {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    words: describeSavedSegment(s.definition, names),
    definition: s.definition,
    memberCount,
    evaluatedAt: s.evaluatedAt,
    job: { status: s.job.status, processed: s.job.processed, total: s.job.total, percent: jobPercent(s.job) },
    updatedAt: s.updatedAt,
  };
}

const countMembers = async (orgId: string, id: string) =>
  (await tenantDb(orgId).customers.ref.where('savedSegmentIds', 'array-contains', id).count().get()).data().count;

/** The active saved segments, newest edit first, each with its members counted now. */
export async function listSavedSegments(ctx: Pick<ServiceContext, 'orgId'>): Promise<SavedSegmentSummary[]> {
  const [snap, names] = await Promise.all([
    tenantDb(ctx.orgId).savedSegments.ref.where('archived', '==', false).limit(SAVED_SEGMENTS_MAX).get(),
    describeNames(ctx),
  ]);
  const segments = snap.docs.map((d) => d.data()).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const counts = await Promise.all(segments.map((s) => countMembers(ctx.orgId, s.id)));
  return segments.map((s, i) => summary(s, names, counts[i]!));
}

export async function getSavedSegmentOrThrow(ctx: Pick<ServiceContext, 'orgId'>, id: string): Promise<SavedSegment> {
  const s = await tenantDb(ctx.orgId).savedSegments.get(id);
  if (!s || s.archived) throw errors.notFound('Saved segment', id);
  return s;
}

export async function getSavedSegment(ctx: Pick<ServiceContext, 'orgId'>, id: string): Promise<SavedSegmentSummary> {
  const [s, names] = await Promise.all([getSavedSegmentOrThrow(ctx, id), describeNames(ctx)]);
  return summary(s, names, await countMembers(ctx.orgId, id));
}

function newJob(version: number, total: number, now: Date): SavedSegmentJob {
  return { status: 'running', version, cursor: null, processed: 0, total, entered: 0, startedAt: now, updatedAt: now, finishedAt: null };
}

/** The pass after a save: started after the answer, for up to a minute; the tick goes on with the rest. */
function jobFollowUp(ctx: ServiceContext, id: string): FollowUp {
  return { name: 'saved-segment.evaluate', run: () => continueSavedSegmentJob(ctx, id, Date.now() + 50_000) };
}

const saved = (ctx: ServiceContext) => {
  forgetSavedSegments(ctx.orgId);
  forgetProjection(ctx.orgId);
};

export async function createSavedSegment(ctx: ServiceContext, raw: unknown): Promise<{ segment: SavedSegment; followUp: FollowUp }> {
  const input = parseInput(raw);
  const tdb = tenantDb(ctx.orgId);
  const [active, total] = await Promise.all([tdb.savedSegments.ref.where('archived', '==', false).count().get(), tdb.customers.ref.count().get()]);
  if (active.data().count >= SAVED_SEGMENTS_MAX) throw errors.conflict(`A dispensary keeps at most ${SAVED_SEGMENTS_MAX} saved segments; archive one first.`);
  const now = ctx.clock.now();
  const segment = await tdb.savedSegments.create({
    id: `seg_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    name: input.name,
    description: input.description,
    definition: input.definition,
    version: 1,
    memberCount: 0,
    evaluatedAt: null,
    job: newJob(1, total.data().count, now),
    jobRunning: true,
    createdBy: { uid: ctx.actor.uid, email: ctx.actor.email ?? null },
    createdAt: now,
    updatedAt: now,
    archived: false,
    archivedAt: null,
  });
  saved(ctx);
  ctx.log?.info({ event: 'saved_segment.created', savedSegmentId: segment.id }, 'saved segment created');
  return { segment, followUp: jobFollowUp(ctx, segment.id) };
}

/** A new definition restarts the pass from the first customer; a name or description alone does not. */
export async function updateSavedSegment(ctx: ServiceContext, id: string, raw: unknown): Promise<{ segment: SavedSegment; followUp: FollowUp | null }> {
  const input = parseInput(raw);
  const tdb = tenantDb(ctx.orgId);
  const total = (await tdb.customers.ref.count().get()).data().count;
  const now = ctx.clock.now();
  const { segment, restarted } = await firestore().runTransaction(async (tx) => {
    const cur = (await tx.get(tdb.savedSegments.doc(id))).data();
    if (!cur || cur.archived) throw errors.notFound('Saved segment', id);
    const restarted = JSON.stringify(cur.definition) !== JSON.stringify(input.definition);
    const version = restarted ? cur.version + 1 : cur.version;
    const patch = {
      name: input.name,
      description: input.description,
      definition: input.definition,
      version,
      updatedAt: now,
      ...(restarted ? { job: newJob(version, total, now), jobRunning: true } : {}),
    };
    tdb.savedSegments.updateIn(tx, id, patch);
    return { segment: { ...cur, ...patch } as SavedSegment, restarted };
  });
  saved(ctx);
  return { segment, followUp: restarted ? jobFollowUp(ctx, id) : null };
}

/** Archived, never deleted: the pass takes the id off every profile; campaigns and playbooks that named it keep their history. */
export async function archiveSavedSegment(ctx: ServiceContext, id: string): Promise<{ followUp: FollowUp }> {
  const tdb = tenantDb(ctx.orgId);
  const total = (await tdb.customers.ref.count().get()).data().count;
  const now = ctx.clock.now();
  await firestore().runTransaction(async (tx) => {
    const cur = (await tx.get(tdb.savedSegments.doc(id))).data();
    if (!cur || cur.archived) throw errors.notFound('Saved segment', id);
    tdb.savedSegments.updateIn(tx, id, { archived: true, archivedAt: now, updatedAt: now, job: newJob(cur.version, total, now), jobRunning: true });
  });
  saved(ctx);
  ctx.log?.info({ event: 'saved_segment.archived', savedSegmentId: id }, 'saved segment archived');
  return { followUp: jobFollowUp(ctx, id) };
}

export const SavedSegmentIdSchema = z.string().regex(/^seg_[a-z0-9]{1,40}$/, 'Not a saved segment id');
