import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { dashboardRoutes, describeViolations, makeRecords, visitsFor, type Records, type Visit } from './a11y-pages';
import { LOGINS, signIn } from './helpers';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the level the issue asks for. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Size {
  width: number;
  height: number;
  /** Run axe and take the screenshots (desktop and landscape tablet). */
  axe: boolean;
  /** A tablet: a touch screen (pointer: coarse), no sideways scrolling, 44px targets. */
  tablet: boolean;
}
/** Each page is loaded once per role and looked at in every size (resized in place, touch switched on for tablets). */
const SIZES: Size[] = [
  { width: 1440, height: 900, axe: true, tablet: false },
  { width: 1024, height: 768, axe: true, tablet: true },
  { width: 768, height: 1024, axe: false, tablet: true },
];
const DESKTOP = SIZES[0]!;
const ROLES = ['owner', 'budtender'] as const;

let records: Records;

function withinAMinute<T>(work: Promise<T>, where: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`axe did not finish within a minute on ${where}`)), 60_000);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
let visits: Visit[];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await browser.newPage();
  await signIn(page, LOGINS.owner, '/dashboard/tasks');
  records = await makeRecords(page.request);
  const found = visitsFor(dashboardRoutes(), records);
  expect(found.unmapped, 'dashboard pages with a [param] need an entry in ROUTE_VISITS (e2e/a11y-pages.ts)').toEqual([]);
  visits = found.visits;
  await page.close();
});

/** The main pages, photographed for the record (test artifacts) at the sizes axe runs at. */
function screenshotName(url: string): string | null {
  const names: Record<string, string> = {
    '/dashboard': 'overview',
    '/dashboard/customers': 'customers',
    [`/dashboard/customers/${records.customer}`]: 'customer-profile',
    '/dashboard/playbooks': 'playbooks',
    [`/dashboard/playbooks/${records.playbook}`]: 'playbook',
    [`/dashboard/outbox?id=${records.send}`]: 'outbox',
    '/dashboard/tasks': 'tasks',
    '/dashboard/integrations': 'integrations',
    '/dashboard/settings': 'settings',
  };
  return names[url] ?? null;
}

/** Controls whose keyboard focus shows no ring: every control must show the dark outline (docs/ui.md). */
async function controlsWithoutVisibleFocus(page: Page): Promise<string[]> {
  // A key press first: the browser shows :focus-visible on scripted focus only after keyboard use.
  await page.keyboard.press('Shift');
  return page.evaluate(() => {
    const bad: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]');
    for (const el of controls) {
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      el.focus({ preventScroll: true });
      if (document.activeElement !== el) continue;
      const s = getComputedStyle(el);
      const ring = el.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
      if (!ring) bad.push(`${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}”`);
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return bad;
  });
}

/** Buttons, fields, tabs, table links and navigation links shorter than 44px on a touch screen. */
async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (!matchMedia('(pointer: coarse)').matches) return ['the page does not see a coarse pointer: touch emulation is off'];
    const selector = [
      'button',
      'select',
      'textarea',
      'summary',
      '[role="tab"]',
      'input:not([type="checkbox"], [type="radio"], [type="hidden"])',
      'td a[href]',
      'nav a[href]',
    ].join(', ');
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height >= 43.5) continue;
      bad.push(`${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}” is ${r.height.toFixed(1)}px tall`);
    }
    return bad;
  });
}

