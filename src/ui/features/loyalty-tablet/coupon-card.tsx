'use client';

import { formatMoney } from '@/ui/primitives/format';
import { Time } from '@/ui/primitives/time';
import { formatCouponCode } from '@/domain/loyalty/redemption';
import { CouponQr } from './coupon-qr';
import { TOUCH } from './types';

/** The coupon the customer takes to the register: the code to read out or type, and the QR to scan. */
export function CouponCard(props: {
  code: string;
  description: string;
  valueCents: number;
  expiresAt: string;
  busy: boolean;
  onCancel: () => void;
  onDone: () => void;
}) {
  const shown = formatCouponCode(props.code.replace(/-/g, ''));
  return (
    <section aria-labelledby="coupon-title" className="flex flex-col items-center gap-4 rounded-xl border-2 border-emerald-600 bg-white p-6 text-center">
      <h2 id="coupon-title" className="text-2xl font-semibold">
        {props.description}
      </h2>
      <p className="text-lg">Worth {formatMoney(props.valueCents)} off</p>
      <p className="font-mono text-4xl font-bold tracking-widest" data-testid="coupon-code" aria-label={`Coupon code ${shown.split('').join(' ')}`}>
        {shown}
      </p>
      <CouponQr code={shown} label={`QR code for coupon ${shown}`} />
      <p className="text-base text-slate-600">
        Single use. Valid until <Time value={props.expiresAt} style="date" />.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" onClick={props.onDone} className={`${TOUCH} rounded-lg bg-brand-600 px-6 font-semibold text-white`}>
          Done
        </button>
        <button
          type="button"
          onClick={props.onCancel}
          disabled={props.busy}
          className={`${TOUCH} rounded-lg border-2 border-red-300 bg-white px-6 text-red-700 disabled:opacity-50`}
        >
          Cancel this redemption
        </button>
      </div>
    </section>
  );
}
