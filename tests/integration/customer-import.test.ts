import { beforeAll, describe, expect, it } from 'vitest';
import * as importRoute from '@/app/api/customers/import/[id]/route';
import * as importsRoute from '@/app/api/customers/import/route';
import * as previewRoute from '@/app/api/customers/import/preview/route';
import { CUSTOMER_IMPORT_CHUNK_ROWS } from '@/domain/crm/import-records';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { getCustomerImport } from '@/server/services/crm/customer-import-jobs';
import { continueCustomerImports } from '@/server/services/crm/customer-import-tasks';
import { startCustomerImport } from '@/server/services/crm/import-customers';
import { processCustomerImport } from '@/server/services/crm/process-customer-import';
import { logger } from '@/server/log';
import { ManualClock } from '@/domain/clock';
import { seedCustomer } from '../support/fixtures';
import { call } from '../support/http';
import { createTestTenant, type TestTenant } from '../support/tenant';

const HEADER = 'First Name,Last Name,Email,Mobile,DOB,Customer ID,Tags,Email Opt In,Email Opt In Date,SMS Opt In,SMS Opt In Date,Consent Source';

async function customersBy(t: TestTenant, field: 'email' | 'phone', value: string) {
  return (await tenantDb(t.orgId).customers.ref.where(field, '==', value).get()).docs.map((d) => d.data());
}

async function importAll(t: TestTenant, csvText: string, fileName = 'customers.csv') {
  const { job, followUp } = await startCustomerImport(t.ctx('owner'), { fileName, csvText });
  await followUp.run();
  return getCustomerImport(t.ctx('owner'), job.id);
}

