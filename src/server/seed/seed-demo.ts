import type { DocumentReference, Firestore, WriteBatch } from 'firebase-admin/firestore';
import { systemClock, type Clock } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { IDENTITY_INDEX_DOC, identityDocId } from '@/domain/signals/records';
import type { StaffMember } from '@/domain/staff';
import { adminAuth, authErrorCode } from '../auth/firebase-auth';
import { config } from '../config';
import { firestore } from '../db/firestore';
import { tenantSlugsCollection } from '../db/platform-db';
import { forgetIncompleteMark, tenantDb, tenantsCollection } from '../db/tenant-db';
import { rebuildRollups } from '../services/analytics/rebuild-rollups';
import { ensureTenantSlug } from '../services/tenants/tenant-slug';
import { DEMO_SEED, DEMO_TENANTS, type DemoStaffDefinition, type DemoTenantDefinition } from './demo-tenants';
import { demoLoyalty } from './demo-loyalty';
import { generateDemoData, type DemoData } from './generate-demo-data';
import { seedDefaultTemplates } from './seed-templates';
import { seedDemoIntegrations } from './seed-integrations';
import { seedDemoPlaybooks } from './seed-playbooks';
import { seedDemoHistory, type HistoryCounts } from './seed-history';

export interface SeedSummary {
  tenants: Array<{
    id: string;
    customers: number;
    orders: number;
    products: number;
    locations: number;
    staff: number;
    playbooks: number;
    /** The 90 days of playbook and campaign history (docs/analytics.md, The demo's history). */
    history: HistoryCounts;
  }>;
  documents: number;
  ms: number;
}

/**
 * Writes both demo dispensaries and their staff logins. Ids depend only on the seed, so running
 * it again overwrites the same documents. The tenant documents come after the data, templates and
 * endpoints; only the gallery playbooks follow them, because activating a playbook reads the
 * tenant's time zone (and installs only what is missing when run again).
 */
export async function seedDemo(opts: { clock: Clock; log?: (msg: string) => void }): Promise<SeedSummary> {
  assertEmulators();
  const started = performance.now();
  const now = opts.clock.now();
  const datasets = DEMO_TENANTS.map((def) => ({ def, data: generateDemoData({ tenant: def, now, seed: DEMO_SEED }) }));
  opts.log?.(`generated in ${Math.round(performance.now() - started)} ms`);

  const writer = new BatchPipeline(firestore());
  const logins = Promise.all(DEMO_TENANTS.flatMap((def) => def.staff.map((s) => upsertLogin(def, s, now, 'reset'))));
  // Mark a rejection as handled now; it is rethrown by the await below.
  logins.catch(() => undefined);
  for (const { def, data } of datasets) {
    await writeTenantData(writer, data, now);
    opts.log?.(`${def.id}: ${data.customers.length} customers, ${data.orders.length} orders, ${data.products.length} products queued`);
  }
  await writer.flush();
  await logins;
  for (const { data } of datasets) await seedDefaultTemplates(data.tenant.id, now);
  for (const { data } of datasets) await seedDemoIntegrations(data.tenant.id, opts.clock);
  for (const { data } of datasets) {
    await writer.set(tenantSlugsCollection().doc(data.tenant.slug!), { id: data.tenant.slug!, orgId: data.tenant.id, createdAt: now });
    await writer.set(tenantsCollection().doc(data.tenant.id), data.tenant);
  }
  await writer.flush();
  // Playbooks first: the history refers to their ids and step ids.
  const playbooks = new Map<string, number>();
  const playbooksStarted = performance.now();
  for (const { data } of datasets) playbooks.set(data.tenant.id, await seedDemoPlaybooks(data.tenant.id, opts.clock));
  opts.log?.(`${[...playbooks.values()].reduce((a, b) => a + b, 0)} playbooks installed in ${Math.round(performance.now() - playbooksStarted)} ms`);
  const histories = new Map<string, HistoryCounts>();
  const historyStarted = performance.now();
  for (const { def, data } of datasets) {
    const owner = def.staff.find((s) => s.role === 'owner') ?? def.staff[0]!;
    const { counts } = await seedDemoHistory(writer, data, { clock: opts.clock, seed: DEMO_SEED, owner: { uid: owner.uid, email: owner.email } });
    histories.set(def.id, counts);
    opts.log?.(
      `${def.id}: ${counts.runs} runs, ${counts.sends} sends, ${counts.campaigns} campaigns, ${counts.attributions} attributions, ${counts.members} A/B members queued`,
    );
  }
  await writer.flush();
  opts.log?.(`history written in ${Math.round(performance.now() - historyStarted)} ms`);
  // The orders and history above bypass the pipeline that keeps rollups: compute them once, so the Overview and Analytics have figures from the first start.
  for (const { data } of datasets) await rebuildRollups({ orgId: data.tenant.id, actor: systemActor('seed'), clock: opts.clock });
  opts.log?.('daily rollups rebuilt');

  const ms = Math.round(performance.now() - started);
  opts.log?.(`${writer.written} documents and ${DEMO_TENANTS.reduce((n, t) => n + t.staff.length, 0)} logins in ${ms} ms`);
  return {
    tenants: datasets.map(({ def, data }) => ({
      id: def.id,
      customers: data.customers.length,
      orders: data.orders.length,
      products: data.products.length,
      locations: data.locations.length,
      staff: def.staff.length,
      playbooks: playbooks.get(def.id) ?? 0,
      history: histories.get(def.id)!,
    })),
    documents: writer.written,
    ms,
  };
}