for (const role of ROLES) {
  test(`every dashboard page as ${role}: axe at 1440×900 and 1024×768, visible focus, and at 1024×768 and 768×1024 on touch no sideways scroll and 44px targets`, async ({
    browser,
  }, testInfo) => {
    // Two dozen pages, each checked at three sizes, on a production server of a busy two-CPU machine.
    test.setTimeout(1_800_000);
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await signIn(page, LOGINS[role], '/dashboard/tasks');
    const problems: string[] = [];
    const report = (found: string[]) => {
      // Printed as found too, so a run stopped half-way still says what it saw.
      for (const p of found) console.log(`\n${p}`);
      problems.push(...found);
    };
    let refusals = 0;
    for (const visit of visits) {
      await page.setViewportSize(DESKTOP);
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
      const res = await page.goto(visit.url);
      if (res?.status() === 403) {
        // A page this role may not open says so, in a page that must be as accessible as any.
        expect(role, `${visit.url} refused the owner`).toBe('budtender');
        await expect(page.getByRole('heading', { level: 1, name: 'Your role cannot open this page' })).toBeVisible();
        refusals += 1;
      } else {
        expect(res?.status(), visit.url).toBe(200);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        // Streamed parts (the overview's numbers) have arrived.
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 120_000 });
        await visit.prepare?.(page);
      }
      for (const size of SIZES) {
        const where = `${visit.url} (${role}, ${size.width}×${size.height})`;
        await page.setViewportSize(size);
        // The same switch Playwright's hasTouch uses: the page then matches (pointer: coarse).
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: size.tablet, maxTouchPoints: size.tablet ? 5 : 1 });
        if (size.axe) {
          // The dev overlay (npm run dev only) is Next's, not ours.
          // A sandboxed frame (an email's HTML shown as the customer gets it, scripts off) cannot run axe, and
          // Playwright's evaluate into it never returns: the frame is left out, and any hang fails in a minute.
          const results = await withinAMinute(
            new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('nextjs-portal').exclude('iframe[sandbox]').analyze(),
            where,
          );
          report(describeViolations(where, results));
        }
        if (size.tablet) {
          const sideways = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);
          if (sideways > 1) report([`${where}: scrolls sideways by ${sideways}px`]);
          report((await smallTouchTargets(page)).map((t) => `${where}: touch target ${t}`));
        } else {
          report((await controlsWithoutVisibleFocus(page)).map((c) => `${where}: no visible focus on ${c}`));
        }
        const shot = size.axe && role === 'owner' ? screenshotName(visit.url) : null;
        if (shot) {
          const file = testInfo.outputPath(`${shot}-${size.width}x${size.height}.png`);
          await page.screenshot({ path: file, fullPage: true });
          await testInfo.attach(`${shot} at ${size.width}×${size.height}`, { path: file, contentType: 'image/png' });
        }
      }
    }
    await context.close();
    // The budtender is refused the owner's pages (analytics, settings, integrations…).
    if (role === 'budtender') expect(refusals).toBeGreaterThan(0);
    expect(problems, `${problems.length} problem(s):\n\n${problems.join('\n\n')}`).toEqual([]);
  });
}

