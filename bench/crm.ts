// npm run bench:crm: the CRM's costs at 100,000 customers, each next to a floor measured in the
// same run against the same Firestore emulator (docs/performance.md, "CRM"). The services are
// called in this process (no Next build), so both sides are Firestore work from one process.
//  1. The customer list's first page (listCustomers, as the dashboard and the counter call it) and
//     each search kind (last name, first and last name, the last 4 digits of a phone, an email
//     prefix, an external id): p99 of the service beside p99 of one raw indexed Firestore query for
//     the same page (the same filter, order and limit, without the service); and the same page
//     with its total (the count aggregation the dashboard runs beside it), beside the same floor.
//  2. A full segment recompute of every customer (the thresholds pass: pages of 100 per
//     transaction, from its cursor), twice: the first placement (everyone changes: profile,
//     history entry, event) and the steady state (nothing moves), beside a bare loop reading the
//     same documents in pages of 100 and writing one field of each in one batch per page.
//  3. An import of a CSV of new customers (startCustomerImport, then the job chunk by
//     chunk) beside a BulkWriter writing the same documents (profiles and identity keys).
// Writes bench/results/crm.json. --quick: 10,000 customers and fewer samples, while developing.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FieldPath } from 'firebase-admin/firestore';
import { machine, percentiles, ratio, say, startBenchEmulator, writeResult } from './lib';
import { writeAll } from './seed';
import { ROOT } from '../scripts/lib/stack';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    customers: { type: 'string' },
    samples: { type: 'string' },
    rows: { type: 'string' },
    // Leaves out part 1 (the slowest on the emulator) and keeps its figures from the last run's file.
    'skip-list': { type: 'boolean', default: false },
    // Part 1 alone (for a run at 100,000 customers, where parts 2 and 3 add most of the time),
    // keeping parts 2 and 3 from the last run's file.
    'list-only': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const CUSTOMERS = Number(values.customers ?? (quick ? 10_000 : 100_000));
const SAMPLES = Number(values.samples ?? (quick ? 30 : 100));
const IMPORT_ROWS = Number(values.rows ?? CUSTOMERS);
const PAGE = 25;
const PORT = 18290;

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Frances', 'José', 'Siobhán'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Allen', 'Núñez', "O'Brien"];

