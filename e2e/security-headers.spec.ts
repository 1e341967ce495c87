import { expect, test, type Page } from '@playwright/test';
import { LOGINS, signIn } from './helpers';

/** Every CSP violation the page reports (the event and the console message), across navigations. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

function expectPageHeaders(headers: Record<string, string>) {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  return csp;
}

test.describe('security headers', () => {
  test('pages carry a fresh nonce CSP that their own scripts pass: signing in and using the dashboard reports no violation', async ({ page }) => {
    // Eight page loads on a cold production server of a busy two-CPU machine.
    test.setTimeout(180_000);
    const violations = await watchCsp(page);
    const login = await page.goto('/login');
    const csp = expectPageHeaders(login!.headers());
    const nonce = nonceOf(csp)!;
    // Next put this response's nonce on every script it rendered; the browser hides the attribute, not the property.
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
    expect(nonceOf(expectPageHeaders((await page.goto('/login'))!.headers()))).not.toBe(nonce);

    await signIn(page, LOGINS.owner);
    const overview = await page.goto('/dashboard');
    expectPageHeaders(overview!.headers());
    // The live notifications listener signs the browser SDK in and opens Firestore: connect-src allows both.
    await expect(page.getByTestId('live-notifications')).not.toContainText('Connecting…');
    await expect(page.getByTestId('live-notifications')).not.toContainText('unavailable');
    await expect(page.getByRole('img', { name: /Gross sales per week/ })).toBeVisible();
    for (const path of ['/dashboard/playbooks', '/dashboard/outbox', '/dashboard/tasks', '/dashboard/customers']) {
      expectPageHeaders((await page.goto(path))!.headers());
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    }
    const profile = await page.getByRole('table', { name: 'Customers' }).getByRole('link').first().getAttribute('href');
    expectPageHeaders((await page.goto(profile!))!.headers());
    await expect(page.getByRole('table', { name: 'Recent orders' })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('API answers are never framed or sniffed and load nothing', async ({ request }) => {
    const res = await request.get('/api/health');
    const headers = res.headers();
    expect(headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  test('a signed-in visit to /login follows `next` only to a path of this site', async ({ page }) => {
    await signIn(page, LOGINS.budtender);
    const location = async (next: string) => {
      const res = await page.request.get(`/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect(res.status(), next).toBeGreaterThanOrEqual(300);
      expect(res.status(), next).toBeLessThan(400);
      return res.headers().location;
    };
    expect(await location('/dashboard/tasks')).toBe('/dashboard/tasks');
    for (const evil of ['/\\evil.example', '//evil.example', '/\t/evil.example', 'https://evil.example/', 'javascript:alert(1)']) {
      expect(await location(evil), evil).toBe('/dashboard');
    }
    // The report's exact request: ?next=/%5Cevil.example
    const raw = await page.request.get('/login?next=/%5Cevil.example', { maxRedirects: 0 });
    expect(raw.headers().location).toBe('/dashboard');
  });
});