/**
 * After an emulator import: makes sure every demo login exists with its claims and staff record.
 * Only what is missing is created; passwords a developer changed are left alone.
 */
export async function ensureDemoLogins(opts: { clock?: Clock } = {}): Promise<void> {
  assertEmulators();
  const now = (opts.clock ?? systemClock).now();
  await Promise.all(DEMO_TENANTS.flatMap((def) => def.staff.map((s) => upsertLogin(def, s, now, 'ensure'))));
  for (const def of DEMO_TENANTS) await seedDefaultTemplates(def.id, now);
  // Data saved before tenants had public slugs gets the demo's.
  for (const def of DEMO_TENANTS) if (await tenantsCollection().get(def.id)) await ensureTenantSlug(def.id, now, def.slug);
}

// Demo logins have published passwords: they must never reach a real project.
function assertEmulators(): void {
  const c = config();
  if (!c.firestoreEmulatorHost || !c.authEmulatorHost) {
    throw new Error('The demo seed runs only against the emulators: set FIRESTORE_EMULATOR_HOST and FIREBASE_AUTH_EMULATOR_HOST.');
  }
}

async function writeTenantData(writer: BatchPipeline, data: DemoData, now: Date): Promise<void> {
  const tdb = tenantDb(data.tenant.id);
  const loyalty = demoLoyalty(data, now);
  for (const l of data.locations) await writer.set(tdb.locations.doc(l.id), l);
  for (const p of data.products) await writer.set(tdb.products.doc(p.id), p);
  for (const c of loyalty.customers) await writer.set(tdb.customers.doc(c.id), c);
  // The customers are written directly, not through identity resolution: their keys are claimed
  // here and the index marked complete, so the demo dispensary finds people by their key documents
  // as a real one does, never by query (docs/performance.md). The generator gives no two customers
  // a key in common; were it to, the first would keep it, as the first to arrive does in production.
  const claimed = new Set<string>();
  for (const c of loyalty.customers)
    for (const [kind, values] of [
      ['ext', c.externalIds],
      ['phone', c.phone ? [c.phone] : []],
      ['email', c.email ? [c.email] : []],
    ] as const)
      for (const value of values) {
        const id = identityDocId(kind, value);
        if (claimed.has(id)) continue;
        claimed.add(id);
        await writer.set(tdb.identities.doc(id), { id, kind, value, customerId: c.id, createdAt: now });
      }
  // A re-seed over a dispensary whose index something since marked incomplete (an import into the
  // demo, say) leaves the mark: those other customers' keys are not claimed.
  const index = await tdb.identityIndex.get(IDENTITY_INDEX_DOC);
  if (!index || index.complete) {
    await writer.set(tdb.identityIndex.doc(IDENTITY_INDEX_DOC), { id: IDENTITY_INDEX_DOC, complete: true, updatedAt: now });
    forgetIncompleteMark(data.tenant.id);
  }
  for (const a of loyalty.accounts) await writer.set(tdb.loyaltyAccounts.doc(a.id), a);
  for (const l of loyalty.lines) await writer.set(tdb.loyaltyLines.doc(l.id), l);
  for (const o of data.orders) await writer.set(tdb.orders.doc(o.id), o);
}

