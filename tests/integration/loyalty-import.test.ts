import { beforeAll, describe, expect, it } from 'vitest';
import * as importsRoute from '@/app/api/loyalty/imports/route';
import * as importRoute from '@/app/api/loyalty/imports/[id]/route';
import { MAX_IMPORT_BYTES } from '@/domain/loyalty/opening-import';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { importOpeningBalances, type ImportRequest } from '@/server/services/loyalty/import-opening-balances';
import { getOpeningImport } from '@/server/services/loyalty/opening-import-reports';
import { signUpMember } from '@/server/services/loyalty/sign-up-member';
import { seedCustomer } from '../support/fixtures';
import { call } from '../support/http';
import { issueCoupon } from '../support/loyalty';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
let ada: string;
let ben: string;
let cleo: string;
beforeAll(async () => {
  t = await createTestTenant('Loyalty import');
  ada = await seedCustomer(t.orgId, { firstName: 'Ada', lastName: 'Park', phone: '+13135550142', email: 'ada@example.com' });
  ben = await seedCustomer(t.orgId, { firstName: 'Ben', lastName: 'Ray', phone: '+12485550199' });
  cleo = await seedCustomer(t.orgId, { firstName: 'Cleo', lastName: 'Stone', email: 'cleo@example.com' });
});

const FILE = [
  'Phone Number,E-mail,Balance,Tier',
  '(313) 555-0142,,1250,Gold',
  '248-555-0199,,300,',
  ',CLEO@example.com,75,bronze',
  '555,,10,', // not a phone number
  '3135550142,,99,', // Ada again
  '+1 734 555 0100,,40,', // nobody
  ',nobody@example.com,-5,', // negative
].join('\n');

async function run(_orgId: string, req: ImportRequest, role: 'owner' = 'owner') {
  const r = await importOpeningBalances(t.ctx(role), req);
  if (r.dryRun) return { dry: r };
  await r.followUp.run();
  return { imported: await getOpeningImport(t.ctx(role), r.import.id), id: r.import.id };
}

