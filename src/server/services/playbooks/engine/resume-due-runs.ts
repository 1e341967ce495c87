import type { QueryDocumentSnapshot, QuerySnapshot } from 'firebase-admin/firestore';
import { firestore } from '../../../db/firestore';
import type { CronDeps, CronTask } from '../../cron/cron-task';
import { tenantDb } from '../../../db/tenant-db';
import { executeRun, type ExecuteOutcome } from './execute-run';
import { systemActor } from '@/domain/roles';
import { randomUUID } from 'node:crypto';

const BATCH = 500;
const CONCURRENCY = 48;

/** The tenant id and run id of a run document found by a collection-group query. */
function locate(path: string): { orgId: string; runId: string } {
  const parts = path.split('/');
  return { orgId: parts[1]!, runId: parts[3]! };
}

/**
 * The tick's share of the engine: runs whose wait is over, and runs whose executor died (an
 * expired lease), are picked up and advanced. Every executor claims a run against its last
 * write, so any number of ticks on any number of instances advance each step once.
 * `orgId` narrows the scan to one tenant (tests travelling in time use it).
 */
export async function resumeDueRuns({ clock, log, deadline }: CronDeps, scope: { orgId?: string } = {}) {
  const owner = `tick:${randomUUID()}`;
  const playbooks = new Map();
  const counts: Record<ExecuteOutcome | 'found', number> = {
    found: 0,
    completed: 0,
    waiting: 0,
    failed: 0,
    exited: 0,
    busy: 0,
    not_due: 0,
    lost: 0,
    gone: 0,
    retrying: 0,
  };
  const group = scope.orgId ? tenantDb(scope.orgId).runs.ref : firestore().collectionGroup('playbook_executions');
  let cursor: QueryDocumentSnapshot | null = null;
  while (Date.now() < deadline) {
    const now = clock.now();
    let waitingQuery = group.where('status', '==', 'waiting').where('resumeAt', '<=', now).orderBy('resumeAt').limit(BATCH);
    // Runs another executor holds stay due; the cursor moves past them instead of fetching them again.
    if (cursor) waitingQuery = waitingQuery.startAfter(cursor);
    const [waiting, stale]: [QuerySnapshot, QuerySnapshot | null] = await Promise.all([
      waitingQuery.get(),
      cursor ? Promise.resolve(null) : group.where('status', '==', 'running').where('lease.until', '<=', now).limit(BATCH).get(),
    ]);
    const docs = [...waiting.docs, ...(stale?.docs ?? [])];
    if (docs.length === 0) break;
    counts.found += docs.length;
    let i = 0;
    const worker = async () => {
      while (i < docs.length && Date.now() < deadline) {
        const doc = docs[i++]!;
        const { orgId, runId } = locate(doc.ref.path);
        try {
          const outcome = await executeRun({ orgId, actor: systemActor('cron'), clock, log }, runId, { owner, playbooks });
          counts[outcome]++;
        } catch (err) {
          log.error({ err, orgId, runId }, 'resuming a playbook run failed');
          counts.failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (waiting.docs.length < BATCH) break;
    cursor = waiting.docs.at(-1)!;
  }
  return counts;
}

export const resumeDueRunsTask: CronTask = { name: 'resume-playbook-runs', run: (deps) => resumeDueRuns(deps, { orgId: deps.orgId }) };
