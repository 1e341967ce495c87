import { createHash } from 'node:crypto';
import type { DocumentReference, DocumentSnapshot } from 'firebase-admin/firestore';
import { runContribution } from '@/domain/analytics/rollup';
import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { PlaybookVersion, RunKey } from '@/domain/playbooks/playbook';
import { mayEnter, type PlaybookRun, type RunKeyRecord } from '@/domain/playbooks/run';
import type { ServiceContext } from '../../../context';
import { firestore } from '../../../db/firestore';
import { rollupTimeZone, writeRollupDeltaInTx } from '../../analytics/rollups-in-tx';
import { tenantDb } from '../../../db/tenant-db';
import { leaseMs } from './run-lease';

export interface StartRunInput {
  version: PlaybookVersion;
  trigger: PlaybookRun['trigger'];
  event: CanonicalEvent | null;
  customerId: string | null;
  /** The customer's current profile when the caller has just read it (undefined: read it here). */
  customer?: Customer | null;
  keyKind: RunKey;
  runKey: string;
  /** What makes this start unique for re-entry "always": the event id, a schedule slot, a request id. */
  occurrence: string;
  owner: string;
}

/** A started run is created leased to the starter, as picked up once: the starter executes it without claiming it again. */
export type StartRunResult = { started: true; runId: string; run: PlaybookRun } | { started: false; runId: string | null; reason: string };

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** A run id that depends only on what it is a run of, so starting twice is starting once. */
export function runIdFor(playbookId: string, keyKind: string, runKey: string, occurrence: string, reentry: string) {
  return `run_${hash(reentry === 'never' ? `${playbookId}|${keyKind}|${runKey}` : `${playbookId}|${keyKind}|${runKey}|${occurrence}`)}`;
}

/** The document that remembers a playbook's last run for one key (its entry rules read it). */
export function runKeyIdFor(playbookId: string, keyKind: string, runKey: string) {
  return `${playbookId}__${hash(`${keyKind}|${runKey}`)}`;
}

/** Why the entry rules keep a key from starting again (null: they let it). */
export function entryRefusal(rules: PlaybookVersion['entry'], keyKind: RunKey, last: RunKeyRecord | null, now: Date): string | null {
  if (mayEnter(rules, last, now)) return null;
  return rules.reentry === 'never' ? `Already ran for this ${keyKind}.` : `Ran for this ${keyKind} less than ${rules.reentryDays} days ago.`;
}

/** A new run, leased to its starter and pointing at the first step. */
export function newRun(input: StartRunInput, runId: string, now: Date, customer: Customer | null): PlaybookRun {
  const { version } = input;
  const { searchName: _s, searchKeys: _k, ...customerSnapshot } = customer ?? ({} as Record<string, unknown>);
  return {
    id: runId,
    playbookId: version.playbookId,
    playbookName: version.name,
    version: version.version,
    trigger: input.trigger,
    keyKind: input.keyKind,
    runKey: input.runKey,
    customerId: input.customerId,
    status: 'running',
    cursor: version.steps[0]?.id ?? null,
    resumeAt: null,
    waitingFor: null,
    exitEvents: version.exit.onEvents.map((e) => e.eventName),
    context: { event: input.event ? (input.event as unknown as Record<string, unknown>) : null, customer: customer ? customerSnapshot : null, vars: {} },
    stepResults: [],
    lease: { owner: input.owner, until: new Date(now.getTime() + leaseMs()) },
    attempts: 1,
    failures: 0,
    error: null,
    exitedBy: null,
    pendingExit: null,
    dryRun: false,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
  };
}

/** The key record after a run starts: its id, when, and how many runs the key has had. */
export function keyRecordFor(input: StartRunInput, keyId: string, runId: string, last: RunKeyRecord | null, now: Date): RunKeyRecord {
  return {
    id: keyId,
    playbookId: input.version.playbookId,
    keyKind: input.keyKind,
    runKey: input.runKey,
    lastRunId: runId,
    lastStartedAt: now,
    runs: (last?.runs ?? 0) + 1,
  };
}

/**
 * Starts a run if the entry rules allow it: one run per key (re-entry never), one per
 * occurrence (always), or one per key every N days (after_days). The key record and the run
 * are written in one transaction; a second start for the same thing finds the run and stops.
 */
export async function startRun(ctx: ServiceContext, input: StartRunInput): Promise<StartRunResult> {
  const tdb = tenantDb(ctx.orgId);
  const { version } = input;
  const rules = version.entry;
  const runId = runIdFor(version.playbookId, input.keyKind, input.runKey, input.occurrence, rules.reentry);
  const keyId = runKeyIdFor(version.playbookId, input.keyKind, input.runKey);
  const now = ctx.clock.now();
  const customer =
    input.customer !== undefined && input.customer?.id === (input.customerId ?? undefined)
      ? input.customer
      : input.customerId
        ? await tdb.customers.get(input.customerId)
        : null;
  const timeZone = await rollupTimeZone(ctx.orgId);

  return firestore().runTransaction(async (tx): Promise<StartRunResult> => {
    const [existingRun, keyRecord] = (await tx.getAll(tdb.runs.doc(runId) as DocumentReference, tdb.runKeys.doc(keyId) as DocumentReference)) as [
      DocumentSnapshot<PlaybookRun>,
      DocumentSnapshot<RunKeyRecord>,
    ];
    if (existingRun.exists) return { started: false, runId, reason: 'This run already exists (the same trigger arrived again).' };
    const last = keyRecord.data() ?? null;
    const refused = entryRefusal(rules, input.keyKind, last, now);
    if (refused) return { started: false, runId: last?.lastRunId ?? null, reason: refused };
    const run = newRun(input, runId, now, customer);
    tx.create(tdb.runs.doc(runId), run);
    tx.set(tdb.runKeys.doc(keyId), keyRecordFor(input, keyId, runId, last, now));
    // Counted in the commit that creates the run, so a retried start (which finds the run) adds nothing.
    writeRollupDeltaInTx(tx, ctx.orgId, runContribution(run, timeZone), now);
    return { started: true, runId, run };
  });
}
