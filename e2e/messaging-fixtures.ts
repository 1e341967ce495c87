// Test customers for the messaging spec, written straight into the e2e stack's Firestore emulator
// through the validated data layer (there is no "create customer" screen to use instead).
import { randomUUID } from 'node:crypto';
import type { Customer } from '../src/domain/customer';

export interface MessagingPeople {
  daytime: string;
  optedOut: string;
  minor: string;
  night: string;
  capped: string;
  stopper: { id: string; phone: string };
  unsub: string;
}

/** An Etc/GMT zone where the wall clock now reads `hour` (Etc/GMT-5 is UTC+5). */
export function zoneAtLocalHour(hour: number, now = new Date()): string {
  let offset = hour - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

export async function createMessagingPeople(): Promise<MessagingPeople> {
  process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${process.env.E2E_FIRESTORE_PORT ?? '18180'}`;
  process.env.FIREBASE_PROJECT_ID = 'demo-bakedbot-e2e';
  process.env.GCLOUD_PROJECT = 'demo-bakedbot-e2e';
  const { tenantDb } = await import('../src/server/db/tenant-db');
  const { searchNameOf } = await import('../src/domain/customer');
  const db = tenantDb('demo-pinecone');
  const now = new Date();
  const day = zoneAtLocalHour(13, now);
  const suffix = randomUUID().slice(0, 6);
  const optIn = { status: 'opted_in' as const, source: 'pos', at: now };
  const make = async (firstName: string, over: Partial<Customer> = {}) => {
    const id = `e2e-${firstName.toLowerCase()}-${suffix}`;
    const lastName = `Tester${suffix}`;
    const phone = `+1313${String(2000000 + Math.floor(Math.random() * 7999999))}`;
    await db.customers.create({
      id,
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}.${suffix}@example.com`,
      phone,
      dateOfBirth: '1988-06-15',
      timeZone: day,
      homeLocationId: null,
      searchName: searchNameOf(firstName, lastName),
      tags: [],
      externalIds: [],
      consent: { email: optIn, sms: optIn },
      lifetimeValueCents: 0,
      orderCount: 0,
      avgOrderValueCents: 0,
      firstOrderAt: null,
      lastOrderAt: null,
      pointsBalance: 120,
      segment: null,
      source: 'manual',
      createdAt: now,
      updatedAt: now,
      ...over,
    });
    return { id, phone };
  };
  const nineteen = `${now.getUTCFullYear() - 19}-01-15`;
  return {
    daytime: (await make('Dana')).id,
    optedOut: (await make('Otto', { consent: { email: optIn, sms: { status: 'opted_out', source: 'sms_reply', at: now } } })).id,
    minor: (await make('Mia', { dateOfBirth: nineteen })).id,
    night: (await make('Nina', { timeZone: zoneAtLocalHour(2, now) })).id,
    capped: (await make('Cappy')).id,
    stopper: await make('Sam'),
    unsub: (await make('Uma')).id,
  };
}
