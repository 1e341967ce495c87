import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { AppError, DataIntegrityError } from '@/domain/errors';
import type { Customer } from '@/domain/customer';
import { firestore } from '@/server/db/firestore';
import { expectMissingIndex, MissingIndexError } from '@/server/db/index-guard';
import { tenantDb } from '@/server/db/tenant-db';
import { listCustomers } from '@/server/services/customers/list-customers';
import { customerModel } from '../support/fixtures';
import { createTestTenant } from '../support/tenant';

function customer(id: string, over: Partial<Customer> = {}): Customer {
  return customerModel(
    {
      id,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: `${id}@example.com`,
      phone: '+13135550123',
      dateOfBirth: '1990-04-21',
      searchName: 'ada lovelace',
      consent: { email: { status: 'opted_in', source: 'pos', at: new Date('2026-06-01T12:00:00Z') }, sms: { status: 'unknown', source: 'pos', at: null } },
      ...over,
    },
    new Date('2026-06-01T12:00:00Z'),
  );
}

describe('typed collections', () => {
  it('stores times as Firestore Timestamps and reads them back as Dates', async () => {
    const tdb = tenantDb(`t-${randomUUID().slice(0, 8)}`);
    await tdb.customers.create(customer('c1'));
    const raw = (await firestore().doc(`${tdb.base}/customers/c1`).get()).data()!;
    expect(raw.createdAt).toBeInstanceOf(Timestamp);
    expect(raw.id).toBeUndefined();
    const back = await tdb.customers.getOrThrow('c1');
    expect(back.createdAt).toEqual(new Date('2026-06-01T12:00:00Z'));
    expect(back.consent.email.at).toBeInstanceOf(Date);
  });

  it('refuses a document that fails its schema on write, and stores nothing', async () => {
    const tdb = tenantDb(`t-${randomUUID().slice(0, 8)}`);
    const bad = { ...customer('c2'), lifetimeValueCents: 12.5, phone: '313-555-0123' };
    const err = await tdb.customers.create(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_document');
    expect((err as AppError).status).toBe(422);
    const paths = ((err as AppError).details as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['lifetimeValueCents', 'phone']));
    expect((await firestore().doc(`${tdb.base}/customers/c2`).get()).exists).toBe(false);
  });

  it('refuses the same bad document through a raw batch with the converter', async () => {
    const tdb = tenantDb(`t-${randomUUID().slice(0, 8)}`);
    const batch = firestore().batch();
    expect(() => batch.set(tdb.customers.doc('c3'), { ...customer('c3'), orderCount: -1 })).toThrow(/does not match its schema/);
  });

  it('validates partial updates field by field, including dotted paths', async () => {
    const tdb = tenantDb(`t-${randomUUID().slice(0, 8)}`);
    await tdb.customers.create(customer('c4'));
    await tdb.customers.update('c4', { 'consent.sms.status': 'opted_in', orderCount: 3 });
    expect((await tdb.customers.getOrThrow('c4')).consent.sms.status).toBe('opted_in');
    await expect(tdb.customers.update('c4', { 'consent.sms.status': 'maybe' })).rejects.toMatchObject({ code: 'invalid_document' });
    await expect(tdb.customers.update('c4', { nickname: 'x' })).rejects.toMatchObject({ code: 'invalid_document' });
    expect((await tdb.customers.getOrThrow('c4')).consent.sms.status).toBe('opted_in');
  });

  it('turns a stored document that no longer fits its schema into a clear error, not undefined', async () => {
    const tdb = tenantDb(`t-${randomUUID().slice(0, 8)}`);
    await firestore().doc(`${tdb.base}/customers/broken`).set({ firstName: 'No', lastName: 'Fields' });
    const err = await tdb.customers.get('broken').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataIntegrityError);
    expect((err as Error).message).toContain(`${tdb.base}/customers/broken`);
    expect((err as Error).message).toContain('lifetimeValueCents');
  });

  it('getOrThrow answers not_found for a missing id', async () => {
    await expect(tenantDb('t-none').customers.getOrThrow('nope')).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('rejects tenant ids that could escape their path', () => {
    expect(() => tenantDb('a/b')).toThrow(AppError);
    expect(() => tenantDb('')).toThrow(AppError);
  });
});

describe('index guard', () => {
  it('refuses a query whose composite index is not declared, as production would', async () => {
    const tdb = tenantDb(`t-${randomUUID().slice(0, 8)}`);
    const q = tdb.orders.ref.where('locationId', '==', 'loc-1').orderBy('placedAt', 'desc');
    // Deliberate: not recorded as a query the app makes (npm run deploy:check would name it).
    await expectMissingIndex(async () => {
      await expect(q.get()).rejects.toBeInstanceOf(MissingIndexError);
      await expect(q.count().get()).rejects.toThrow(/firestore.indexes.json/);
      await expect(firestore().runTransaction((tx) => tx.get(q))).rejects.toThrow(/firestore.indexes.json/);
    });
  });

  it('lets a declared composite query through', async () => {
    const tdb = tenantDb(`t-${randomUUID().slice(0, 8)}`);
    const snap = await tdb.orders.ref.where('customerId', '==', 'c1').orderBy('placedAt', 'desc').get();
    expect(snap.size).toBe(0);
  });
});

describe('customer listing', () => {
  it('pages with cursors through every customer exactly once, and finds by email, phone and name', async () => {
    const t = await createTestTenant();
    const tdb = tenantDb(t.orgId);
    const names = ['Ava', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gus'];
    for (const [i, n] of names.entries()) {
      await tdb.customers.create(
        customer(`c${i}`, {
          firstName: n,
          searchName: `${n.toLowerCase()} lovelace`,
          email: `${n.toLowerCase()}@example.com`,
          phone: `+1313555010${i}`,
          lastOrderAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + i)),
        }),
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCustomers(t.ctx('budtender'), { limit: 3, cursor });
      seen.push(...page.customers.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(names.map((_, i) => `c${i}`).sort());

    expect((await listCustomers(t.ctx(), { q: 'EVE@example.com' })).customers.map((c) => c.id)).toEqual(['c4']);
    expect((await listCustomers(t.ctx(), { q: '(313) 555-0102' })).customers.map((c) => c.id)).toEqual(['c2']);
    const byName = await listCustomers(t.ctx(), { q: 'fi' });
    expect(byName.matchedBy).toBe('name');
    expect(byName.customers.map((c) => c.id)).toEqual(['c5']);
  });
});
