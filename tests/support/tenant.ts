import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '@/domain/clock';
import type { Role } from '@/domain/roles';
import { ALL_ROLES } from '@/domain/roles';
import { adminAuth } from '@/server/auth/firebase-auth';
import { SESSION_COOKIE } from '@/server/auth/session';
import type { ServiceContext } from '@/server/context';
import { tenantDb } from '@/server/db/tenant-db';
import { startSession } from '@/server/services/auth/start-session';
import { createTenant } from '@/server/services/tenants/create-tenant';

export interface TestUser {
  uid: string;
  email: string;
  password: string;
  role: Role;
}

export interface TestTenant {
  orgId: string;
  users: Record<Role, TestUser>;
  /** A `cookie` header value carrying a fresh session for that role. */
  cookie(role: Role): Promise<string>;
  ctx(role?: Role, clock?: Clock): ServiceContext;
}

export async function signInWithPassword(email: string, password: string): Promise<string> {
  const host = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  const res = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const body = (await res.json()) as { idToken?: string; error?: { message: string } };
  if (!body.idToken) throw new Error(`sign-in failed for ${email}: ${body.error?.message}`);
  return body.idToken;
}

export async function sessionCookieFor(email: string, password: string): Promise<string> {
  const { setCookie } = await startSession(await signInWithPassword(email, password));
  const value = setCookie.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
  return `${SESSION_COOKIE}=${value}`;
}

/** A fresh tenant with one owner, admin and budtender, each able to sign in. */
export async function createTestTenant(name = 'Test Dispensary'): Promise<TestTenant> {
  const orgId = `t-${randomUUID().slice(0, 12)}`;
  await createTenant({ clock: systemClock }, { id: orgId, name: `${name} ${orgId}`, timeZone: 'America/Detroit' });
  const users = {} as Record<Role, TestUser>;
  const now = systemClock.now();
  for (const role of ALL_ROLES) {
    const email = `${role}-${orgId}@test.example`;
    const password = `pw-${randomUUID()}`;
    const user = await adminAuth().createUser({ email, password, displayName: `${role} of ${orgId}` });
    await adminAuth().setCustomUserClaims(user.uid, { orgId, role });
    await tenantDb(orgId).staff.create({ id: user.uid, email, displayName: `${role} of ${orgId}`, role, disabled: false, createdAt: now, updatedAt: now });
    users[role] = { uid: user.uid, email, password, role };
  }
  const cookies = new Map<Role, Promise<string>>();
  return {
    orgId,
    users,
    cookie(role) {
      if (!cookies.has(role)) cookies.set(role, sessionCookieFor(users[role].email, users[role].password));
      return cookies.get(role)!;
    },
    ctx(role = 'owner', clock = systemClock) {
      const u = users[role];
      return { orgId, actor: { kind: 'staff', uid: u.uid, email: u.email, role }, clock };
    },
  };
}

/**
 * Firebase records revocation to the whole second and treats a token whose auth_time equals it
 * as still valid; real sign-outs happen seconds after sign-in, so tests wait past the boundary.
 */
export function pastRevocationSecond(): Promise<void> {
  return new Promise((r) => setTimeout(r, 1_100));
}
