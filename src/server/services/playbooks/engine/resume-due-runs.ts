import { randomUUID } from 'node:crypto';
import type { DocumentReference, DocumentSnapshot, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { PlaybookRunSchema, type PlaybookRun } from '@/domain/playbooks/run';
import type { Playbook } from '@/domain/playbooks/playbook';
import { systemActor } from '@/domain/roles';
import { firestore } from '../../../db/firestore';
import { tenantDb } from '../../../db/tenant-db';
import { modelConverter } from '../../../db/typed-collection';
import type { CronDeps, CronTask } from '../../cron/cron-task';
import { workDue } from '../../cron/due-work';
import { executeRun, type ExecuteOutcome } from './execute-run';

const PAGE = 500;
/** Runs one tick advances at once. */
export const RESUME_CONCURRENCY = 48;

const OUTCOMES = ['completed', 'waiting', 'failed', 'exited', 'busy', 'not_due', 'lost', 'gone', 'retrying'] as const satisfies readonly ExecuteOutcome[];

/**
 * The tick's share of the engine: runs whose executor died (an expired lease), then runs whose
 * wait is over, are picked up and advanced, a page at a time until the deadline. Each is claimed
 * against the copy the query returned (no second read), so any number of ticks on any number of
 * instances advance each step once. `orgId` narrows the scan to one tenant (tests travelling in
 * time use it).
 */
export async function resumeDueRuns(deps: CronDeps, scope: { orgId?: string } = {}) {
  const owner = `tick:${randomUUID()}`;
  const playbooks = new Map<string, Promise<Playbook | null>>();
  const scanDeps = { ...deps, orgId: scope.orgId };
  const scan = (due: 'stale' | 'waiting') =>
    workDue(scanDeps, {
      collection: 'playbook_executions',
      outcomes: OUTCOMES,
      pageSize: PAGE,
      concurrency: RESUME_CONCURRENCY,
      due: (runs, now) => {
        const typed = runs.withConverter(modelConverter(PlaybookRunSchema, 'playbook_executions'));
        return due === 'stale'
          ? typed.where('status', '==', 'running').where('lease.until', '<=', now).orderBy('lease.until')
          : typed.where('status', '==', 'waiting').where('resumeAt', '<=', now).orderBy('resumeAt');
      },
      preparePage: customersOf,
      work: (doc, orgId, customers) => {
        const customerId = (doc.data() as PlaybookRun).customerId;
        return executeRun({ orgId, actor: systemActor('cron'), clock: deps.clock, log: deps.log }, doc.id, {
          owner,
          playbooks,
          found: doc as DocumentSnapshot<PlaybookRun>,
          customer: customerId ? (customers.get(`${orgId}/${customerId}`) ?? null) : null,
        });
      },
    });
  const stale = await scan('stale');
  const waiting = await scan('waiting');
  const counts: Record<(typeof OUTCOMES)[number] | 'found' | 'leftForNextTick', number> = {
    found: stale.due + waiting.due,
    leftForNextTick: stale.leftForNextTick + waiting.leftForNextTick,
    ...Object.fromEntries(OUTCOMES.map((k) => [k, stale[k] + waiting[k]])),
  } as never;
  // A pickup that threw is counted as failed, as it always was; the run stays due.
  counts.failed += stale.errors + waiting.errors;
  return counts;
}

/**
 * The customers of a page's runs, in one read: a pickup needs its run's customer, and reading
 * them a page at a time saves each run a round trip. A profile read this way is at most a page's
 * work old (a second or so): steps that write it do so with arrayUnion and field updates, never
 * from this copy, so it only decides conditions, as a read a moment earlier would.
 */
async function customersOf(docs: QueryDocumentSnapshot[]): Promise<Map<string, Customer | null>> {
  const refs = new Map<string, DocumentReference>();
  for (const doc of docs) {
    const [, orgId] = doc.ref.path.split('/');
    const customerId = (doc.data() as PlaybookRun).customerId;
    if (orgId && customerId) refs.set(`${orgId}/${customerId}`, tenantDb(orgId).customers.doc(customerId) as DocumentReference);
  }
  const out = new Map<string, Customer | null>();
  if (!refs.size) return out;
  const keys = [...refs.keys()];
  const snaps = await firestore().getAll(...refs.values());
  snaps.forEach((snap, i) => out.set(keys[i]!, (snap.data() as Customer | undefined) ?? null));
  return out;
}

export const resumeDueRunsTask: CronTask = { name: 'resume-playbook-runs', run: (deps) => resumeDueRuns(deps, { orgId: deps.orgId }) };
