import type { TabletMember } from '@/domain/loyalty/tablet';

/** A member as it arrives over JSON: dates are strings. */
export type MemberJson = Omit<TabletMember, 'openCoupons'> & {
  openCoupons: Array<Omit<TabletMember['openCoupons'][number], 'expiresAt'> & { expiresAt: string }>;
};

export interface RedemptionJson {
  id: string;
  customerId: string;
  description: string;
  pointsCost: number;
  couponValueCents: number;
  couponCode: string;
  expiresAt: string;
  status: 'issued' | 'used' | 'cancelled';
}

/** Every control on the tablet: at least 48 px in both directions, large type. */
export const TOUCH = 'min-h-12 min-w-12 text-lg';
