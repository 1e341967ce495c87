import { Cron } from 'croner';
import type { Transaction } from 'firebase-admin/firestore';
import { savedSegmentIdOfTrigger } from '@/domain/crm/saved-segment';
import type { Playbook } from '@/domain/playbooks/playbook';
import { eventInterest, listenerId, REGISTRY_STATE_DOC, scheduleId, type PlaybookRegistryState } from '@/domain/playbooks/registry';
import type { TenantDb } from '../../db/tenant-db';

const SEGMENT_CHANGED = 'customer.segment_changed';
const SAVED_SEGMENT_ENTERED = 'customer.saved_segment_entered';

export function nextFireAt(cron: string, timeZone: string, after: Date): Date | null {
  return new Cron(cron, { timezone: timeZone, paused: true }).nextRun(after) ?? null;
}

/**
 * Makes the listener registry and the schedules say exactly what the playbook now says, inside
 * the caller's transaction. Reads first (Firestore transactions read before they write).
 */
export async function syncRegistryInTx(tx: Transaction, tdb: TenantDb, playbook: Playbook, tenantZone: string, now: Date) {
  const bump = await prepareStateBump(tx, tdb, [playbook]);
  const existing = await tx.get(tdb.listeners.ref.where('playbookId', '==', playbook.id));
  const existingSchedules = await tx.get(tdb.schedules.ref.where('playbookId', '==', playbook.id));
  const active = playbook.status === 'active';
  const wanted = new Map<string, { eventName: string; filter: string | null; segment: string | null }>();
  for (const t of playbook.triggers) {
    if (t.type === 'event') wanted.set(listenerId(playbook.id, t.eventName), { eventName: t.eventName, filter: t.filter ?? null, segment: null });
    // A segment is entered when customer.segment_changed names it: one listener per segment, beside any event listener.
    // A saved segment (`saved:<id>`) is entered when customer.saved_segment_entered names its id.
    if (t.type === 'segment_entered')
      wanted.set(listenerId(playbook.id, `segment_entered_${t.segment}`), {
        eventName: savedSegmentIdOfTrigger(t.segment) ? SAVED_SEGMENT_ENTERED : SEGMENT_CHANGED,
        filter: null,
        segment: t.segment,
      });
  }
  for (const doc of existing.docs) if (!wanted.has(doc.id)) tx.delete(doc.ref);
  for (const [id, w] of wanted) {
    tx.set(tdb.listeners.doc(id), {
      id,
      eventName: w.eventName,
      playbookId: playbook.id,
      version: playbook.version,
      active,
      filter: w.filter,
      segment: w.segment,
      updatedAt: now,
    });
  }

  // One document per distinct schedule trigger; each fires on its own.
  const schedules = new Map<string, { cron: string; timeZone: string }>();
  for (const t of playbook.triggers) {
    if (t.type !== 'schedule') continue;
    const zone = t.timeZone ?? tenantZone;
    if (![...schedules.values()].some((s) => s.cron === t.cron && s.timeZone === zone))
      schedules.set(scheduleId(playbook.id, schedules.size), { cron: t.cron, timeZone: zone });
  }
  const before = existingSchedules.docs.map((d) => d.data());
  for (const doc of existingSchedules.docs) if (!schedules.has(doc.id)) tx.delete(doc.ref);
  for (const [id, s] of schedules) {
    // A save keeps an active schedule's place, so a due slot still fires at the next tick and a fired
    // one does not fire again. Activating counts from now: slots passed while paused are not made up.
    const same = before.find((b) => b.cron === s.cron && b.timeZone === s.timeZone);
    const next = same?.active && active ? same.nextFireAt : (nextFireAt(s.cron, s.timeZone, now) ?? new Date(now.getTime() + 365 * 86_400_000));
    tx.set(tdb.schedules.doc(id), {
      id,
      playbookId: playbook.id,
      version: playbook.version,
      cron: s.cron,
      timeZone: s.timeZone,
      active,
      nextFireAt: next,
      lastFiredAt: same?.lastFiredAt ?? null,
      updatedAt: now,
    });
  }
  bump(now);
}

export async function removeRegistryInTx(tx: Transaction, tdb: TenantDb, playbookId: string, now: Date) {
  const bump = await prepareStateBump(tx, tdb, []);
  const existing = await tx.get(tdb.listeners.ref.where('playbookId', '==', playbookId));
  const schedules = await tx.get(tdb.schedules.ref.where('playbookId', '==', playbookId));
  for (const doc of [...existing.docs, ...schedules.docs]) tx.delete(doc.ref);
  bump(now);
}

/**
 * Reads the registry's state document and returns the write that moves it to the next version,
 * adding what the given playbooks' definitions exit on and wait for. A dispensary whose registry
 * predates the document gets it from every version of every playbook it has (once).
 */
async function prepareStateBump(tx: Transaction, tdb: TenantDb, playbooks: Playbook[]) {
  const ref = tdb.registryState.doc(REGISTRY_STATE_DOC);
  const current = (await tx.get(ref)).data() ?? null;
  const exits = new Set(current?.exitEvents ?? []);
  const awaited = new Set(current?.awaitedEvents ?? []);
  const add = (v: Pick<Playbook, 'exit' | 'steps'>) => {
    const interest = eventInterest(v);
    interest.exitEvents.forEach((e) => exits.add(e));
    interest.awaitedEvents.forEach((e) => awaited.add(e));
  };
  if (!current) {
    for (const doc of (await tx.get(tdb.playbooks.ref)).docs) {
      for (const version of (await tx.get(tdb.playbookVersions(doc.id).ref)).docs) add(version.data());
    }
  }
  playbooks.forEach(add);
  return (now: Date) => {
    const next: PlaybookRegistryState = {
      id: REGISTRY_STATE_DOC,
      version: (current?.version ?? 0) + 1,
      exitEvents: [...exits],
      awaitedEvents: [...awaited],
      updatedAt: now,
    };
    tx.set(ref, next);
  };
}
