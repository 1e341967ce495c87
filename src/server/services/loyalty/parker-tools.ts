import { z } from 'zod';
import { describeLedgerLine } from '@/domain/loyalty/explain';
import { balancesOf, emptyAccount, LedgerTypeSchema, type LedgerLine, type LoyaltyAccount } from '@/domain/loyalty/ledger';
import type { LoyaltySettings } from '@/domain/loyalty/settings';
import { qualifyingSpend, tierProgress } from '@/domain/loyalty/tiers';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { ledgerLineId } from './ledger-in-tx';
import type { LoyaltyProgramme } from './loyalty-settings';
import type { ToolDefinition } from './tool-use-model';

/**
 * The tools Mrs. Parker's model may call about one customer. Each reads the ledger or the
 * settings for that customer only (the customer id is bound here, never taken from the model),
 * and leaves out money for staff who may not see it.
 */

export const PAGE_MAX = 25;

const tool = <S extends z.ZodType>(t: ToolDefinition<S>) => t as unknown as ToolDefinition;

function lineView(l: LedgerLine) {
  return {
    id: l.id,
    type: l.type,
    points: l.points,
    balanceAfter: l.balanceAfter,
    at: l.at.toISOString(),
    text: describeLedgerLine(l),
    orderId: l.source.orderId,
    reason: l.reason,
    expiresAt: l.expiresAt?.toISOString() ?? null,
    availableAt: l.availableAt?.toISOString() ?? null,
  };
}

export function tierOf(account: LoyaltyAccount, programme: LoyaltyProgramme, now: Date) {
  const spend = qualifyingSpend(account, programme.settings.tiers.qualificationWindow, now, programme.timeZone);
  const p = tierProgress(account.tier, spend, programme.settings.tiers);
  return { name: p.tier.name, next: p.next?.name ?? null, toNextCents: p.toNextCents };
}

export function settingsView(s: LoyaltySettings, showMoney: boolean) {
  return {
    pointsPerDollar: s.points.pointsPerDollar,
    returnWindowDays: s.points.returnWindowDays,
    expiryMonths: s.points.expiryMonths,
    expiringNoticeDays: s.points.expiringNoticeDays,
    birthdayBonus: s.points.birthdayBonus,
    anniversaryBonus: s.points.anniversaryBonus,
    referral: { referrerBonus: s.points.referral.referrerBonus, refereeBonus: s.points.referral.refereeBonus },
    bonusWindows: s.points.bonusWindows.map((w) => ({
      name: w.name,
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      multiplier: w.multiplier,
    })),
    tiers: s.tiers.tiers.map((t) => ({
      name: t.name,
      pointsMultiplier: t.pointsMultiplier,
      benefits: t.benefits,
      ...(showMoney ? { minSpendCents: t.minSpendCents } : {}),
    })),
    tierQualification: s.tiers.qualificationWindow,
    rewards: s.redemptions.rewards
      .filter((r) => r.active)
      .map((r) => ({ id: r.id, description: r.description, pointsCost: r.pointsCost, ...(showMoney ? { rewardValueCents: r.rewardValueCents } : {}) })),
  };
}

export function customerTools(
  ctx: Pick<ServiceContext, 'orgId' | 'clock'>,
  opts: { customerId: string; programme: LoyaltyProgramme; showMoney: boolean },
): ToolDefinition[] {
  const tdb = tenantDb(ctx.orgId);
  const { customerId, programme, showMoney } = opts;
  return [
    tool({
      name: 'get_balance',
      description:
        'The customer’s points now: total balance, spendable, pending (return window), expiring within 30 days and the next expiry, lifetime earned, tier and the next tier.',
      input: z.object({}),
      run: async () => {
        const now = ctx.clock.now();
        const account = (await tdb.loyaltyAccounts.get(customerId)) ?? emptyAccount(customerId, now);
        const b = balancesOf(account, now, 30);
        const tier = tierOf(account, programme, now);
        return {
          balance: account.balance,
          available: b.available,
          pending: b.pending,
          expiringWithin30Days: b.expiringSoon,
          nextExpiryAt: b.nextExpiryAt?.toISOString() ?? null,
          nextAvailableAt: b.nextAvailableAt?.toISOString() ?? null,
          lifetimeEarned: account.lifetimeEarned,
          ledgerLines: account.lines,
          tier: { name: tier.name, next: tier.next, ...(showMoney ? { spendToNextCents: tier.toNextCents } : {}) },
        };
      },
    }),
    tool({
      name: 'list_ledger_lines',
      description: `The customer’s points history, newest first, at most ${PAGE_MAX} lines a page. Filter by type and by date (ISO dates); pass the returned nextCursor for the next page.`,
      input: z.object({
        type: LedgerTypeSchema.optional(),
        from: z.iso.date().optional(),
        to: z.iso.date().optional(),
        limit: z.number().int().min(1).max(PAGE_MAX).default(10),
        cursor: z.string().max(100).optional(),
      }),
      run: async (input) => {
        let q = tdb.loyaltyLines.ref.where('customerId', '==', customerId);
        if (input.type) q = q.where('type', '==', input.type);
        if (input.from) q = q.where('at', '>=', new Date(`${input.from}T00:00:00Z`));
        if (input.to) q = q.where('at', '<', new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000));
        q = q.orderBy('at', 'desc');
        if (input.cursor) {
          const after = await tdb.loyaltyLines.ref.doc(input.cursor).get();
          if (!after.exists || after.data()?.customerId !== customerId) throw new Error('Unknown cursor.');
          q = q.startAfter(after);
        }
        const snap = await q.limit(input.limit + 1).get();
        const lines = snap.docs.slice(0, input.limit).map((d) => lineView(d.data()));
        return { lines, nextCursor: snap.docs.length > input.limit ? (lines.at(-1)?.id ?? null) : null };
      },
    }),
    tool({
      name: 'get_programme_settings',
      description: 'The loyalty programme’s rules: points per dollar, return window, expiry, bonuses, bonus windows, tiers and rewards.',
      input: z.object({}),
      run: async () => settingsView(programme.settings, showMoney),
    }),
    tool({
      name: 'explain_line',
      description: 'One ledger line of this customer in full, by its id, or the line an order earned (by orderId).',
      input: z.object({ lineId: z.string().max(100).optional(), orderId: z.string().max(100).optional() }).refine((v) => !!v.lineId !== !!v.orderId, {
        message: 'Give either lineId or orderId',
      }),
      run: async (input) => {
        const id = input.lineId ?? ledgerLineId(`earn:${input.orderId}`);
        const line = await tdb.loyaltyLines.get(id);
        if (!line || line.customerId !== customerId) return { found: false };
        return { found: true, line: lineView(line), actor: { name: line.actor.name, kind: line.actor.kind } };
      },
    }),
  ];
}
