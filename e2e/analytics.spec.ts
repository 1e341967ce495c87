import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { LOGINS, signIn, whenHydrated } from './helpers';

// The Analytics page as an owner uses it on the demo dispensary: charts with the demo's figures (the
// seed writes 90 days of playbook and campaign history, docs/analytics.md), each playbook's attributed
// revenue and the A/B test's incremental revenue over its holdout, a range that changes them, and
// both downloads.

interface Report {
  range: { from: string; to: string; days: number };
  totals: { sends: number; clicks: number; conversions: number; attributedRevenueCents: number };
  series: Array<{ day: string; sends: number }>;
}

test.describe('Analytics', () => {
  test('charts the demo, the range changes the figures, and CSV and PDF download', async ({ page }) => {
    await signIn(page, LOGINS.owner, '/dashboard/analytics');
    const today = ((await (await page.request.get('/api/analytics')).json()) as Report).range.to;
    const from90 = new Date(Date.parse(`${today}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
    const r90 = (await (await page.request.get(`/api/analytics?from=${from90}&to=${today}`)).json()) as Report;
    // The demo's history: messages, attributed orders, and an A/B test with a holdout.
    expect(r90.totals.sends).toBeGreaterThan(100);
    expect(r90.totals.conversions).toBeGreaterThan(10);
    expect(r90.totals.attributedRevenueCents).toBeGreaterThan(0);

    await page.goto('/dashboard/analytics');
    const last90 = page.getByRole('button', { name: 'Last 90 days' });
    await whenHydrated(last90);
    await last90.click();
    await expect(page).toHaveURL(new RegExp(`from=${from90}&to=${today}`));
    await expect(page.getByTestId('range-summary')).toContainText('(90 days');
    await expect(page.getByTestId('headline-cards')).toBeVisible();
    // Both charts drawn, with the days of the range and the sends line.
    await expect(page.getByRole('img', { name: /Sends, clicks and conversions per day/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /Attributed revenue per day/ })).toBeVisible();
    await expect(page.locator('.recharts-line-curve').first()).toBeVisible();
    await expect(page.getByText(new RegExp(`(?<![\\d,])${r90.totals.sends.toLocaleString('en-US')} sends`))).toBeVisible();
    // Each playbook with its attributed revenue; the A/B test's incremental revenue over its holdout.
    const playbooks = page.getByRole('table', { name: 'Playbooks' });
    await expect(playbooks).toBeVisible();
    const abTest = playbooks.getByRole('row').filter({ hasText: 'Slipping customers: A/B test with holdout' });
    await expect(abTest).toHaveCount(1);
    await expect(abTest).toContainText('$');
    const lift = page.getByTestId('lift-card').filter({ hasText: 'Slipping customers' }).first();
    await expect(lift).toContainText('Held out');
    await expect(lift).toContainText('Got the messages');
    await expect(lift).toContainText(/Incremental revenue: .*\$[\d,]+/);

    // A shorter range: the figures are the API's for those 7 days, and differ where the history does.
    const from7 = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const r7 = (await (await page.request.get(`/api/analytics?from=${from7}&to=${today}`)).json()) as Report;
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await expect(page).toHaveURL(new RegExp(`from=${from7}&to=${today}`));
    await expect(page.getByTestId('range-summary')).toContainText('(7 days');
    if (r7.totals.sends > 0 || r7.totals.conversions > 0) {
      await expect(page.getByText(new RegExp(`(?<![\\d,])${r7.totals.sends.toLocaleString('en-US')} sends`))).toBeVisible();
    } else {
      await expect(page.getByText('Nothing to report for these days')).toBeVisible();
    }
    if (r7.totals.sends !== r90.totals.sends)
      await expect(page.getByText(new RegExp(`(?<![\\d,])${r90.totals.sends.toLocaleString('en-US')} sends`))).toHaveCount(0);
    expect(r7.series).toHaveLength(7);
    expect(r90.series).toHaveLength(90);

    // Downloads of the 90 days.
    await page.getByRole('button', { name: 'Last 90 days' }).click();
    await expect(page).toHaveURL(new RegExp(`from=${from90}`));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^bakedbot-analytics-.+-${from90}-to-${today}\\.csv$`));
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^Kind,Name,Runs,Sends,Delivered,Opens,Clicks,Conversions,Attributed revenue/);
    expect(text).toContain(`Total,`);
    // The total line: Kind, Name (quoted: it holds commas), Runs, Sends, …
    expect(text.split('\r\n')[1]).toMatch(new RegExp(`^Total,(?:"[^"]*"|[^,]*),\\d+,${r90.totals.sends},`));

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = await readFile((await pdf.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1_000);
  });
});
