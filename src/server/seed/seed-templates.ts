import { DEFAULT_TEMPLATES } from '@/domain/messaging/default-templates';
import { tenantDb } from '../db/tenant-db';

/**
 * Gives a dispensary the default message templates. Existing templates (perhaps edited by staff)
 * are left alone, so running it again is harmless.
 */
export async function seedDefaultTemplates(orgId: string, now: Date): Promise<number> {
  const db = tenantDb(orgId);
  const existing = new Set((await db.templates.ref.select().get()).docs.map((d) => d.id));
  const batch = db.templates.ref.firestore.batch();
  let added = 0;
  for (const t of DEFAULT_TEMPLATES) {
    if (existing.has(t.key)) continue;
    const { key, ...fields } = t;
    batch.create(db.templates.doc(key), { ...fields, id: key, builtIn: true, createdAt: now, updatedAt: now, updatedBy: 'system:seed' });
    added += 1;
  }
  if (added) await batch.commit();
  return added;
}