async function main() {
  const loadAtStart = os.loadavg();
  const emulator = await startBenchEmulator({ port: PORT, projectId: 'demo-bakedbot-bench-crm' });
  try {
    const { createTenant } = await import('../src/server/services/tenants/create-tenant');
    const { listCustomers } = await import('../src/server/services/customers/list-customers');
    const { startSegmentRecompute, continueSegmentRecompute } = await import('../src/server/services/crm/recompute-segments');
    const { parseSearch } = await import('../src/domain/crm/search-keys');
    const { newCustomer } = await import('../src/domain/customer');
    const { tenantDb } = await import('../src/server/db/tenant-db');
    const { firestore } = await import('../src/server/db/firestore');
    const { systemClock } = await import('../src/domain/clock');
    const { logger } = await import('../src/server/log');
    const db = firestore();
    const now = new Date();
    const store = await createTenant({ clock: systemClock }, { name: 'Bench CRM', timeZone: 'America/Detroit' });
    const tdb = tenantDb(store.id);
    const owner = {
      orgId: store.id,
      actor: { kind: 'staff' as const, uid: 'bench-owner', email: 'owner@example.com', role: 'owner' as const },
      clock: systemClock,
    };

    // --- Seeding: varied names, phones, emails, external ids, orders and spend ------------------
    const phoneOf = (i: number) => `+1313${String(2_000_000 + i).padStart(7, '0')}`;
    const person = (i: number) => ({
      first: FIRST[i % FIRST.length]!,
      last: `${LAST[Math.floor(i / FIRST.length) % LAST.length]!}${i % 97 === 0 ? '-Smith' : ''}`,
    });
    say(`Seeding ${CUSTOMERS.toLocaleString('en-US')} customers (search keys derived on write)…`);
    const t0 = performance.now();
    await writeAll(db, CUSTOMERS, (i, batch) => {
      const { first, last } = person(i);
      const orders = i % 15;
      const base = newCustomer(
        {
          id: `crm-${String(i).padStart(6, '0')}`,
          firstName: first,
          lastName: last,
          email: `${first
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z]/g, '')}.${i}@example.com`,
          phone: phoneOf(i),
          dateOfBirth: '1985-06-15',
          tags: [],
          externalIds: [`alleaves:AL-${100_000 + i}`],
          consent: { email: { status: 'opted_in', source: 'bench', at: now }, sms: { status: 'unknown', source: 'bench', at: null } },
          source: 'import',
        },
        now,
      );
      batch.set(tdb.customers.doc(base.id), {
        ...base,
        orderCount: orders,
        lifetimeValueCents: orders * (4_000 + (i % 50) * 300),
        lastOrderAt: orders ? new Date(now.getTime() - (i % 240) * 86_400_000) : null,
      });
    });
    say(`  seeded in ${Math.round((performance.now() - t0) / 1000)} s`);

    // --- 1. First page and each search kind against one raw indexed query ----------------------
    const sample = (i: number) => (i * 7919) % CUSTOMERS;
    const kinds: Record<string, (i: number) => string> = {
      'first page': () => '',
      'last name': (i) => person(sample(i)).last.split('-')[0]!,
      'first and last name': (i) => `${person(sample(i)).first} ${person(sample(i)).last.slice(0, 3)}`,
      'last 4 of a phone': (i) => phoneOf(sample(i)).slice(-4),
      'email prefix': (i) =>
        `${person(sample(i))
          .first.toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')}.${sample(i)}@`,
      'external id': (i) => `AL-${100_000 + sample(i)}`,
    };
    // The floor: the same page as one raw query, without the converter or the service around it.
    const raw = db.collection(`tenants/${store.id}/customers`);
    const floorQuery = (q: string) => {
      const token = q ? parseSearch(q)?.token : null;
      const base = token ? raw.where('searchKeys', 'array-contains', token) : raw;
      return base
        .orderBy('lastOrderAt', 'desc')
        .orderBy(FieldPath.documentId(), 'desc')
        .limit(PAGE + 1)
        .get();
    };
    const time = async (into: number[], work: () => Promise<unknown>) => {
      const s = performance.now();
      await work();
      into.push(performance.now() - s);
    };
    type Figures = ReturnType<typeof percentiles>;
    type Ratios = { ratioP99: number | null; ratioP50: number | null };
    const lists: Record<string, { service: Figures; floor: Figures; withTotal: Figures & Ratios } & Ratios> = {};
    for (const [kind, queryOf] of Object.entries(values['skip-list'] ? {} : kinds)) {
      say(`${kind}: ${SAMPLES} queries each, interleaved with the floor…`);
      for (let i = 0; i < 5; i++) await Promise.all([floorQuery(queryOf(i)), listCustomers(owner, { q: queryOf(i) || undefined, limit: PAGE })]);
      const ours: number[] = [];
      const withTotal: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const q = queryOf(i);
        await time(floor, () => floorQuery(q));
        await time(ours, async () => {
          const page = await listCustomers(owner, { q: q || undefined, limit: PAGE, total: '0' });
          if (!page.customers.length) throw new Error(`${kind} “${q}” found nobody`);
        });
        // The dashboard's page also asks for the filter's total: a count aggregation run beside it.
        await time(withTotal, () => listCustomers(owner, { q: q || undefined, limit: PAGE }));
      }
      const service = percentiles(ours);
      const f = percentiles(floor);
      const total = percentiles(withTotal);
      lists[kind] = {
        service,
        floor: f,
        ratioP99: ratio(service.p99, f.p99),
        ratioP50: ratio(service.p50, f.p50),
        withTotal: { ...total, ratioP99: ratio(total.p99, f.p99), ratioP50: ratio(total.p50, f.p50) },
      };
      say(
        `  p99 ${service.p99} ms vs floor ${f.p99} ms: ${lists[kind].ratioP99}× (p50 ${lists[kind].ratioP50}×); with its total ${lists[kind].withTotal.ratioP99}× p99`,
      );
    }

    // What every result file starts with: when, how big, on what machine, and part 1.
    const header = { ranAt: now.toISOString(), quick, customers: CUSTOMERS, samples: SAMPLES, machine: machine(loadAtStart), list: lists };
    const lastRun = () => JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results', 'crm.json'), 'utf8')) as Record<string, unknown>;
    if (values['list-only']) {
      const last = lastRun();
      writeResult('crm', {
        ...header,
        segmentRecompute: last.segmentRecompute,
        import: last.import,
        otherPartsFrom: { ranAt: last.ranAt, customers: last.customers, samples: last.samples, machine: last.machine },
      });
      return;
    }

    // --- 2. Full segment recompute against a bare read-and-write loop ---------------------------
    const deps = { orgId: store.id, clock: systemClock, log: logger() };
    const pass = async () => {
      const r0 = performance.now();
      await startSegmentRecompute(deps, 'thresholds', `bench:${Date.now()}`);
      let changed = 0;
      for (;;) {
        const r = await continueSegmentRecompute(deps, 'thresholds', Date.now() + 600_000);
        changed += r.changed;
        if (r.done) break;
      }
      return { ms: performance.now() - r0, changed };
    };
    // The first pass places everyone (each a change: the profile, a history entry and an event);
    // the second is the nightly steady state: read everything, write what moved (here, nothing).
    say(`Segment recompute of ${CUSTOMERS.toLocaleString('en-US')} customers, first placement…`);
    const first = await pass();
    say(`  ${Math.round(first.ms)} ms, ${first.changed} changed`);
    say('Again, nothing moving (the nightly steady state)…');
    const steady = await pass();
    say(`  ${Math.round(steady.ms)} ms, ${steady.changed} changed`);
    const recomputeMs = steady.ms;
    say('The floor: pages of 100 by id, one field written on each, one batch per page…');
    const f0 = performance.now();
    let after: string | null = null;
    for (;;) {
      let q = raw.orderBy(FieldPath.documentId()).limit(100);
      if (after) q = q.startAfter(after);
      const snap = await q.get();
      if (snap.empty) break;
      const batch = db.batch();
      for (const d of snap.docs) batch.update(d.ref, { benchTouched: true });
      await batch.commit();
      after = snap.docs.at(-1)!.id;
    }
    const loopMs = performance.now() - f0;
    say(`  ${Math.round(loopMs)} ms: steady ${ratio(recomputeMs, loopMs)}×, first placement ${ratio(first.ms, loopMs)}×`);

    // --- 3. Import of a CSV against a BulkWriter writing the same documents --------------------
    const { startCustomerImport } = await import('../src/server/services/crm/import-customers');
    const { processCustomerImport } = await import('../src/server/services/crm/process-customer-import');
    const importer = await createTenant({ clock: systemClock }, { name: 'Bench CRM import', timeZone: 'America/Detroit' });
    const importCtx = { ...owner, orgId: importer.id };
    const csv = [
      'First name,Last name,Email,Phone,External id',
      ...Array.from({ length: IMPORT_ROWS }, (_, i) => {
        const { first, last } = person(i);
        return `${first},${last.replace("'", '')},imported.${i}@example.com,${phoneOf(i)},AL-${500_000 + i}`;
      }),
    ].join('\n');
    say(`Importing a CSV of ${IMPORT_ROWS.toLocaleString('en-US')} new customers (${Math.round(csv.length / 1024)} KB)…`);
    const i0 = performance.now();
    const { job } = await startCustomerImport(importCtx, { fileName: 'bench.csv', csvText: csv });
    for (;;) if ((await processCustomerImport(importCtx, job.id, { deadline: Date.now() + 600_000 })).done) break;
    const importMs = performance.now() - i0;
    const imported = await tenantDb(importer.id).customerImports.getOrThrow(job.id);
    if (imported.counts.created !== IMPORT_ROWS) throw new Error(`the import created ${imported.counts.created} of ${IMPORT_ROWS}`);
    say(`  ${Math.round(importMs)} ms (${imported.counts.created} created)`);
    // The floor: the documents the import left (profiles and identity keys), written again by a
    // BulkWriter into another tenant, read first and not timed.
    const written = [
      ...(await db.collection(`tenants/${importer.id}/customers`).get()).docs,
      ...(await db.collection(`tenants/${importer.id}/customer_identities`).get()).docs,
    ];
    // Twice: a BulkWriter as it comes (it ramps up from 500 writes a second, Firestore's 500/50/5
    // rule) and one with throttling off, the least the writes could cost: the floor.
    const bulkWrite = async (suffix: string, throttling: boolean) => {
      const b0 = performance.now();
      const bulk = db.bulkWriter({ throttling });
      for (const d of written) void bulk.set(db.doc(d.ref.path.replace(importer.id, `${importer.id}-${suffix}`)), d.data());
      await bulk.close();
      return performance.now() - b0;
    };
    say(`The floor: a BulkWriter writing the same ${written.length.toLocaleString('en-US')} documents, throttling off…`);
    const bulkMs = await bulkWrite('floor', false);
    say(`  ${Math.round(bulkMs)} ms: ${ratio(importMs, bulkMs)}×`);
    say('A BulkWriter with its default throttling, for reference…');
    const throttledMs = await bulkWrite('throttled', true);
    say(`  ${Math.round(throttledMs)} ms: ${ratio(importMs, throttledMs)}×`);

    const result = {
      ...header,
      segmentRecompute: {
        floorMs: Math.round(loopMs),
        steady: { ms: Math.round(steady.ms), changed: steady.changed, ratio: ratio(steady.ms, loopMs) },
        firstPlacement: { ms: Math.round(first.ms), changed: first.changed, ratio: ratio(first.ms, loopMs) },
      },
      import: {
        rows: IMPORT_ROWS,
        ms: Math.round(importMs),
        documents: written.length,
        floorMs: Math.round(bulkMs),
        ratio: ratio(importMs, bulkMs),
        defaultBulkWriter: { ms: Math.round(throttledMs), ratio: ratio(importMs, throttledMs) },
      },
    };
    if (values['skip-list']) {
      // Part 1 kept from the last full run, with when and how it ran.
      const last = lastRun() as typeof result;
      Object.assign(result, { list: last.list, listFrom: { ranAt: last.ranAt, customers: last.customers, samples: last.samples, machine: last.machine } });
    }
    writeResult('crm', result);
  } finally {
    await emulator.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
