import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_LOGINS } from '../src/server/seed/demo-tenants';

function login(tenantId: string, role: string) {
  const l = DEMO_LOGINS.find((x) => x.tenantId === tenantId && x.role === role);
  if (!l) throw new Error(`no demo login for ${role} of ${tenantId}`);
  return { email: l.email, password: l.password };
}

export const LOGINS = {
  owner: login('demo-pinecone', 'owner'),
  admin: login('demo-pinecone', 'admin'),
  budtender: login('demo-pinecone', 'budtender'),
  riverbendOwner: login('demo-riverbend', 'owner'),
};

/** Signs in and lands on the overview, or on `next` (a lighter page when the overview's numbers are not the point). */
export async function signIn(page: Page, who: { email: string; password: string }, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The first request to a cold server on a busy two-CPU machine can take well over the default 10 s.
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 45_000 });
}

/**
 * Waits until React has hydrated `target` (it then carries React's props key). A click or a file
 * chosen before that reaches no handler: the server-rendered button does nothing, and a form
 * submits natively. Used before the first interaction on pages whose controls need JavaScript.
 */
export async function whenHydrated(target: Locator) {
  await expect.poll(() => target.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps$'))), { timeout: 30_000 }).toBe(true);
}
