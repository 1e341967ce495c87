import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Clock, ManualClock } from '@/domain/clock';
import type { PlaybookDefinitionInput } from '@/domain/playbooks/playbook';
import { samplePayload, type SampleOptions } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { withWebhook } from '@/server/http/with-webhook';
import { logger } from '@/server/log';
import { receiveWebhook } from '@/server/services/ingest/receive-webhook';
import { signDelivery } from '@/server/services/ingest/sign-delivery';
import { createPlaybook } from '@/server/services/playbooks/create-playbook';
import { fireDueSchedules } from '@/server/services/playbooks/engine/fire-schedules';
import { resumeDueRuns } from '@/server/services/playbooks/engine/resume-due-runs';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { patchPlaybook } from '@/server/services/playbooks/update-playbook';
import type { ServiceContext } from '@/server/context';
import { dispatchDueSends } from '@/server/services/messaging/dispatch-due-sends';
import { call } from './http';
import type { TestTenant } from './tenant';
import type { TestEndpoint } from './webhooks';

let uid = Math.floor(Math.random() * 1_000_000) * 1000;
export function nextUid() {
  return ++uid;
}

/**
 * Delivers a realistic, signed Shopify webhook through the real receiver with the given clock,
 * then waits for everything it set off after answering (processing, playbook runs, sends).
 */
export async function shopify(clock: Clock, ep: TestEndpoint, topic: string, o: Partial<SampleOptions> & { uid: number }) {
  const { body } = samplePayload('shopify', topic, { now: clock.now(), ...o });
  const headers = signDelivery('shopify', {
    secret: ep.secret,
    body,
    topic,
    now: clock.now(),
    deliveryId: `d-${randomUUID()}`,
    eventId: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
  });
  const res = await call(withWebhook('shopify', receiveWebhook, { clock }), {
    method: 'POST',
    rawBody: body,
    headers,
    params: { endpointId: ep.id },
    path: `/api/webhooks/shopify/${ep.id}`,
  });
  if (res.status >= 300) throw new Error(`delivery refused: ${res.status} ${JSON.stringify(res.body)}`);
  await drainAfterResponse();
  return res;
}

/** The tick's playbook and messaging work for one tenant, at the clock's time. */
export async function tick(orgId: string, clock: Clock) {
  const deps = { clock, log: logger(), deadline: Date.now() + 30_000 };
  const schedules = await fireDueSchedules(deps, { orgId });
  const runs = await resumeDueRuns(deps, { orgId });
  await dispatchDueSends({ ...deps, kind: 'deferred', orgId });
  await dispatchDueSends({ ...deps, kind: 'retry', orgId });
  return { schedules, runs };
}

export async function activePlaybook(t: TestTenant, def: PlaybookDefinitionInput, clock?: Clock) {
  const ctx = t.ctx('admin', clock);
  const p = await createPlaybook(ctx, def);
  return setPlaybookStatus(ctx, p.id, 'active');
}

export async function runsOf(orgId: string, playbookId?: string) {
  const q = playbookId ? tenantDb(orgId).runs.ref.where('playbookId', '==', playbookId) : tenantDb(orgId).runs.ref;
  return (await q.get()).docs.map((d) => d.data());
}

export async function sendsTo(orgId: string, customerId: string) {
  return (await tenantDb(orgId).sends.ref.where('customerId', '==', customerId).get()).docs
    .map((d) => d.data())
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export async function customerByEmail(orgId: string, email: string) {
  const snap = await tenantDb(orgId).customers.ref.where('email', '==', email.toLowerCase()).limit(1).get();
  return snap.docs[0]?.data() ?? null;
}

/** For a storefront that checks age at checkout: marketing may go to customers with no birth date. */
export async function ageCheckedAtCheckout(t: TestTenant, clock: Clock) {
  const { getMessagingSettings, updateMessagingSettings } = await import('@/server/services/messaging/messaging-settings');
  const { id: _id, updatedAt: _u, updatedBy: _b, ...current } = await getMessagingSettings(t.ctx('owner', clock));
  await updateMessagingSettings(t.ctx('owner', clock), { ...current, requireAgeVerification: false });
}

/** Puts a real review page where the gallery's review request carries its example link, as its owner must before activating. */
export async function replaceReviewLink(ctx: ServiceContext, playbookId: string, url = 'https://g.page/r/test-dispensary/review') {
  const current = await tenantDb(ctx.orgId).playbooks.getOrThrow(playbookId);
  const steps = current.steps.map((s) =>
    s.variables && typeof s.variables === 'object' && 'review' in s.variables ? { ...s, variables: { ...s.variables, review: { url } } } : s,
  );
  return patchPlaybook(ctx, playbookId, { steps });
}

/**
 * Moves the clock to `at` and ticks twice: the schedule fires the playbook exactly once (the second
 * tick finds the slot taken), and its one run completes. Returns that run.
 */
export async function fireScheduleOnce(orgId: string, clock: ManualClock, at: string, playbookId: string) {
  clock.set(at);
  await tick(orgId, clock);
  await tick(orgId, clock);
  const runs = await runsOf(orgId, playbookId);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ status: 'completed', trigger: { type: 'schedule' } });
  return runs[0]!;
}
