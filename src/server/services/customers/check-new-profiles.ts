import type { QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { DuplicateCandidate } from '@/domain/crm/customer-merge';
import { DuplicateCheckSchema, type DuplicateCheck } from '@/domain/crm/duplicate-proposal';
import { tenantDb } from '../../db/tenant-db';
import { modelConverter } from '../../db/typed-collection';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { duplicateCandidatesOf, proposeDuplicatesFrom } from './find-duplicates';

/** Markers per page, pages per call: a bounded batch per tick, the rest waits for the next. */
const PAGE = 100;
const MAX_PAGES = 3;

/** What a page's lookups found for one marker: its profile when live, with its candidates, or why it cannot be checked. */
type Looked = { customer: Customer; candidates: DuplicateCandidate[] } | { customer: null } | { error: unknown };

/**
 * A page's profiles and their candidates, each tenant's together: one read of the page's
 * profiles and a handful of combined queries, rather than a read and up to four queries per
 * profile. A profile that cannot be read, or a tenant whose lookup fails, fails only its own
 * markers (left for the next tick).
 */
async function lookUpPage(docs: QueryDocumentSnapshot[]): Promise<Map<string, Looked>> {
  const looked = new Map<string, Looked>();
  const byTenant = new Map<string, QueryDocumentSnapshot[]>();
  for (const doc of docs) {
    const orgId = doc.ref.parent.parent?.id;
    if (orgId) byTenant.set(orgId, [...(byTenant.get(orgId) ?? []), doc]);
  }
  await Promise.all(
    [...byTenant].map(async ([orgId, markers]) => {
      const tdb = tenantDb(orgId);
      try {
        const checks = markers.map((m) => m.data() as DuplicateCheck); // validated by the converter
        const snaps = await tdb.customers.ref.firestore.getAll(...checks.map((c) => tdb.customers.doc(c.customerId)));
        const live: Array<{ marker: string; customer: Customer; check: DuplicateCheck }> = [];
        snaps.forEach((snap, i) => {
          const marker = markers[i]!.ref.path;
          try {
            const customer = snap.exists ? (snap.data() as Customer) : null; // through the converter: validated
            if (customer && !customer.mergedInto && !customer.erasedAt) live.push({ marker, customer, check: checks[i]! });
            else looked.set(marker, { customer: null });
          } catch (error) {
            looked.set(marker, { error });
          }
        });
        const candidates = await duplicateCandidatesOf(
          orgId,
          live.map((l) => ({ customer: l.customer, options: { identityIndexComplete: l.check.identityIndexComplete } })),
        );
        live.forEach((l, i) => looked.set(l.marker, { customer: l.customer, candidates: candidates[i]! }));
      } catch (error) {
        for (const m of markers) if (!looked.has(m.ref.path)) looked.set(m.ref.path, { error });
      }
    }),
  );
  return looked;
}

/**
 * Every minute: the duplicate check of the profiles signed webhooks created (their markers in
 * duplicate_checks, written in the creating commit), so the check's queries are not paid inside
 * a delivery. Each marker's profile gets the check and the marker goes; a profile gone, erased or
 * merged since only loses its marker. A failure leaves the marker for the next tick. One query
 * without filters or order over every tenant's markers (no index to declare), or one tenant's.
 */
export async function checkNewProfiles(deps: CronDeps) {
  let proposed = 0;
  const r = await workDue(deps, {
    collection: 'duplicate_checks',
    outcomes: ['checked', 'gone'] as const,
    pageSize: PAGE,
    maxPages: MAX_PAGES,
    concurrency: 4,
    due: (q) => q.withConverter(modelConverter(DuplicateCheckSchema, 'duplicate_checks')),
    preparePage: lookUpPage,
    async work(doc, orgId, page) {
      const found = page.get(doc.ref.path);
      if (!found) return null;
      if ('error' in found) throw found.error;
      if (found.customer) {
        // Awaited first, then added (require-atomic-updates): the workers run at once.
        const written = await proposeDuplicatesFrom({ orgId, clock: deps.clock }, found.customer, found.candidates);
        proposed += written.length;
      }
      await tenantDb(orgId).duplicateChecks.doc(doc.id).delete();
      return found.customer ? 'checked' : 'gone';
    },
  });
  return { checked: r.checked, gone: r.gone, proposed, failed: r.errors, left: r.errors + r.leftForNextTick };
}

export const duplicateChecksTask: CronTask = { name: 'crm.duplicate-checks', run: (deps) => checkNewProfiles(deps) };
