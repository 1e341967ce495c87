'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '@/ui/primitives/api-client';
import { CouponCard } from './coupon-card';
import { MemberPanel } from './member-panel';
import { RedeemPanel } from './redeem-panel';
import { SignUpForm } from './sign-up-form';
import { TOUCH, type MemberJson, type RedemptionJson } from './types';

type Screen =
  | { kind: 'lookup' }
  | { kind: 'choose'; members: MemberJson[] }
  | { kind: 'signup' }
  | { kind: 'member'; member: MemberJson }
  | { kind: 'redeem'; member: MemberJson; reward: MemberJson['rewards'][number]; redemptionId: string }
  | { kind: 'coupon'; member: MemberJson; coupon: { redemptionId: string; code: string; description: string; valueCents: number; expiresAt: string } };

const newAttemptId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `r-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * The counter kiosk: look a member up by phone or sign one up, show points and tier, redeem a
 * reward with a PIN (or a staff override), hand over the coupon. After `idleSeconds` without a
 * touch it returns to the lookup screen and forgets the customer, so the next person at the
 * counter never sees the last one.
 */
export function LoyaltyTablet({ dispensary, staff, idleSeconds }: { dispensary: string; staff: string; idleSeconds: number }) {
  const [screen, setScreen] = useState<Screen>({ kind: 'lookup' });
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastTouch = useRef(0);
  const onLookup = useRef(true);
  useEffect(() => {
    onLookup.current = screen.kind === 'lookup';
  }, [screen.kind]);

  const reset = useCallback((why: string | null = null) => {
    setScreen({ kind: 'lookup' });
    setPhone('');
    setError(null);
    setNotice(why);
  }, []);

  useEffect(() => {
    lastTouch.current = Date.now();
    const touch = () => {
      lastTouch.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'input'] as const;
    events.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastTouch.current < idleSeconds * 1000) return;
      lastTouch.current = Date.now();
      if (onLookup.current) return;
      reset('Locked after being idle: the last customer was cleared.');
    }, 1000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, touch));
      window.clearInterval(timer);
    };
  }, [idleSeconds, reset]);

  async function act(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  const lookup = (e: React.FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await api<{ members: MemberJson[] }>(`/api/loyalty/tablet/members?phone=${encodeURIComponent(phone)}`);
      if (r.members.length === 0) setError('No member with this number. Sign them up?');
      else if (r.members.length === 1) setScreen({ kind: 'member', member: r.members[0]! });
      else setScreen({ kind: 'choose', members: r.members });
    });
  };

  const cancel = (redemptionId: string) =>
    act(async () => {
      const r = await api<{ member: MemberJson }>(`/api/loyalty/redemptions/${encodeURIComponent(redemptionId)}/cancel`, { method: 'POST' });
      setScreen({ kind: 'member', member: r.member });
      setNotice('Redemption cancelled: the points are back.');
    });

  return (
    <div className="mx-auto flex min-h-screen max-w-4xl flex-col gap-5 p-4 sm:p-6">
      <header className="flex items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{dispensary} rewards</h1>
          <p className="text-base text-slate-600">Signed in as {staff}</p>
        </div>
        {screen.kind !== 'lookup' && (
          <button type="button" onClick={() => reset()} className={`${TOUCH} rounded-lg border-2 border-slate-300 bg-white px-5`}>
            Next customer
          </button>
        )}
      </header>

      {notice && (
        <p role="status" className="rounded-lg bg-sky-50 p-3 text-lg text-sky-900">
          {notice}
        </p>
      )}
      {error && screen.kind !== 'signup' && screen.kind !== 'redeem' && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-lg text-red-800">
          {error}
        </p>
      )}

      {screen.kind === 'lookup' && (
        <div className="flex flex-col gap-4">
          <form onSubmit={lookup} className="flex flex-col gap-3 rounded-xl border-2 border-slate-200 bg-white p-5">
            <label className="flex flex-col gap-1 text-lg">
              <span className="font-medium">Customer’s mobile number</span>
              <input
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                className={`${TOUCH} rounded-lg border-2 border-slate-300 px-3 text-2xl`}
              />
            </label>
            <button
              type="submit"
              disabled={busy || phone.replace(/\D/g, '').length < 7}
              className={`${TOUCH} rounded-lg bg-brand-600 px-6 font-semibold text-white disabled:opacity-50`}
            >
              Find member
            </button>
          </form>
          <button
            type="button"
            onClick={() => setScreen({ kind: 'signup' })}
            className={`${TOUCH} rounded-lg border-2 border-brand-600 bg-white px-6 font-semibold`}
          >
            Sign up a new member
          </button>
        </div>
      )}

      {screen.kind === 'choose' && (
        <ul className="flex flex-col gap-3" aria-label="Members with this number">
          {screen.members.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                onClick={() => setScreen({ kind: 'member', member: m })}
                className={`${TOUCH} w-full rounded-lg border-2 border-slate-300 bg-white px-4 text-left`}
              >
                {`${m.firstName} ${m.lastName}`.trim() || 'Member'} · {m.tier?.name}
              </button>
            </li>
          ))}
        </ul>
      )}

      {screen.kind === 'signup' && (
        <SignUpForm
          dispensary={dispensary}
          onBack={() => reset()}
          onDone={(member) => {
            setScreen({ kind: 'member', member });
            setNotice(`Welcome, ${member.firstName}! They are a member now.`);
          }}
        />
      )}

      {screen.kind === 'member' && (
        <MemberPanel
          member={screen.member}
          onPick={(reward) => setScreen({ kind: 'redeem', member: screen.member, reward, redemptionId: newAttemptId() })}
          onShowCoupon={(c) =>
            setScreen({
              kind: 'coupon',
              member: screen.member,
              coupon: { redemptionId: c.redemptionId, code: c.code, description: c.description, valueCents: c.couponValueCents, expiresAt: c.expiresAt },
            })
          }
        />
      )}

      {screen.kind === 'redeem' && (
        <RedeemPanel
          member={screen.member}
          reward={screen.reward}
          redemptionId={screen.redemptionId}
          onBack={() => setScreen({ kind: 'member', member: screen.member })}
          onRedeemed={(r: RedemptionJson, member) =>
            setScreen({
              kind: 'coupon',
              member,
              coupon: { redemptionId: r.id, code: r.couponCode, description: r.description, valueCents: r.couponValueCents, expiresAt: r.expiresAt },
            })
          }
        />
      )}

      {screen.kind === 'coupon' && (
        <CouponCard
          {...screen.coupon}
          busy={busy}
          onDone={() => setScreen({ kind: 'member', member: screen.member })}
          onCancel={() => void cancel(screen.coupon.redemptionId)}
        />
      )}
    </div>
  );
}