describe('customer CSV import', () => {
  let t: TestTenant;
  beforeAll(async () => {
    t = await createTestTenant('Customer import');
  });

  it('imports the good rows, reports the two bad ones with their line and reason, and hands them back as a CSV', async () => {
    const csv = [
      HEADER,
      'Ada,Park,ada@example.com,(313) 555-0142,1990-04-23,4410987,vip;Medical,yes,2024-03-01,yes,2024-03-01,signup form',
      'Ben,Ray,not-an-email,,,,,,,,,',
      'Cleo,Stone,cleo@example.com,555,,,,,,,,',
      'Dee,Lane,dee@example.com,,04/05/1985,,,,,,,',
    ].join('\n');
    const cookie = await t.cookie('admin');
    const preview = await call(previewRoute.POST, { method: 'POST', cookie, body: { fileName: 'customers.csv', csvText: csv } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ totalRows: 4, goodRows: 2, badRows: 2 });
    expect(preview.body.mapping).toMatchObject({ firstName: 0, lastName: 1, email: 2, phone: 3, dateOfBirth: 4, externalId: 5, tags: 6, emailConsent: 7 });
    expect(preview.body.bad).toEqual([
      { line: 3, reason: 'The email "not-an-email" is not a valid address.' },
      { line: 4, reason: 'The phone number "555" is not a valid number.' },
    ]);
    expect(preview.body.sample[0].row).toMatchObject({ phone: '+13135550142', externalId: 'import:4410987', tags: ['vip', 'medical'] });
    expect((await tenantDb(t.orgId).customerImports.ref.get()).size).toBe(0);

    const started = await call(importsRoute.POST, { method: 'POST', cookie, body: { fileName: 'customers.csv', csvText: csv, mapping: preview.body.mapping } });
    expect(started.status).toBe(202);
    await drainAfterResponse();
    const id = started.body.import.id;
    const done = await call(importRoute.GET, { cookie, params: { id } });
    expect(done.body.import).toMatchObject({ status: 'completed', percent: 100, processedRows: 4, counts: { created: 2, updated: 0, skipped: 0, bad: 2 } });
    expect(done.body.badRows.map((r: { line: number }) => r.line)).toEqual([3, 4]);

    const [ada] = await customersBy(t, 'email', 'ada@example.com');
    expect(ada).toMatchObject({
      firstName: 'Ada',
      source: 'import',
      phone: '+13135550142',
      segment: 'New',
      tags: ['vip', 'medical'],
      externalIds: ['import:4410987'],
    });
    expect(ada!.consent.sms).toMatchObject({ status: 'opted_in', source: 'import:signup form', at: new Date('2024-03-01T00:00:00Z') });
    expect(ada!.searchKeys).toContain('e:ada@example.com');
    expect((await customersBy(t, 'email', 'dee@example.com'))[0]).toMatchObject({ dateOfBirth: '1985-04-05' });
    expect(await customersBy(t, 'email', 'cleo@example.com')).toEqual([]);

    const file = await call(importRoute.GET, { cookie, params: { id }, path: `/api/customers/import/${id}?format=csv` });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('bad-rows-customers.csv');
    const lines = String(file.body).trim().split(/\r?\n/);
    expect(lines[0]).toBe(`line,reason,${HEADER}`);
    expect(lines[1]).toContain('3,"The email ""not-an-email"" is not a valid address.",Ben,Ray,not-an-email');
    expect(lines).toHaveLength(3);
  });

  it('updates the customer an existing phone or email names, merging tags and keeping what the file leaves blank; rows naming one person merge', async () => {
    const byPhone = await seedCustomer(t.orgId, {
      firstName: 'Phoebe',
      lastName: 'Old',
      phone: '+12485550199',
      email: null,
      tags: ['regular'],
      dateOfBirth: '1980-01-01',
    });
    const byEmail = await seedCustomer(t.orgId, { firstName: 'Emil', lastName: 'Mail', email: 'emil@example.com', phone: '+17345550100', tags: [] });
    const csv = [
      'first name,last name,email,phone,tags,dob',
      ',New,,248-555-0199,newsletter,', // Phoebe by phone: last name changes, first name and date of birth stay
      'Emil,Mail,EMIL@example.com,,,', // nothing new: skipped
      'Fay,Twice,fay@example.com,,a,',
      ',,fay@example.com,+1 313 555 0177,b,', // the same new person again in the file
    ].join('\n');
    const r = await importAll(t, csv);
    expect(r.import.counts).toEqual({ created: 1, updated: 2, skipped: 1, bad: 0 });
    const phoebe = await tenantDb(t.orgId).customers.getOrThrow(byPhone);
    expect(phoebe).toMatchObject({ firstName: 'Phoebe', lastName: 'New', dateOfBirth: '1980-01-01', tags: ['regular', 'newsletter'], source: 'manual' });
    expect((await tenantDb(t.orgId).customers.getOrThrow(byEmail)).updatedAt).toEqual((await tenantDb(t.orgId).customers.getOrThrow(byEmail)).createdAt);
    const fays = await customersBy(t, 'email', 'fay@example.com');
    expect(fays).toHaveLength(1);
    expect(fays[0]).toMatchObject({ firstName: 'Fay', phone: '+13135550177', tags: ['a', 'b'] });
    // A later import finds Fay by the phone the first one claimed for her.
    const again = await importAll(t, 'phone,tags\n3135550177,c\n');
    expect(again.import.counts).toMatchObject({ created: 0, updated: 1 });
    expect((await customersBy(t, 'phone', '+13135550177'))[0]!.tags).toEqual(['a', 'b', 'c']);
  });

  it('imports consent without a source or a date as unknown, and says so in the preview', async () => {
    const csv = ['email,email consent,email consent date,sms consent,consent source,phone', 'gus@example.com,yes,,yes,pos,3135550111'].join('\n');
    const cookie = await t.cookie('owner');
    const preview = await call(previewRoute.POST, { method: 'POST', cookie, body: { fileName: 'c.csv', csvText: csv } });
    expect(preview.body.notes).toEqual([
      { note: 'Email consent imported as unknown: it needs a date.', rows: 1 },
      { note: 'SMS consent imported as unknown: it needs a date.', rows: 1 },
    ]);
    await importAll(t, csv);
    const [gus] = await customersBy(t, 'email', 'gus@example.com');
    expect(gus!.consent.email.status).toBe('unknown');
    expect(gus!.consent.sms.status).toBe('unknown');
  });

  it('imports a customer under 21 without marketing consent', async () => {
    const csv = ['email,dob,email consent,email consent date,consent source', `kid@example.com,2010-01-01,yes,2024-01-01,pos`].join('\n');
    await importAll(t, csv);
    const [kid] = await customersBy(t, 'email', 'kid@example.com');
    expect(kid!.consent.email.status).toBe('unknown');
  });

  it('an import stopped after one chunk goes on from its position and imports every row exactly once', async () => {
    const own = await createTestTenant('Customer import resume');
    const n = CUSTOMER_IMPORT_CHUNK_ROWS * 2 + 30;
    const rows = Array.from({ length: n }, (_, i) => `Person,${i},p${i}@example.com,tag${i % 3}`);
    // The last row repeats the first person (other chunk): it merges into them.
    rows.push('Person,0,p0@example.com,late');
    const { job } = await startCustomerImport(own.ctx('owner'), { fileName: 'big.csv', csvText: ['first,last,email,tags', ...rows].join('\n') });
    const first = await processCustomerImport(own.ctx('owner'), job.id, { deadline: Date.now() + 60_000, maxChunks: 1 });
    expect(first).toEqual({ done: false, chunks: 1 });
    const mid = await tenantDb(own.orgId).customerImports.getOrThrow(job.id);
    expect(mid).toMatchObject({ status: 'running', nextChunk: 1, processedRows: CUSTOMER_IMPORT_CHUNK_ROWS });
    expect((await tenantDb(own.orgId).customers.ref.count().get()).data().count).toBe(CUSTOMER_IMPORT_CHUNK_ROWS);

    // The instance went away; a minute later the tick goes on from the position.
    const later = new ManualClock(new Date(Date.now() + 2 * 60_000));
    const tick = await continueCustomerImports({ clock: later, log: logger(), deadline: Date.now() + 60_000, orgId: own.orgId });
    expect(tick).toMatchObject({ due: 1, finished: 1 });
    // Running it again (a second instance, a re-opened page) imports nothing twice.
    await processCustomerImport(own.ctx('owner'), job.id, { deadline: Date.now() + 60_000 });
    const done = await tenantDb(own.orgId).customerImports.getOrThrow(job.id);
    expect(done).toMatchObject({ status: 'completed', processedRows: n + 1, counts: { created: n, updated: 1, skipped: 0, bad: 0 } });
    const all = (await tenantDb(own.orgId).customers.ref.get()).docs.map((d) => d.data());
    expect(all).toHaveLength(n);
    expect(new Set(all.map((c) => c.email)).size).toBe(n);
    expect(all.find((c) => c.email === 'p0@example.com')!.tags).toEqual(['tag0', 'late']);
  });

  it('chunks imported side by side that name the same new person make one profile', async () => {
    const own = await createTestTenant('Customer import side by side');
    const n = CUSTOMER_IMPORT_CHUNK_ROWS * 3;
    const rows = Array.from({ length: n }, (_, i) => `Person,${i},p${i}@example.com,t${i}`);
    // Rows in the second and third chunk name the first chunk's new person: the chunks run at once.
    rows[CUSTOMER_IMPORT_CHUNK_ROWS + 5] = 'Person,0,p0@example.com,second';
    rows[CUSTOMER_IMPORT_CHUNK_ROWS * 2 + 7] = 'Person,0,P0@Example.com,third';
    const { job } = await startCustomerImport(own.ctx('owner'), { fileName: 'same.csv', csvText: ['first,last,email,tags', ...rows].join('\n') });
    expect(await processCustomerImport(own.ctx('owner'), job.id, { deadline: Date.now() + 60_000 })).toEqual({ done: true, chunks: 3 });
    const done = await tenantDb(own.orgId).customerImports.getOrThrow(job.id);
    expect(done).toMatchObject({ status: 'completed', nextChunk: 3, processedRows: n, counts: { created: n - 2, updated: 2, skipped: 0, bad: 0 } });
    const p0 = (await tenantDb(own.orgId).customers.ref.where('email', '==', 'p0@example.com').get()).docs.map((d) => d.data());
    expect(p0).toHaveLength(1);
    expect([...p0[0]!.tags].sort()).toEqual(['second', 't0', 'third']);
    expect((await tenantDb(own.orgId).customers.ref.count().get()).data().count).toBe(n - 2);
  });

  it('refuses a row whose phone names one customer and email another, and carries on with the rest', async () => {
    await seedCustomer(t.orgId, { firstName: 'Hal', lastName: 'Phone', phone: '+13135550133', email: null });
    await seedCustomer(t.orgId, { firstName: 'Ivy', lastName: 'Mail', email: 'ivy@example.com', phone: null });
    const r = await importAll(t, 'phone,email,tags\n3135550133,ivy@example.com,x\n,ivy@example.com,y\n');
    expect(r.import.counts).toEqual({ created: 0, updated: 1, skipped: 0, bad: 1 });
    expect(r.badRows).toEqual([{ line: 2, reason: expect.stringMatching(/^The row names 2 different customers \(Hal Phone, Ivy Mail\)/) }]);
    expect((await customersBy(t, 'email', 'ivy@example.com'))[0]!.tags).toEqual(['y']);
    expect((await customersBy(t, 'phone', '+13135550133'))[0]!.tags).toEqual([]);
  });

  it('"Try again" goes on with a stopped import from its position', async () => {
    const { job } = await startCustomerImport(t.ctx('owner'), { fileName: 'stopped.csv', csvText: 'email\nstop1@example.com\nstop2@example.com\n' });
    await tenantDb(t.orgId).customerImports.update(job.id, {
      status: 'failed',
      error: 'Stopped after 0 rows (an unexpected error). Try again to go on from there.',
    });
    const cookie = await t.cookie('admin');
    const res = await call(importRoute.POST, { method: 'POST', cookie, params: { id: job.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ continued: true, import: { status: 'running', error: null } });
    await drainAfterResponse();
    expect((await call(importRoute.GET, { cookie, params: { id: job.id } })).body.import).toMatchObject({ status: 'completed', counts: { created: 2 } });
    // A finished import is left alone.
    expect((await call(importRoute.POST, { method: 'POST', cookie, params: { id: job.id } })).body.continued).toBe(false);
  });

  it('refuses budtenders, a file too large, and a mapping without a key column', async () => {
    const bud = await call(previewRoute.POST, { method: 'POST', cookie: await t.cookie('budtender'), body: { fileName: 'x.csv', csvText: 'email\na@b.co\n' } });
    expect(bud.status).toBe(403);
    const cookie = await t.cookie('owner');
    const noKey = await call(importsRoute.POST, { method: 'POST', cookie, body: { fileName: 'x.csv', csvText: 'first name,notes\nAda,hi\n' } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.message).toMatch(/phone number, the email or the external id/);
    const big = 'email\n' + 'a@example.com\n'.repeat(100_001);
    const tooMany = await call(previewRoute.POST, { method: 'POST', cookie, body: { fileName: 'x.csv', csvText: big } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.message).toMatch(/at most 100,000/);
  });
});
