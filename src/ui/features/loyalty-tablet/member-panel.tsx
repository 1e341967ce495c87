'use client';

import { formatCount, formatMoney } from '@/ui/primitives/format';
import { SmokeySuggestions } from '../agents/smokey-suggestions';
import { TOUCH, type MemberJson } from './types';

type Reward = MemberJson['rewards'][number];

/** The member at a glance: points, tier and the way to the next, the rewards they can afford, coupons still open. */
export function MemberPanel(props: { member: MemberJson; onPick: (r: Reward) => void; onShowCoupon: (c: MemberJson['openCoupons'][number]) => void }) {
  const m = props.member;
  const name = `${m.firstName} ${m.lastName}`.trim() || 'Member';
  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="member-name" className="rounded-xl border-2 border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="member-name" className="text-2xl font-semibold">
            {name}
            {m.phoneLast4 && <span className="ml-2 text-lg font-normal text-slate-500">•••{m.phoneLast4}</span>}
          </h2>
          {m.tier && (
            <span data-testid="member-tier" className="rounded-full px-4 py-1 text-lg font-semibold text-white" style={{ backgroundColor: m.tier.color }}>
              {m.tier.name}
            </span>
          )}
        </div>
        <p className="mt-3 text-lg">
          <span data-testid="member-points" className="text-5xl font-bold tabular-nums">
            {formatCount(m.available)}
          </span>{' '}
          points to spend
        </p>
        {(m.pending > 0 || m.expiringSoon > 0) && (
          <p className="text-base text-slate-600">
            {m.pending > 0 && `${formatCount(m.pending)} pending. `}
            {m.expiringSoon > 0 && `${formatCount(m.expiringSoon)} expire within 30 days.`}
          </p>
        )}
        <div className="mt-4">
          <div
            role="progressbar"
            aria-label={m.next ? `Progress to ${m.next.name}` : 'Top tier reached'}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={m.progressPercent}
            className="h-4 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full" style={{ width: `${m.progressPercent}%`, backgroundColor: m.next?.color ?? m.tier?.color ?? '#475569' }} />
          </div>
          <p className="mt-1 text-base text-slate-600">{m.next ? `About ${m.progressPercent}% of the way to ${m.next.name}` : 'Top tier'}</p>
        </div>
        {!m.smsOptedIn && <p className="mt-2 text-base text-amber-800">No SMS opt-in: a PIN cannot be texted; redeeming needs a staff override.</p>}
      </section>

      {m.openCoupons.length > 0 && (
        <section aria-labelledby="open-coupons">
          <h3 id="open-coupons" className="mb-2 text-xl font-semibold">
            Coupons not used yet
          </h3>
          <ul className="flex flex-col gap-2">
            {m.openCoupons.map((c) => (
              <li key={c.redemptionId}>
                <button
                  type="button"
                  onClick={() => props.onShowCoupon(c)}
                  className={`${TOUCH} flex w-full items-center justify-between rounded-lg border-2 border-emerald-300 bg-emerald-50 px-4 text-left`}
                >
                  <span>{c.description}</span>
                  <span className="font-mono">{c.code}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="rewards-title">
        <h3 id="rewards-title" className="mb-2 text-xl font-semibold">
          Rewards
        </h3>
        <ul className="grid gap-3 sm:grid-cols-2">
          {m.rewards.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                disabled={!r.affordable}
                onClick={() => props.onPick(r)}
                className={`${TOUCH} flex w-full flex-col items-start rounded-xl border-2 p-4 text-left ${
                  r.affordable ? 'border-brand-600 bg-white hover:bg-brand-50' : 'border-slate-200 bg-slate-50 text-slate-500'
                }`}
              >
                <span className="font-semibold">{r.description}</span>
                <span className="text-base">
                  {formatCount(r.pointsCost)} points · worth {formatMoney(r.couponValueCents)}
                </span>
                {!r.affordable && <span className="text-base">Needs {formatCount(r.pointsCost - m.available)} more points</span>}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <SmokeySuggestions customerId={m.id} large className="border-2" />
    </div>
  );
}
