import type { Clock } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { installGalleryPlaybook, listGallery } from '../services/playbooks/install-gallery-playbook';
import { setPlaybookStatus } from '../services/playbooks/set-playbook-status';

export interface DemoPlaybookPlan {
  /** Gallery keys installed and switched on. */
  active: readonly string[];
  /** Gallery keys installed as drafts, to show what is one click away. */
  drafts: readonly string[];
}

/**
 * Which gallery playbooks each demo dispensary starts with. Pinecone shows the product working
 * (a thank-you on every order, checkout reminders, stock alerts); Riverbend, the smaller store,
 * greets new customers, celebrates birthdays and thanks its VIPs, and has the review request
 * waiting as a draft: its example link must be replaced before it can go live (Safe defaults).
 * Every active one carries no example value, so activation accepts it as it would a person's.
 */
export const DEMO_PLAYBOOKS: Record<string, DemoPlaybookPlan> = {
  'demo-pinecone': { active: ['order_thank_you', 'abandoned_checkout', 'low_stock_alert'], drafts: ['win_back', 'weekly_top_sellers'] },
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
  return missing.length;
}
