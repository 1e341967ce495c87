import { randomUUID } from 'node:crypto';
import type { DocumentReference, DocumentSnapshot, Transaction } from 'firebase-admin/firestore';
import { mergeDelta, runContribution, type RollupDelta } from '@/domain/analytics/rollup';
import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { isJournalled } from '@/domain/playbooks/journal';
import type { RunKey } from '@/domain/playbooks/playbook';
import type { PlaybookRun, RunKeyRecord } from '@/domain/playbooks/run';
import { stepType } from '@/domain/playbooks/steps';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';
import { rollupTimeZone, writeRollupDeltaInTx } from '../../analytics/rollups-in-tx';
import { decideListener } from './dispatch-event';
import { needsDispatch, type RegistryView } from './listener-registry';
import { stepHandler } from './step-handler';
import { entryRefusal, keyRecordFor, newRun, runIdFor, runKeyIdFor, type StartRunInput } from './start-run';

/** A run created in the signal's commit, leased to `owner`, with its first step's journal entry when `begun` names it. */
export interface PlannedStart {
  runId: string;
  run: PlaybookRun;
  owner: string;
  begun: string | null;
}

/** By playbook: a run started in the signal's commit, or why the listener did not start one. */
export type PlannedStarts = Map<string, PlannedStart | { reason: string }>;

export interface RunStartPlan {
  /** By event id. A listener missing here was left to dispatch (segment triggers, a key taken twice). */
  byEvent: Map<string, PlannedStarts>;
  /** Writes the runs, their key records, first journal entries and run counters: after the transaction's other reads. */
  write(tx: Transaction): void;
}

/**
 * Starts the runs a signal's new events trigger inside the signal's own transaction, so the run,
 * its key record and its first side-effect step's journal entry are written with the signal's
 * effects and events: one commit where dispatch would otherwise add a start transaction and a
 * journal write before the first message. Called before the transaction writes anything (it may
 * read key records); the transaction's retries plan again.
 *
 * Entry rules read the key's record, in one getAll for every listener, except where it cannot
 * exist: a run keyed by this event (new in this commit), or by a customer or an order this commit
 * creates (runs are keyed only by what a stored event carried, and those are written with it).
 * Exactly-once holds as with startRun: the event is new in this commit (an event already stored
 * is never planned again), so a redelivery finds the runs and starts nothing; a crash after the
 * commit leaves a leased run whose lease the tick takes over; its first step, journalled here only
 * when its handler is idempotent by key (a message), is then called again with its key and acts once.
 */
export async function planRunStartsInTx(
  tx: Transaction,
  ctx: ServiceContext,
  o: {
    events: CanonicalEvent[];
    registry: RegistryView;
    customer: Customer | null;
    /** Keys this commit creates (a new customer's id, a new order's id): no run can have been keyed by them yet. */
    newKeys: Partial<Record<RunKey, string | null>>;
  },
): Promise<RunStartPlan | null> {
  const wanted = o.events.filter((e) => needsDispatch(o.registry, e) && o.registry.listeners(e.name).some((l) => !l.segment));
  if (!wanted.length) return null;
  const tdb = tenantDb(ctx.orgId);
  const owner = `event:${randomUUID()}`;
  const now = ctx.clock.now();
  const byEvent = new Map<string, PlannedStarts>();
  const candidates: Array<{ event: CanonicalEvent; input: StartRunInput; runId: string; keyId: string; read: boolean }> = [];
  const keysTaken = new Set<string>();
  for (const event of wanted) {
    const planned: PlannedStarts = new Map();
    byEvent.set(event.id, planned);
    for (const listener of o.registry.listeners(event.name)) {
      if (listener.segment) continue;
      const decision = await decideListener(ctx, listener, event, o.customer);
      if (decision.kind === 'ignore') continue;
      if (decision.kind === 'refused') {
        planned.set(listener.playbookId, { reason: decision.reason });
        continue;
      }
      const input: StartRunInput = { ...decision.input, customer: o.customer, owner };
      const keyId = runKeyIdFor(input.version.playbookId, input.keyKind, input.runKey);
      // Two of this signal's events starting one playbook on one key: the second goes through dispatch, which reads what the first wrote.
      if (keysTaken.has(keyId)) continue;
      keysTaken.add(keyId);
      const runId = runIdFor(input.version.playbookId, input.keyKind, input.runKey, input.occurrence, input.version.entry.reentry);
      const fresh = input.keyKind === 'eventId' || o.newKeys[input.keyKind] === input.runKey;
      candidates.push({ event, input, runId, keyId, read: !fresh });
    }
  }
  const toRead = candidates.filter((c) => c.read);
  const snaps = toRead.length ? await tx.getAll(...toRead.flatMap((c) => [tdb.runs.doc(c.runId), tdb.runKeys.doc(c.keyId)] as DocumentReference[])) : [];
  const timeZone = await rollupTimeZone(ctx.orgId);
  const writes: Array<(tx: Transaction) => void> = [];
  // Every run's counter in one rollup write: two writes could land on the same shard in one commit.
  let runs: RollupDelta = {};
  for (const c of candidates) {
    const planned = byEvent.get(c.event.id)!;
    const at = toRead.indexOf(c);
    const [runSnap, keySnap] = at < 0 ? [null, null] : (snaps.slice(at * 2, at * 2 + 2) as [DocumentSnapshot, DocumentSnapshot]);
    if (runSnap?.exists) {
      planned.set(c.input.version.playbookId, { reason: 'This run already exists (the same trigger arrived again).' });
      continue;
    }
    const last = (keySnap?.data() as RunKeyRecord | undefined) ?? null;
    const refused = entryRefusal(c.input.version.entry, c.input.keyKind, last, now);
    if (refused) {
      planned.set(c.input.version.playbookId, { reason: refused });
      continue;
    }
    const run = newRun(c.input, c.runId, now, o.customer);
    const first = c.input.version.steps[0];
    // Only a handler idempotent by key (a message) is journalled ahead: after a crash it is called again with its key and
    // acts once. Any other first step journals itself when it starts, so a crash before then still lets it act.
    const begun = first && isJournalled(stepType(first.action)) && stepHandler(first.action)?.idempotentByKey === true ? first.id : null;
    planned.set(c.input.version.playbookId, { runId: c.runId, run, owner, begun });
    writes.push((w) => {
      w.create(tdb.runs.doc(c.runId), run);
      w.set(tdb.runKeys.doc(c.keyId), keyRecordFor(c.input, c.keyId, c.runId, last, now));
      if (begun) {
        const journal = tdb.runJournal(c.runId);
        w.create(journal.doc(begun), journal.parse({ id: begun, action: first!.action, owner, startedAt: now, outcome: null, finishedAt: null }));
      }
    });
    runs = mergeDelta(runs, runContribution(run, timeZone));
  }
  return {
    byEvent,
    write: (w) => {
      writes.forEach((f) => f(w));
      if (writes.length) writeRollupDeltaInTx(w, ctx.orgId, runs, now);
    },
  };
}
