import { StaffClaimsSchema, type Actor, type Role } from '@/domain/roles';
import { AppError, errors } from '@/domain/errors';
import { config } from '../config';
import { adminAuth, authErrorCode } from './firebase-auth';

export const SESSION_COOKIE = '__session';

export interface SessionIdentity {
  orgId: string;
  actor: Actor & { kind: 'staff'; role: Role };
}

function identityFrom(decoded: { uid: string; email?: string } & Record<string, unknown>): SessionIdentity {
  const claims = StaffClaimsSchema.safeParse({ orgId: decoded.orgId, role: decoded.role });
  if (!claims.success) throw errors.forbidden('This account is not a member of any dispensary.');
  return {
    orgId: claims.data.orgId,
    actor: { kind: 'staff', uid: decoded.uid, email: decoded.email, role: claims.data.role },
  };
}

/** Exchanges a fresh Firebase ID token (from the browser sign-in) for a server session cookie. */
export async function createSessionCookie(idToken: string): Promise<{ cookie: string; maxAgeSeconds: number; identity: SessionIdentity }> {
  let decoded;
  try {
    decoded = await adminAuth().verifyIdToken(idToken, true);
  } catch (err) {
    throw unauthenticatedFrom(err);
  }
  // Only a recent sign-in may mint a session, so a stolen older ID token cannot be upgraded.
  if (Date.now() / 1000 - decoded.auth_time > 5 * 60) throw errors.unauthenticated('Sign in again to continue.');
  const identity = identityFrom(decoded);
  const maxAgeSeconds = config().sessionDays * 24 * 60 * 60;
  const cookie = await adminAuth().createSessionCookie(idToken, { expiresIn: maxAgeSeconds * 1000 });
  return { cookie, maxAgeSeconds, identity };
}

/** Verifies a session cookie, including revocation and disabled accounts. */
export function verifySessionCookie(cookie: string): Promise<SessionIdentity> {
  return verified(() => adminAuth().verifySessionCookie(cookie, true));
}

/** Verifies a Firebase ID token sent as a Bearer token by API clients and scripts. */
export function verifyBearerIdToken(token: string): Promise<SessionIdentity> {
  return verified(() => adminAuth().verifyIdToken(token, true));
}

async function verified(verify: () => Promise<{ uid: string; email?: string } & Record<string, unknown>>): Promise<SessionIdentity> {
  let decoded;
  try {
    decoded = await verify();
  } catch (err) {
    throw unauthenticatedFrom(err);
  }
  return identityFrom(decoded);
}

export async function revokeSessions(uid: string): Promise<void> {
  await adminAuth().revokeRefreshTokens(uid);
}

function unauthenticatedFrom(err: unknown): AppError {
  const code = authErrorCode(err);
  if (code === 'auth/user-disabled') return errors.unauthenticated('This account has been disabled.');
  if (code === 'auth/session-cookie-revoked' || code === 'auth/id-token-revoked') return errors.unauthenticated('Your session has ended; sign in again.');
  if (code === 'auth/session-cookie-expired' || code === 'auth/id-token-expired') return errors.unauthenticated('Your session has expired; sign in again.');
  return errors.unauthenticated();
}

export function sessionCookieHeader(value: string, maxAgeSeconds: number): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (config().secureCookies) parts.push('Secure');
  return parts.join('; ');
}

export function clearSessionCookieHeader(): string {
  const parts = [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0'];
  if (config().secureCookies) parts.push('Secure');
  return parts.join('; ');
}

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const idx = part.indexOf('=');
    if (idx === -1) continue;
    if (part.slice(0, idx).trim() === name) return decodeURIComponent(part.slice(idx + 1).trim());
  }
  return undefined;
}
