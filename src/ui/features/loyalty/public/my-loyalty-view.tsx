'use client';
import { useRouter } from 'next/navigation';
import type { MyLoyalty } from '@/server/services/loyalty/get-my-loyalty';
import { api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { formatCount } from '@/ui/primitives/format';
import { Time, TimeZoneProvider } from '@/ui/primitives/time';

export function MyLoyaltyView({ slug, mine }: { slug: string; mine: MyLoyalty }) {
  const router = useRouter();
  return (
    <TimeZoneProvider timeZone={mine.timeZone}>
      <div className="mt-2 space-y-6">
        <div className="flex items-start justify-between gap-2">
          <h1 className="text-2xl font-semibold">Hi {mine.firstName || 'there'}</h1>
          <Button variant="ghost" onClick={() => void api(`/api/my/${slug}/session`, { method: 'DELETE' }).then(() => router.refresh())}>
            Sign out
          </Button>
        </div>
        <section aria-label="Your points" className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">Points to spend</p>
          <p className="text-4xl font-semibold tabular-nums" data-testid="my-available">
            {formatCount(mine.available)}
          </p>
          {mine.pending ? (
            <p className="mt-1 text-sm">
              {formatCount(mine.pending)} more pending
              {mine.nextAvailableAt ? (
                <>
                  , spendable from <Time value={mine.nextAvailableAt} style="date" />
                </>
              ) : null}
              .
            </p>
          ) : null}
          {mine.expiringSoon ? (
            <p className="mt-1 text-sm text-amber-800">
              {formatCount(mine.expiringSoon)} expire soon
              {mine.nextExpiryAt ? (
                <>
                  {' '}
                  (first on <Time value={mine.nextExpiryAt} style="date" />)
                </>
              ) : null}
              .
            </p>
          ) : null}
        </section>
        <section aria-labelledby="tier-h" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="tier-h" className="flex items-center gap-2 font-medium">
            <span aria-hidden className="inline-block size-4 rounded-full" style={{ backgroundColor: mine.tier.color }} />
            {mine.tier.name} member
          </h2>
          {mine.tier.benefits.length ? <p className="mt-1 text-sm text-slate-600">{mine.tier.benefits.join(' · ')}</p> : null}
          {mine.next ? (
            <>
              <div
                className="mt-3 h-3 overflow-hidden rounded-full bg-slate-200"
                role="progressbar"
                aria-label={`Progress to ${mine.next.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(mine.next.fraction * 100)}
              >
                <div className="h-full bg-brand-600" style={{ width: `${Math.round(mine.next.fraction * 100)}%` }} />
              </div>
              <p className="mt-1 text-sm">
                Spend ${formatCount(mine.next.toNextDollars)} more to reach {mine.next.name}.
              </p>
            </>
          ) : (
            <p className="mt-1 text-sm">You are at the top tier.</p>
          )}
        </section>
        <section aria-labelledby="rewards-h">
          <h2 id="rewards-h" className="font-medium">
            Rewards
          </h2>
          <ul className="mt-2 space-y-2">
            {mine.rewards.map((r) => (
              <li
                key={r.id}
                className="flex justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
                data-affordable={r.affordable}
              >
                <span>{r.description}</span>
                <span className="tabular-nums whitespace-nowrap">
                  {formatCount(r.pointsCost)} pts{r.affordable ? ' · yours to claim' : ''}
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-500">Ask at the counter to redeem.</p>
        </section>
        <section aria-labelledby="refer-h" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="refer-h" className="font-medium">
            Invite a friend
          </h2>
          <p className="mt-1 text-sm">
            Your code: <strong data-testid="referral-code">{mine.referral.code}</strong>
          </p>
          <p className="mt-1 text-sm wrap-anywhere">
            <a className="text-brand-700 underline" href={mine.referral.link}>
              {mine.referral.link}
            </a>
          </p>
        </section>
        <section aria-labelledby="history-h">
          <h2 id="history-h" className="font-medium">
            History
          </h2>
          {mine.history.length ? (
            <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
              {mine.history.map((h) => (
                <li key={h.id} className="flex justify-between gap-3 px-3 py-2 text-sm">
                  <span>
                    {h.text}
                    <span className="block text-xs text-slate-500">
                      <Time value={h.at} style="short" />
                    </span>
                  </span>
                  <span className={`tabular-nums whitespace-nowrap ${h.points < 0 ? 'text-slate-700' : 'text-brand-800'}`}>
                    {h.points > 0 ? '+' : ''}
                    {formatCount(h.points)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-600">No points yet: you earn them with your next purchase.</p>
          )}
        </section>
      </div>
    </TimeZoneProvider>
  );
}
