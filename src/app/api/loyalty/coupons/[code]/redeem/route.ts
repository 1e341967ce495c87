import { z } from 'zod';
import { formatCouponCode } from '@/domain/loyalty/redemption';
import { parseOptionalJsonBody } from '@/server/http/optional-json-body';
import { withScopedApiKey } from '@/server/http/with-scoped-api-key';
import { redeemCoupon } from '@/server/services/loyalty/redeem-coupon';

const BodySchema = z.object({ reference: z.string().trim().min(1).max(200).optional() }).strict();

// POST /api/loyalty/coupons/[code]/redeem: the POS marks a coupon used (API key with the coupons scope); a second use is 409
export const POST = withScopedApiKey<{ code: string }>('coupons', async (req, ctx, { code }) => {
  const body = await parseOptionalJsonBody(req, BodySchema);
  const r = await redeemCoupon(ctx, code, { kind: 'pos', apiKeyId: ctx.apiKeyId, reference: body.reference ?? null });
  const c = r.coupon;
  return {
    coupon: { code: formatCouponCode(c.id), description: c.description, valueCents: c.valueCents, status: c.status, usedAt: c.usedAt, expiresAt: c.expiresAt },
    duplicate: r.duplicate,
  };
});