/**
 * Creates or repairs one demo login: an Auth user with a fixed uid, claims { orgId, role }, and
 * the staff record. 'reset' also restores the published password and overwrites the record.
 */
async function upsertLogin(def: DemoTenantDefinition, s: DemoStaffDefinition, now: Date, mode: 'reset' | 'ensure'): Promise<void> {
  const auth = adminAuth();
  const existing = await auth.getUser(s.uid).catch((err: unknown) => {
    if (authErrorCode(err) === 'auth/user-not-found') return null;
    throw err;
  });
  const profile = { email: s.email, password: s.password, displayName: s.displayName, emailVerified: true, disabled: false };
  if (!existing) {
    try {
      await auth.createUser({ uid: s.uid, ...profile });
    } catch (err) {
      if (authErrorCode(err) === 'auth/email-already-exists') {
        throw new Error(`${s.email} already belongs to another account; delete that user (or restart with --fresh) so the demo login ${s.uid} can use it.`);
      }
      throw err;
    }
  } else if (mode === 'reset' || existing.email !== s.email || existing.displayName !== s.displayName || existing.disabled) {
    const { password, ...rest } = profile;
    await auth.updateUser(s.uid, mode === 'reset' ? profile : rest);
  }
  const claims = existing?.customClaims;
  if (claims?.orgId !== def.id || claims?.role !== s.role) await auth.setCustomUserClaims(s.uid, { orgId: def.id, role: s.role });

  const staff = tenantDb(def.id).staff;
  const record: StaffMember = {
    id: s.uid,
    email: s.email,
    displayName: s.displayName,
    role: s.role,
    disabled: false,
    createdAt: now,
    updatedAt: now,
    createdBy: 'system:seed',
  };
  if (mode === 'reset' || !(await staff.get(s.uid))) await staff.set(record);
}

/**
 * Plain WriteBatches of up to 500 writes with a few commits in flight: against the emulator this
 * is about twenty times faster than BulkWriter. Each write still goes through the collection's
 * converter, so every document is validated by its schema.
 */
export class BatchPipeline {
  written = 0;
  private batch: WriteBatch | null = null;
  private size = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly db: Firestore,
    private readonly maxWrites = 500,
    private readonly maxInFlight = 8,
  ) {}

  async set<T>(ref: DocumentReference<T>, model: T): Promise<void> {
    this.throwIfFailed();
    this.batch ??= this.db.batch();
    this.batch.set(ref, model);
    this.size += 1;
    if (this.size >= this.maxWrites) await this.commit();
  }

  async delete(ref: DocumentReference): Promise<void> {
    this.throwIfFailed();
    this.batch ??= this.db.batch();
    this.batch.delete(ref);
    this.size += 1;
    if (this.size >= this.maxWrites) await this.commit();
  }

  async flush(): Promise<void> {
    await this.commit();
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  private async commit(): Promise<void> {
    if (!this.batch || !this.size) return;
    const batch = this.batch;
    const n = this.size;
    this.batch = null;
    this.size = 0;
    const done: Promise<void> = batch.commit().then(
      () => {
        this.written += n;
      },
      (err: unknown) => {
        this.failure ??= err;
      },
    );
    const tracked = done.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    if (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
