import { FieldPath, type Query } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import {
  addDays,
  anniversaryWindows,
  datesToWork,
  localDateOf,
  LOYALTY_DAY_STATE_DOC,
  monthDaysCelebratedOn,
  nextLocalMidnight,
  startOfLocalDate,
  type LoyaltyDayState,
} from '@/domain/loyalty/daily';
import { systemActor } from '@/domain/roles';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { celebrateCustomerDay } from './celebrate-customer-day';
import { checkLedgerBalances } from './check-ledger-balances';
import { loyaltyProgramme, type LoyaltyProgramme } from './loyalty-settings';
import { notifyPointsExpiring } from './notify-points-expiring';

/** A run that dies keeps the tenant claimed this long, then the next tick takes it again (everything it does is idempotent). */
const LEASE_MS = 5 * 60_000;
const PAGE = 200;
const MAX_ZONES = 39;

type Report = Record<'birthdays' | 'anniversaries' | 'expiringNotices' | 'ledgerChecked' | 'ledgerMismatches', number>;

/** Every document of a query, a page at a time (ordered by the query, continued after the last). */
async function* pages(q: Query<Customer>) {
  let after: FirebaseFirestore.QueryDocumentSnapshot<Customer> | null = null;
  for (;;) {
    const snap = await (after ? q.startAfter(after) : q).limit(PAGE).get();
    for (const d of snap.docs) yield d.data();
    if (snap.size < PAGE) return;
    after = snap.docs.at(-1)!;
  }
}

/** The distinct zones customers carry, one read each: a skip scan over the timeZone field. */
async function customerZones(orgId: string): Promise<string[]> {
  const ref = tenantDb(orgId).customers.ref;
  const zones: string[] = [];
  let last = '';
  while (zones.length < MAX_ZONES) {
    const snap = await ref.where('timeZone', '>', last).orderBy('timeZone').limit(1).get();
    const zone = snap.docs[0]?.data().timeZone;
    if (!zone) break;
    zones.push(zone);
    last = zone;
  }
  return zones;
}

/** One zone's work for one local date: birthdays and anniversaries of the customers counted in that zone; in the dispensary's own zone also the expiry notices and the ledger check. */
async function workDate(ctx: ServiceContext, programme: LoyaltyProgramme, zone: string, date: string, report: Report) {
  const customers = tenantDb(ctx.orgId).customers.ref;
  const inZone = (c: Customer) => (c.timeZone ?? programme.timeZone) === zone;
  const year = Number(date.slice(0, 4));

  for (const md of monthDaysCelebratedOn(date)) {
    for await (const c of pages(customers.where('birthMonthDay', '==', md).orderBy(FieldPath.documentId()))) {
      // A merged profile is the survivor's person: celebrated there, once (the ledger refuses it anyway).
      if (c.mergedInto || !inZone(c) || Number(c.dateOfBirth?.slice(0, 4)) >= year) continue;
      if ((await celebrateCustomerDay(ctx, c.id, { kind: 'birthday', year })) === 'celebrated') report.birthdays += 1;
    }
  }

  const earliest = (await customers.orderBy('createdAt', 'asc').limit(1).get()).docs[0]?.data().createdAt;
  for (const w of earliest ? anniversaryWindows(zone, date, earliest) : []) {
    const q = customers.where('createdAt', '>=', w.from).where('createdAt', '<', w.to).orderBy('createdAt', 'asc');
    for await (const c of pages(q)) {
      if (!inZone(c)) continue;
      if ((await celebrateCustomerDay(ctx, c.id, { kind: 'anniversary', year, years: w.years })) === 'celebrated') report.anniversaries += 1;
    }
  }

  if (zone !== programme.timeZone) return;
  const now = ctx.clock.now();
  const horizon = startOfLocalDate(zone, addDays(date, programme.settings.points.expiringNoticeDays + 1));
  const expiring = customers.where('loyalty.nextExpiryAt', '>', now).where('loyalty.nextExpiryAt', '<', horizon).orderBy('loyalty.nextExpiryAt', 'asc');
  for await (const c of pages(expiring)) report.expiringNotices += await notifyPointsExpiring(ctx, programme, c.id);

  const checked = await checkLedgerBalances(ctx, { from: startOfLocalDate(zone, addDays(date, -1)), to: startOfLocalDate(zone, date), day: date });
  report.ledgerChecked += checked.checked;
  report.ledgerMismatches += checked.mismatches;
}

/**
 * A dispensary's daily loyalty work, from the minute tick: for each zone its customers' days are
 * counted in (the dispensary's, and any a customer carries), once per local date, soon after that
 * zone's midnight. Claimed by a lease on the state document so instances do not duplicate the
 * work; the effects are idempotent anyway (keyed lines, deterministic event ids).
 */