test.describe('after a search or a filter', () => {
  test('focus moves to the results and a polite live region says how many were found', async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, LOGINS.owner, '/dashboard/tasks');
    const summary = page.getByTestId('results-summary');
    const announcement = page.getByRole('status').and(page.getByTestId('results-announcement'));

    // Opening the list plainly leaves focus alone.
    await page.goto('/dashboard/customers');
    await expect(summary).toHaveText(/^[\d,]+ customers found/);
    await expect(summary).not.toBeFocused();
    await expect(announcement).toHaveText('');

    // A first name: one of the kinds the customer search finds (docs/crm.md, Search).
    const someone = (await (await page.request.get('/api/customers?limit=1&sort=name')).json()).customers[0] as { firstName: string };
    await page.getByLabel('Search').fill(someone.firstName);
    await page.getByRole('button', { name: 'Search' }).press('Enter');
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(summary).toBeFocused();
    await expect(summary).toHaveText(/^[\d,]+ customers? found/);
    await expect(announcement).toHaveText((await summary.textContent())!);
    // The next Tab goes into the results, not back to the top of the page.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('table', { name: 'Customers' }).getByRole('link').first()).toBeFocused();

    await page.goto('/dashboard/tasks');
    await expect(summary).not.toBeFocused();
    await page.getByRole('navigation', { name: 'Task status' }).getByRole('link', { name: 'All' }).click();
    await expect(summary).toBeFocused();
    await expect(announcement).toHaveText(/^([\d,]+ tasks? found|No tasks found)/);
    await page.getByLabel('Assigned to').selectOption('budtender');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/assignRole=budtender/);
    await expect(summary).toBeFocused();
    await expect(announcement).toHaveText(/^([\d,]+ tasks? found|No tasks found)/);

    await page.goto('/dashboard/outbox');
    await page.getByLabel('Channel').selectOption('sms');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/channel=sms/);
    await expect(summary).toBeFocused();
    await expect(announcement).toHaveText(/^([\d,]+ messages? found|No messages found)/);

    // The deliveries filter applies as the select changes: it announces, and leaves focus on the select (WCAG 3.2.2).
    await page.goto('/dashboard/integrations');
    const statusFilter = page.getByLabel('Status', { exact: true });
    // selectOption does not focus the select; someone choosing with the keyboard has it focused.
    await statusFilter.focus();
    await statusFilter.selectOption({ label: 'Failed, no more retries' });
    await expect(announcement).toHaveText(/^([\d,]+ deliver(y|ies) found|No deliveries found)/);
    await expect(statusFilter).toBeFocused();
  });

  test('a chart has titled axes, values, and its numbers as a table', async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, LOGINS.owner, '/dashboard/tasks');
    await page.goto('/dashboard');
    const figure = page.getByRole('figure').filter({ has: page.getByRole('img', { name: /Gross sales per week/ }) });
    const picture = figure.getByRole('img', { name: /Gross sales per week/ });
    // The sales figures stream in after the page (many orders to add up).
    await expect(picture).toBeVisible({ timeout: 120_000 });
    await expect(picture.getByText('Week starting')).toBeVisible();
    await expect(picture.getByText('Gross sales', { exact: true })).toBeVisible();
    await expect(picture.getByText(/^\$[\d.]+K?$/).first()).toBeVisible();
    // The table is there for screen readers all along, and shown in place of the picture on request.
    const table = figure.getByRole('table', { name: /Gross sales per week/ });
    await expect(table.getByRole('row')).toHaveCount(13);
    await figure.getByRole('button', { name: 'Show as table' }).click();
    // The picture is hidden now, so the figure is no longer found by it: the table is found by its own name.
    const shown = page.getByRole('table', { name: /Gross sales per week/ });
    await expect(shown).toBeVisible();
    await expect(shown.getByRole('cell', { name: /^\$[\d,]+\.\d\d$/ }).first()).toBeVisible();
  });
});

test('the counter and the customers’ pages: axe at tablet and phone sizes, no sideways scroll, 44px targets on touch', async ({ browser }) => {
  // The loyalty tablet (a budtender at the counter) and the pages a customer opens on a phone.
  test.setTimeout(600_000);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await signIn(page, LOGINS.budtender, '/dashboard/tasks');
  const problems: string[] = [];
  const pages = [
    { url: '/loyalty-tablet', sizes: [SIZES[1]!, SIZES[2]!] },
    ...['/join/pinecone', '/my/pinecone', '/menu/pinecone'].map((url) => ({ url, sizes: [SIZES[2]!, { width: 390, height: 844, axe: true, tablet: true }] })),
  ];
  for (const visit of pages) {
    for (const size of visit.sizes) {
      const where = `${visit.url} (${size.width}×${size.height})`;
      await page.setViewportSize(size);
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
      const res = await page.goto(visit.url);
      expect(res?.status(), where).toBe(200);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const results = await withinAMinute(new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('nextjs-portal').analyze(), where);
      problems.push(...describeViolations(where, results));
      const sideways = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);
      if (sideways > 1) problems.push(`${where}: scrolls sideways by ${sideways}px`);
      problems.push(...(await smallTouchTargets(page)).map((t) => `${where}: touch target ${t}`));
    }
  }
  await context.close();
  expect(problems, `${problems.length} problem(s):\n\n${problems.join('\n\n')}`).toEqual([]);
});
