import { DAY, MINUTE } from '@/domain/clock';
import type { Channel, Customer } from '@/domain/customer';
import { addToTally, EMPTY_TALLY, type Campaign } from '@/domain/crm/campaign';
import type { Segment } from '@/domain/crm/segments';
import type { GateReason, Send } from '@/domain/messaging/send';
import { buildSend, reachable } from './demo-history-records';
import type { HistoryScope } from './demo-history-playbooks';
import type { Rng } from './demo-random';

interface DemoCampaign {
  key: string;
  name: string;
  segment: Segment;
  channel: Channel;
  templateId: string;
  subject: string | null;
  text: string;
  daysAgo: number;
}

/** Two campaigns in the demo's 90 days: an email to the best customers, a text to those slipping away. */
const CAMPAIGNS: DemoCampaign[] = [
  {
    key: 'spring-drop',
    name: 'Spring flower drop',
    segment: 'Loyal',
    channel: 'email',
    templateId: 'win_back',
    subject: 'Fresh flower just landed',
    text: 'Our spring harvest is on the shelves: first pick for our regulars.',
    daysAgo: 58,
  },
  {
    key: 'we-miss-you',
    name: 'We miss you weekend',
    segment: 'At Risk',
    channel: 'sms',
    templateId: 'win_back_sms',
    subject: null,
    text: 'We miss you! Stop by this weekend and see what is new.',
    daysAgo: 19,
  },
];

const RATE_PER_MINUTE = 120;

function skipReason(c: Customer, channel: Channel): GateReason {
  const address = channel === 'email' ? c.email : c.phone;
  if (!address) return 'no_address';
  return c.consent[channel].status === 'opted_out' ? 'opted_out' : 'not_opted_in';
}

/** The campaigns as they stand once sent (status done, tally complete) and their sends, paced at the default rate. */
export function demoCampaigns(rng: Rng, scope: HistoryScope): { campaigns: Campaign[]; sends: Send[] } {
  const campaigns: Campaign[] = [];
  const sends: Send[] = [];
  for (const def of CAMPAIGNS) {
    const startAt = new Date(scope.now.getTime() - def.daysAgo * DAY);
    startAt.setUTCMinutes(0, 0, 0);
    const id = `demo-${def.key}`;
    const audience = scope.customers.filter((c) => c.segment === def.segment).sort((a, b) => a.id.localeCompare(b.id));
    let tally = EMPTY_TALLY;
    let sent = 0;
    for (const c of audience) {
      if (!reachable(c, def.channel)) {
        tally = addToTally(tally, { status: 'skipped', reason: skipReason(c, def.channel) });
        continue;
      }
      const createdAt = new Date(startAt.getTime() + Math.floor(sent++ / RATE_PER_MINUTE) * MINUTE);
      const soon = (scope.ordersOf.get(c.id) ?? []).some((o) => o.placedAt > createdAt && o.placedAt.getTime() <= createdAt.getTime() + 3 * DAY);
      sends.push(
        buildSend(rng, {
          id: rng.id(),
          customer: c,
          channel: def.channel,
          kind: 'marketing',
          templateId: def.templateId,
          subject: def.subject,
          text: def.text,
          source: { type: 'campaign', id },
          createdAt,
          eager: soon,
          timeZone: scope.timeZone,
          now: scope.now,
        }),
      );
      tally = addToTally(tally, { status: 'queued', reason: null });
    }
    const finishedAt = new Date(startAt.getTime() + Math.ceil(sent / RATE_PER_MINUTE) * MINUTE);
    campaigns.push({
      id,
      name: def.name,
      segment: def.segment,
      savedSegment: null,
      discountCode: null,
      channel: def.channel,
      templateId: def.templateId,
      ratePerMinute: RATE_PER_MINUTE,
      status: 'done',
      startAt,
      nextRunAt: finishedAt,
      cursor: audience.at(-1)?.id ?? null,
      processed: audience.length,
      total: audience.length,
      tally,
      createdBy: scope.owner,
      createdAt: new Date(startAt.getTime() - DAY),
      updatedAt: finishedAt,
      finishedAt,
      stoppedBy: null,
    });
  }
  return { campaigns, sends };
}
