import { Cron } from 'croner';
import type { Transaction } from 'firebase-admin/firestore';
import type { Playbook } from '@/domain/playbooks/playbook';
import { listenerId } from '@/domain/playbooks/registry';
import type { TenantDb } from '../../db/tenant-db';

export function nextFireAt(cron: string, timeZone: string, after: Date): Date | null {
  return new Cron(cron, { timezone: timeZone, paused: true }).nextRun(after) ?? null;
}

/**
 * Makes the listener registry and the schedules say exactly what the playbook now says, inside
 * the caller's transaction. Reads first (Firestore transactions read before they write).
 */
export async function syncRegistryInTx(tx: Transaction, tdb: TenantDb, playbook: Playbook, tenantZone: string, now: Date) {
  const existing = await tx.get(tdb.listeners.ref.where('playbookId', '==', playbook.id));
  const active = playbook.status === 'active';
  const wanted = new Map<string, { eventName: string; filter: string | null }>();
  for (const t of playbook.triggers) if (t.type === 'event') wanted.set(listenerId(playbook.id, t.eventName), { eventName: t.eventName, filter: t.filter ?? null });
  for (const doc of existing.docs) if (!wanted.has(doc.id)) tx.delete(doc.ref);
  for (const [id, w] of wanted) {
    tx.set(tdb.listeners.doc(id), { id, eventName: w.eventName, playbookId: playbook.id, version: playbook.version, active, filter: w.filter, updatedAt: now });
  }
  const schedule = playbook.triggers.find((t) => t.type === 'schedule');
  const scheduleRef = tdb.schedules.doc(playbook.id);
  if (schedule && schedule.type === 'schedule') {
    const zone = schedule.timeZone ?? tenantZone;
    tx.set(scheduleRef, {
      id: playbook.id,
      playbookId: playbook.id,
      version: playbook.version,
      cron: schedule.cron,
      timeZone: zone,
      active,
      nextFireAt: nextFireAt(schedule.cron, zone, now) ?? new Date(now.getTime() + 365 * 86_400_000),
      lastFiredAt: null,
      updatedAt: now,
    });
  } else {
    tx.delete(scheduleRef);
  }
}

export async function removeRegistryInTx(tx: Transaction, tdb: TenantDb, playbookId: string) {
  const existing = await tx.get(tdb.listeners.ref.where('playbookId', '==', playbookId));
  for (const doc of existing.docs) tx.delete(doc.ref);
  tx.delete(tdb.schedules.doc(playbookId));
}
