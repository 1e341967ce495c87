import type { Clock } from '@/domain/clock';
import type { PlaybookDefinitionInput } from '@/domain/playbooks/playbook';
import { systemActor } from '@/domain/roles';
import { tenantDb } from '../db/tenant-db';
import { createPlaybook } from '../services/playbooks/create-playbook';
import { installGalleryPlaybook, listGallery } from '../services/playbooks/install-gallery-playbook';
import { setPlaybookStatus } from '../services/playbooks/set-playbook-status';

export interface DemoPlaybookPlan {
  /** Gallery keys installed and switched on. */
  active: readonly string[];
  /** Gallery keys installed as drafts, to show what is one click away. */
  drafts: readonly string[];
  /** Playbooks of the demo's own (not in the gallery), installed and switched on; known by name. */
  custom?: readonly PlaybookDefinitionInput[];
}

/**
 * The demo's A/B test: customers who start slipping get an email or a text, and a fifth of them
 * nothing, so the Analytics page has a holdout to measure lift against (docs/analytics.md).
 */
export const SLIPPING_AB_TEST: PlaybookDefinitionInput = {
  name: 'Slipping customers: A/B test with holdout',
  description: 'An email or a text when a customer starts slipping away; 20% hear nothing, to measure what the messages add.',
  ownerAgent: 'craig',
  triggers: [{ type: 'segment_entered', segment: 'Slipping' }],
  entry: { runKey: 'customerId', reentry: 'after_days', reentryDays: 30 },
  steps: [
    {
      action: 'ab_split',
      label: 'Email, text or nothing',
      holdoutPercent: 20,
      variants: [
        { name: 'Email', weight: 1, steps: [{ action: 'send_email', template: 'win_back', label: 'Win-back email' }] },
        { name: 'Text', weight: 1, steps: [{ action: 'send_sms', template: 'win_back_sms', label: 'Win-back text' }] },
      ],
    },
  ],
};

/**
 * Which gallery playbooks each demo dispensary starts with. Pinecone shows the product working
 * (a thank-you on every order, checkout reminders, stock alerts); Riverbend, the smaller store,
 * greets new customers, celebrates birthdays and thanks its VIPs, and has the review request
 * waiting as a draft: its example link must be replaced before it can go live (Safe defaults).
 * Every active one carries no example value, so activation accepts it as it would a person's.
 */
export const DEMO_PLAYBOOKS: Record<string, DemoPlaybookPlan> = {
  'demo-pinecone': {
    active: ['order_thank_you', 'abandoned_checkout', 'low_stock_alert'],
    drafts: ['win_back', 'weekly_top_sellers'],
    custom: [SLIPPING_AB_TEST],
  },
  'demo-riverbend': { active: ['welcome', 'birthday', 'vip_check_in'], drafts: ['review_request'] },
};

/**
 * Installs the plan's gallery playbooks through the same services the dashboard uses, so versions,
 * listeners and schedules are written exactly as they would be for a person. Needs the tenant
 * document and its templates. A key already installed is left as it is (perhaps paused or
 * edited by a developer), so running it again adds only what is missing.
 */
export async function seedDemoPlaybooks(orgId: string, clock: Clock, plan: DemoPlaybookPlan | undefined = DEMO_PLAYBOOKS[orgId]): Promise<number> {
  if (!plan) return 0;
  const ctx = { orgId, actor: systemActor('seed'), clock };
  const installed = new Set((await listGallery(ctx)).filter((g) => g.installedPlaybookId).map((g) => g.key));
  const missing = [...plan.active, ...plan.drafts].filter((key) => !installed.has(key));
  // Installing is plain writes, so side by side; activations are transactions over the listener
  // collection, which the emulator serialises with multi-second lock waits when they overlap.
  const playbooks = await Promise.all(missing.map((key) => installGalleryPlaybook(ctx, key)));
  for (const playbook of playbooks) if (plan.active.includes(playbook.installedFrom ?? '')) await setPlaybookStatus(ctx, playbook.id, 'active');
  const names = new Set((await tenantDb(orgId).playbooks.ref.select('name').get()).docs.map((d) => String(d.get('name'))));
  const custom = (plan.custom ?? []).filter((def) => !names.has(def.name));
  for (const def of custom) await setPlaybookStatus(ctx, (await createPlaybook(ctx, def)).id, 'active');
  return missing.length + custom.length;
}
