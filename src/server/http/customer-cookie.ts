import { config } from '../config';
import { CUSTOMER_SESSION_COOKIE } from '../services/loyalty/customer-session';

/** The customer's session cookie: HttpOnly, SameSite=Lax, Secure in production, short-lived. */
export function customerSessionCookie(token: string, expiresAt: Date, now: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return `${CUSTOMER_SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${config().isProduction ? '; Secure' : ''}`;
}

export function clearedCustomerSessionCookie(): string {
  return `${CUSTOMER_SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${config().isProduction ? '; Secure' : ''}`;
}