async function stateOf(customerId: string) {
  const tdb = tenantDb(t.orgId);
  const lines = (await tdb.loyaltyLines.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
  const account = await tdb.loyaltyAccounts.get(customerId);
  const customer = await tdb.customers.getOrThrow(customerId);
  return { lines, balance: account?.balance ?? 0, tier: account?.tier?.id ?? null, pointsBalance: customer.pointsBalance };
}

describe('importing opening balances', () => {
  it('a dry run reports every row and writes nothing', async () => {
    const { dry } = await run(t.orgId, { fileName: 'old-provider.csv', csvText: FILE, dryRun: true });
    expect(dry!.rows.map((r) => [r.line, r.status, r.customerName])).toEqual([
      [2, 'imported', 'Ada Park'],
      [3, 'imported', 'Ben Ray'],
      [4, 'imported', 'Cleo Stone'],
      [5, 'invalid', null],
      [6, 'duplicate', null],
      [7, 'unmatched', null],
      [8, 'invalid', null],
    ]);
    expect(dry!.rows[0]!.message).toBe('Would start with 1,250 points.');
    expect(dry!.rows[4]!.message).toBe('Same phone number as line 2; only that line is imported.');
    expect(dry!.rows[5]!.message).toMatch(/No customer with this phone number or email/);
    expect(dry!.rows[6]!.message).toBe('The points (-5) are negative; a balance cannot be below zero.');
    const tdb = tenantDb(t.orgId);
    expect((await tdb.loyaltyLines.ref.get()).size).toBe(0);
    expect((await tdb.loyaltyImports.ref.get()).size).toBe(0);
    expect((await tdb.openingBalances.ref.get()).size).toBe(0);
    expect((await stateOf(ada)).pointsBalance).toBe(0);
  });

  it('imports: balances equal the file, tiers as named, bad rows reported without writing; the same file again changes nothing', async () => {
    const first = await run(t.orgId, { fileName: 'old-provider.csv', csvText: FILE, dryRun: false });
    const imp = first.imported!.import;
    expect(imp).toMatchObject({ status: 'completed', totalRows: 7, processedRows: 7, pointsPosted: 1625 });
    expect(imp.counts).toMatchObject({ imported: 3, invalid: 2, duplicate: 1, unmatched: 1, pending: 0 });
    const a = await stateOf(ada);
    expect(a).toMatchObject({ balance: 1250, pointsBalance: 1250, tier: 'gold' });
    expect(a.lines.map((l) => [l.type, l.points, l.idempotencyKey, l.source.importId])).toEqual([
      ['opening_balance', 1250, `opening:${first.id}:${ada}`, first.id],
    ]);
    expect((await stateOf(ben)).balance).toBe(300);
    expect((await stateOf(cleo)).balance).toBe(75);
    expect((await tenantDb(t.orgId).loyaltyLines.ref.get()).size).toBe(3);

    const again = await run(t.orgId, { fileName: 'old-provider (1).csv', csvText: FILE, dryRun: false });
    expect(again.imported!.import.counts).toMatchObject({ imported: 0, skipped: 3 });
    expect(again.imported!.import.pointsPosted).toBe(0);
    expect(again.imported!.rows[0]!.message).toMatch(/^Already has an opening balance of 1,250 points from old-provider.csv/);
    expect((await tenantDb(t.orgId).loyaltyLines.ref.get()).size).toBe(3);
    expect((await stateOf(ada)).balance).toBe(1250);
  });

  it('reconciliation shows the difference after a redemption, filters to differences, and downloads as CSV', async () => {
    const imports = (await call(importsRoute.GET, { cookie: await t.cookie('admin') })).body.imports;
    const firstId = imports.at(-1).id as string;
    await issueCoupon(t.ctx('owner'), ada, 'five-off');
    const rec = await call(importRoute.GET, {
      cookie: await t.cookie('admin'),
      params: { id: firstId },
      path: `/api/loyalty/imports/${firstId}?only=differences`,
    });
    expect(rec.status).toBe(200);
    expect(rec.body.reconciliation).toMatchObject({ total: 3, withDifference: 1 });
    expect(rec.body.reconciliation.rows).toEqual([expect.objectContaining({ customerId: ada, imported: 1250, balance: 1150, difference: -100 })]);
    const csv = await call(importRoute.GET, { cookie: await t.cookie('owner'), params: { id: firstId }, path: `/api/loyalty/imports/${firstId}?format=csv` });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="reconciliation-old-provider.csv"');
    expect(String(csv.body).split('\r\n').slice(0, 2)).toEqual([
      'line,customer_id,name,phone_or_email,imported_points,balance_now,difference',
      `2,${ada},Ada Park,+13135550142,1250,1150,-100`,
    ]);
  });

  it('"replace" posts only the difference as an adjustment, keeping what was spent since', async () => {
    const file = 'phone,points\n3135550142,2000\n2485550199,300\n';
    const { imported } = await run(t.orgId, { fileName: 'corrected.csv', csvText: file, dryRun: false, mode: 'replace' });
    expect(imported!.rows.map((r) => [r.status, r.message])).toEqual([
      ['replaced', 'Opening balance 1,250 points → 2,000 points: 750 points added.'],
      ['replaced', 'Opening balance already 300 points; nothing to change.'],
    ]);
    const a = await stateOf(ada);
    expect(a.balance).toBe(1150 + 750);
    expect(a.lines.find((l) => l.type === 'adjust')).toMatchObject({ points: 750, reason: 'Opening balance replaced by corrected.csv: 1250 → 2000 points' });
    expect((await stateOf(ben)).lines).toHaveLength(1);
  });

  it('matches members by their identity keys where every customer has them', async () => {
    const u = await createTestTenant('Loyalty import keys');
    const { customer } = await signUpMember(u.ctx('owner'), {
      firstName: 'Dee',
      lastName: 'Lane',
      phone: '(313) 555-0177',
      email: 'dee@example.com',
      dateOfBirth: '1990-05-05',
      smsConsent: false,
      emailConsent: false,
    });
    const r = await importOpeningBalances(u.ctx('owner'), {
      fileName: 'x.csv',
      csvText: 'email,points\nDEE@example.com,40\nnot-here@example.com,5\n',
      dryRun: false,
    });
    if (r.dryRun) throw new Error('expected an import');
    await r.followUp.run();
    const report = await getOpeningImport(u.ctx('admin'), r.import.id);
    expect(report.rows.map((x) => [x.status, x.customerId])).toEqual([
      ['imported', customer.id],
      ['unmatched', null],
    ]);
    expect((await tenantDb(u.orgId).loyaltyAccounts.getOrThrow(customer.id)).balance).toBe(40);
  });
});

describe('the imports API', () => {
  it('runs the import after answering 202, and the report shows its progress', async () => {
    const u = await createTestTenant('Loyalty import api');
    const id = await seedCustomer(u.orgId, { phone: '+13135550188' });
    const res = await call(importsRoute.POST, {
      method: 'POST',
      cookie: await u.cookie('owner'),
      body: { fileName: 'a.csv', csvText: 'phone,points\n3135550188,12\n', dryRun: false },
    });
    expect(res.status).toBe(202);
    expect(res.body.import).toMatchObject({ status: 'running', totalRows: 1 });
    await drainAfterResponse();
    const report = await call(importRoute.GET, { cookie: await u.cookie('owner'), params: { id: res.body.import.id } });
    expect(report.body.import).toMatchObject({ status: 'completed', processedRows: 1, stalled: false });
    expect((await tenantDb(u.orgId).loyaltyAccounts.getOrThrow(id)).balance).toBe(12);
  });

  it('refuses admins, a file without the needed columns (422), and a file over the limit (413), writing nothing', async () => {
    const u = await createTestTenant('Loyalty import refusals');
    const body = { fileName: 'a.csv', csvText: 'phone,points\n3135550188,12\n', dryRun: false };
    expect((await call(importsRoute.POST, { method: 'POST', cookie: await u.cookie('admin'), body })).status).toBe(403);
    const noPoints = await call(importsRoute.POST, {
      method: 'POST',
      cookie: await u.cookie('owner'),
      body: { ...body, csvText: 'phone,amount\n3135550188,12\n' },
    });
    expect(noPoints.status).toBe(422);
    expect(noPoints.body.error.message).toBe('No points column: name the column with each balance "points" (or "balance").');
    const noName = await call(importsRoute.POST, { method: 'POST', cookie: await u.cookie('owner'), body: { ...body, fileName: '' } });
    expect(noName.status).toBe(422);
    expect(noName.body.error.details.issues[0].path).toBe('fileName');
    const big = await call(importsRoute.POST, {
      method: 'POST',
      cookie: await u.cookie('owner'),
      body: { ...body, csvText: `phone,points\n${'3135550188,12\n'.repeat(Math.ceil(MAX_IMPORT_BYTES / 14) + 10)}` },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/at most 2 MB can be imported at once/);
    expect((await tenantDb(u.orgId).loyaltyImports.ref.get()).size).toBe(0);
  });
});