export async function runLoyaltyDay(deps: Pick<CronDeps, 'clock' | 'log'>, orgId: string): Promise<(Report & { zones: string[] }) | null> {
  const ctx: ServiceContext = { orgId, actor: systemActor('loyalty-daily'), clock: deps.clock, log: deps.log };
  const programme = await loyaltyProgramme(ctx);
  const state$ = tenantDb(orgId).loyaltyDayState;
  const claimed = await firestore().runTransaction(async (tx) => {
    const now = deps.clock.now();
    const state = (await tx.get(state$.doc(LOYALTY_DAY_STATE_DOC))).data();
    if (state && state.nextRunAt > now) return null;
    const next: LoyaltyDayState = state
      ? { ...state, nextRunAt: new Date(now.getTime() + LEASE_MS), updatedAt: now }
      : { id: LOYALTY_DAY_STATE_DOC, zones: [programme.timeZone], lastDates: {}, nextRunAt: new Date(now.getTime() + LEASE_MS), updatedAt: now };
    tx.set(state$.doc(LOYALTY_DAY_STATE_DOC), next);
    return next;
  });
  if (!claimed) return null;

  const report: Report = { birthdays: 0, anniversaries: 0, expiringNotices: 0, ledgerChecked: 0, ledgerMismatches: 0 };
  const now = deps.clock.now();
  let zones = [...new Set([programme.timeZone, ...claimed.zones])];
  const lastDates = { ...claimed.lastDates };
  let failed = false;
  for (const zone of zones) {
    try {
      for (const date of datesToWork(lastDates[zone], localDateOf(zone, now))) {
        await workDate(ctx, programme, zone, date, report);
        lastDates[zone] = date;
      }
    } catch (err) {
      failed = true;
      deps.log.error({ err, orgId, zone }, 'loyalty day work failed; retried after the lease');
    }
  }
  if (lastDates[programme.timeZone] !== claimed.lastDates[programme.timeZone]) {
    zones = [...new Set([programme.timeZone, ...(await customerZones(orgId))])];
    // A zone first seen today starts today (its customers' days before today are not replayed).
    for (const zone of zones) lastDates[zone] ??= addDays(localDateOf(zone, now), -1);
  }
  const nextMidnight = Math.min(...zones.map((z) => nextLocalMidnight(z, now).getTime()));
  const nextRunAt = failed ? new Date(now.getTime() + LEASE_MS) : new Date(nextMidnight);
  await state$.set({ id: LOYALTY_DAY_STATE_DOC, zones, lastDates, nextRunAt, updatedAt: deps.clock.now() });
  return { ...report, zones };
}

/** The tick task: the tenants whose next local midnight has passed (one empty query in a quiet minute), or the one tenant asked for. */
export async function runLoyaltyDays(deps: CronDeps) {
  if (deps.orgId) return { tenants: 1, ...(await runLoyaltyDay(deps, deps.orgId)) };
  const r = await workDue(deps, {
    collection: 'loyalty_day_state',
    outcomes: ['worked'] as const,
    pageSize: 50,
    concurrency: 2,
    due: (q, now) => q.where('nextRunAt', '<=', now).orderBy('nextRunAt', 'asc'),
    async work(_doc, orgId) {
      return (await runLoyaltyDay(deps, orgId)) ? 'worked' : null;
    },
  });
  return { due: r.due, worked: r.worked, errors: r.errors, leftForNextTick: r.leftForNextTick };
}

export const runLoyaltyDaysTask: CronTask = { name: 'loyalty.local-day', run: (deps) => runLoyaltyDays(deps) };

/**
 * The daily (UTC) job's share: every dispensary gets its state document, so the tick starts
 * working its days; a new dispensary is picked up within a day. Pages through the tenants.
 */
export async function ensureLoyaltyDayStates(deps: CronDeps) {
  let created = 0;
  let after: string | null = null;
  for (;;) {
    let q = deps.orgId
      ? tenantsCollection().ref.where(FieldPath.documentId(), '==', deps.orgId)
      : tenantsCollection().ref.orderBy(FieldPath.documentId()).limit(PAGE);
    if (after) q = q.startAfter(after);
    const snap = await q.get();
    const refs = snap.docs.map((d) => tenantDb(d.id).loyaltyDayState.doc(LOYALTY_DAY_STATE_DOC));
    const states = refs.length ? await firestore().getAll(...refs) : [];
    const now = deps.clock.now();
    for (const [i, tenant] of snap.docs.entries()) {
      if (states[i]!.exists) continue;
      const state: LoyaltyDayState = { id: LOYALTY_DAY_STATE_DOC, zones: [tenant.data().timeZone], lastDates: {}, nextRunAt: now, updatedAt: now };
      if (await tenantDb(tenant.id).loyaltyDayState.createReturningTime(state)) created += 1;
    }
    if (deps.orgId || snap.size < PAGE) break;
    after = snap.docs.at(-1)!.id;
  }
  return { created };
}

export const ensureLoyaltyDayStatesTask: CronTask = { name: 'loyalty.ensure-day-states', run: (deps) => ensureLoyaltyDayStates(deps) };
