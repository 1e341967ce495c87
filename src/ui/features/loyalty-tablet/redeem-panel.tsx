'use client';

import { useState } from 'react';
import { formatCount } from '@/ui/primitives/format';
import { api, ApiError } from '@/ui/primitives/api-client';
import { TOUCH, type MemberJson, type RedemptionJson } from './types';

type Reward = MemberJson['rewards'][number];

/**
 * Confirming a reward: text the customer a PIN and type it in, or a staff override with a reason
 * (owners see every override). One redemption id per attempt, so a retried tap redeems once.
 */
export function RedeemPanel(props: {
  member: MemberJson;
  reward: Reward;
  redemptionId: string;
  onRedeemed: (r: RedemptionJson, m: MemberJson) => void;
  onBack: () => void;
}) {
  const { member, reward } = props;
  const [pinSent, setPinSent] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  const sendPin = () =>
    run(async () => {
      const r = await api<{ sentTo: string }>(`/api/loyalty/tablet/members/${member.id}/pin`, { method: 'POST' });
      setPinSent(r.sentTo);
      setPin('');
    });

  const redeem = () =>
    run(async () => {
      const body = { redemptionId: props.redemptionId, customerId: member.id, rewardId: reward.id, ...(override ? { override: { reason } } : { pin }) };
      const r = await api<{ redemption: RedemptionJson; member: MemberJson }>('/api/loyalty/redemptions', { body });
      props.onRedeemed(r.redemption, r.member);
    });

  return (
    <section aria-labelledby="redeem-title" className="flex flex-col gap-4 rounded-xl border-2 border-slate-200 bg-white p-5">
      <h2 id="redeem-title" className="text-2xl font-semibold">
        {reward.description}
      </h2>
      <p className="text-lg">
        {formatCount(reward.pointsCost)} of {member.firstName || 'their'}’s {formatCount(member.available)} points.
      </p>

      {!override ? (
        <>
          <button
            type="button"
            onClick={sendPin}
            disabled={busy}
            className={`${TOUCH} rounded-lg border-2 border-brand-600 bg-white px-6 font-semibold disabled:opacity-50`}
          >
            {pinSent ? 'Text a new PIN' : 'Text a PIN to the customer'}
          </button>
          {pinSent && <p className="text-base text-slate-600">PIN sent to {pinSent}. It works for 10 minutes.</p>}
          <label className="flex flex-col gap-1 text-lg">
            <span className="font-medium">PIN from the customer’s text</span>
            <input
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 6))}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              className={`${TOUCH} w-56 rounded-lg border-2 border-slate-300 px-3 font-mono text-3xl tracking-[0.4em]`}
            />
          </label>
        </>
      ) : (
        <label className="flex flex-col gap-1 text-lg">
          <span className="font-medium">Why no PIN? (owners see this)</span>
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            maxLength={300}
            className="min-h-24 rounded-lg border-2 border-slate-300 p-3 text-lg"
          />
        </label>
      )}

      {error && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-lg text-red-800">
          {error}
        </p>
      )}

      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={props.onBack} className={`${TOUCH} rounded-lg border-2 border-slate-300 bg-white px-6`}>
          Back
        </button>
        <button
          type="button"
          onClick={() => {
            setOverride((o) => !o);
            setError(null);
          }}
          className={`${TOUCH} rounded-lg border-2 border-amber-400 bg-white px-6`}
        >
          {override ? 'Use a PIN instead' : 'Staff override'}
        </button>
        <button
          type="button"
          onClick={redeem}
          disabled={busy || (override ? reason.trim().length < 5 : pin.length !== 6)}
          className={`${TOUCH} flex-1 rounded-lg bg-brand-600 px-6 font-semibold text-white disabled:opacity-50`}
        >
          {busy ? 'Working…' : 'Redeem'}
        </button>
      </div>
    </section>
  );
}
