// npm run bench:loyalty: the loyalty programme's costs, each next to a floor measured in the same
// run against the same Firestore emulator (docs/performance.md, "Loyalty"). The services are called
// in this process (no Next build): the figures are the service's work against Firestore, and the
// floors are Firestore work from the same process.
//  1. Tablet lookup (findTabletMembers: the member by phone, balance, tier, rewards, open coupons)
//     in a dispensary of N customers, for a new member and for one with a long ledger and
//     redemption history; floor: one indexed read (customers where phone == x, limit 1).
//  2. Earning's added cost on the order pipeline: a signed orders/create from a known customer,
//     stored and processed end to end (processDelivery), in a dispensary whose programme earns
//     1 point per dollar against the same in one whose programme earns 0 (the pipeline has no
//     switch: the account is still read and its spend counted; no line, no points_earned event).
//  3. 50 concurrent redemptions of one reward on one balance (redeemReward, staff override): p99,
//     and exactly floor(balance / cost) succeed; floors: one indexed read, and 50 minimal
//     transactions on one document one after another (as the instance's per-customer lock runs them).
// Writes bench/results/loyalty.json. --quick for a short run while developing.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { indexedRead, serialTxFloor } from './floors';
import { machine, percentiles, pool, ratio, say, startBenchEmulator, writeResult } from './lib';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    customers: { type: 'string' },
    lookups: { type: 'string' },
    orders: { type: 'string' },
    history: { type: 'string' },
  },
});
const quick = values.quick;
const CUSTOMERS = Number(values.customers ?? 2000);
const LOOKUPS = Number(values.lookups ?? (quick ? 100 : 500));
const ORDERS = Number(values.orders ?? (quick ? 40 : 300));
const HISTORY = Number(values.history ?? (quick ? 1000 : 5000));
const PAST_REDEMPTIONS = quick ? 30 : 100;
const SHOPPERS = quick ? 10 : 30;
const CONCURRENT = 50;
const BALANCE = 1030;
const PORT = 18280;

async function main() {
  const loadAtStart = os.loadavg();
  const emulator = await startBenchEmulator({ port: PORT, projectId: 'demo-bakedbot-bench-loyalty' });
  try {
    const { createTenant } = await import('../src/server/services/tenants/create-tenant');
    const { createEndpoint } = await import('../src/server/services/integrations/create-endpoint');
    const { findTabletMembers } = await import('../src/server/services/loyalty/tablet-member');
    const { redeemReward } = await import('../src/server/services/loyalty/redeem-reward');
    const { postPoints } = await import('../src/server/services/loyalty/post-points');
    const { getLoyaltySettings } = await import('../src/server/services/loyalty/loyalty-settings');
    const { saveLoyaltySettings } = await import('../src/server/services/loyalty/save-loyalty-settings');
    const { processDelivery } = await import('../src/server/services/ingest/process-delivery');
    const { tenantDb } = await import('../src/server/db/tenant-db');
    const { firestore } = await import('../src/server/db/firestore');
    const { systemClock } = await import('../src/domain/clock');
    const { systemActor } = await import('../src/domain/roles');
    const { normalizePhone } = await import('../src/domain/phone');
    const seed = await import('./seed');
    const db = firestore();
    const now = new Date();
    const staffOf = (orgId: string) => ({
      orgId,
      actor: { kind: 'staff' as const, uid: 'bench-budtender', email: 'budtender@example.com', role: 'budtender' as const },
      clock: systemClock,
    });
    const opening = (points: number, key: string) => ({
      key,
      posting: { kind: 'credit' as const, type: 'opening_balance' as const, points, availableAt: now, expiresAt: null },
      actor: { kind: 'system' as const, id: 'system:bench', name: 'bench' },
    });

    // --- 1. Tablet lookup --------------------------------------------------------------------
    const store = await createTenant({ clock: systemClock }, { name: 'Bench Loyalty', timeZone: 'America/Detroit' });
    const staff = staffOf(store.id);
    const phoneOf = (i: number) => normalizePhone(seed.phoneFor(i))!;
    say(`Seeding ${CUSTOMERS} customers with phones…`);
    await seed.seedCustomers(db, store.id, CUSTOMERS, now, phoneOf);
    const veteran = 'bench-0';
    const newcomer = `bench-${CUSTOMERS - 1}`;
    say(`Giving ${veteran} ${HISTORY} ledger lines and ${PAST_REDEMPTIONS} used redemptions…`);
    await postPoints(staff, veteran, [opening(100 * PAST_REDEMPTIONS + 500, `opening:${veteran}`)]);
    await postPoints(staff, newcomer, [opening(500, `opening:${newcomer}`)]);
    // Past redemptions, made for real, then marked used as the counter's orders would.
    for (let i = 0; i < PAST_REDEMPTIONS; i++)
      await redeemReward(staff, { redemptionId: `red_hist_${i}`, customerId: veteran, rewardId: 'five-off', override: { reason: 'bench history' } });
    const past = await tenantDb(store.id).loyaltyRedemptions.ref.where('customerId', '==', veteran).get();
    await seed.writeAll(db, past.size, (i, batch) => batch.update(past.docs[i]!.ref, { status: 'used', usedAt: now }));
    // Ledger history: copies of the opening line (the tablet reads the profile, never the lines; this shows it).
    const line = (await tenantDb(store.id).loyaltyLines.ref.where('customerId', '==', veteran).limit(1).get()).docs[0]!;
    await seed.writeAll(db, HISTORY, (i, batch) => batch.set(db.doc(`${tenantDb(store.id).base}/loyalty_transactions/lin_bench_${i}`), line.data()));

    const phones = Array.from({ length: CUSTOMERS }, (_, i) => phoneOf(i));
    const lookup = async (phone: string, id: string) => {
      const found = await findTabletMembers(staff, phone);
      if (found[0]?.id !== id) throw new Error(`the tablet found ${found[0]?.id ?? 'nobody'} for ${phone}, not ${id}`);
    };
    say(`Tablet lookups: ${LOOKUPS} each, interleaved with the floor…`);
    for (let i = 0; i < 10; i++) await Promise.all([indexedRead(db, store.id, phones[i]!), lookup(phones[0]!, veteran)]);
    const floorMs: number[] = [];
    const newMs: number[] = [];
    const veteranMs: number[] = [];
    const time = async (into: number[], work: () => Promise<unknown>) => {
      const t0 = performance.now();
      await work();
      into.push(performance.now() - t0);
    };
    for (let i = 0; i < LOOKUPS; i++) {
      await time(floorMs, () => indexedRead(db, store.id, phones[(i * 7) % CUSTOMERS]!));
      await time(newMs, () => lookup(phones[CUSTOMERS - 1]!, newcomer));
      await time(veteranMs, () => lookup(phones[0]!, veteran));
    }
    const readFloor = percentiles(floorMs);
    const lookupNew = percentiles(newMs);
    const lookupVeteran = percentiles(veteranMs);

    // --- 2. Earning's added cost on the order pipeline -----------------------------------------
    const pipelineTenant = async (name: string, pointsPerDollar: number) => {
      const t = await createTenant({ clock: systemClock }, { name, timeZone: 'America/Detroit' });
      const ctx = { orgId: t.id, actor: systemActor('bench'), clock: systemClock };
      const { endpoint, secret } = await createEndpoint(ctx, { provider: 'shopify', name: 'Bench', rateLimitPerMinute: 1_000_000 });
      await seed.seedCatalog(t.id);
      const owner = staffOf(t.id);
      const current = await getLoyaltySettings(owner);
      await saveLoyaltySettings({ ...owner, actor: { ...owner.actor, role: 'owner' } }, { ...current, points: { ...current.points, pointsPerDollar } });
      return { orgId: t.id, endpoint: { id: endpoint.id, secret } };
    };
    const earning = await pipelineTenant('Bench Earning', 1);
    const noEarning = await pipelineTenant('Bench Earning Nothing', 0);
    let uid = 0;
    const order = async (t: typeof earning, shopper: number) => {
      const person = { firstName: 'Loyal', lastName: `Shopper ${shopper}`, email: `loyal-${shopper}@example.com`, phone: seed.phoneFor(shopper) };
      const d = await seed.storeShopifyOrder(t.orgId, t.endpoint, { uid: ++uid, customerId: shopper, person });
      return async () => {
        const outcome = await processDelivery(t.orgId, d, { by: 'receiver', raw: d.raw, parsed: d.parsed });
        if (outcome.status !== 'processed') throw new Error(`order ${d.id} ${outcome.status}: ${outcome.error}`);
      };
    };
    say(`Order pipeline: ${SHOPPERS} shoppers' first orders, then ${ORDERS} repeat orders each way, interleaved…`);
    for (const t of [earning, noEarning]) await pool(SHOPPERS, 4, async (s) => (await order(t, s + 1))());
    const withMs: number[] = [];
    const withoutMs: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const shopper = (i % SHOPPERS) + 1;
      const [a, b] = [await order(earning, shopper), await order(noEarning, shopper)];
      if (i % 2) {
        await time(withMs, a);
        await time(withoutMs, b);
      } else {
        await time(withoutMs, b);
        await time(withMs, a);
      }
    }
    const linesIn = async (orgId: string) => (await tenantDb(orgId).loyaltyLines.ref.count().get()).data().count;
    const earnLines = { earning: await linesIn(earning.orgId), earningNothing: await linesIn(noEarning.orgId) };
    if (earnLines.earning !== SHOPPERS + ORDERS || earnLines.earningNothing !== 0)
      throw new Error(`expected ${SHOPPERS + ORDERS} earn lines and none, found ${JSON.stringify(earnLines)}`);
    const withLoyalty = percentiles(withMs);
    const withoutLoyalty = percentiles(withoutMs);

    // --- 3. 50 concurrent redemptions on one balance ------------------------------------------
    const spender = 'bench-1';
    await postPoints(staff, spender, [opening(BALANCE, `opening:${spender}`)]);
    const cost = 100; // five-off, the default programme's cheapest reward
    say(`${CONCURRENT} concurrent redemptions of ${cost} points on ${BALANCE}…`);
    const t0 = performance.now();
    const redeemMs: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, async (_, i) => {
        try {
          return await redeemReward(staff, { redemptionId: `red_race_${i}`, customerId: spender, rewardId: 'five-off', override: { reason: 'bench race' } });
        } finally {
          redeemMs.push(performance.now() - t0);
        }
      }),
    );
    const won = results.filter((r) => r.status === 'fulfilled').length;
    const refusedCodes = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code?: string }).code);
    const left = (await tenantDb(store.id).customers.getOrThrow(spender)).loyalty?.available;
    const expectedWins = Math.floor(BALANCE / cost);
    const correct = won === expectedWins && refusedCodes.every((c) => c === 'insufficient_points') && left === BALANCE - expectedWins * cost;
    const redeem = percentiles(redeemMs);
    const serialFloor = percentiles(await serialTxFloor(db, `tenants/${store.id}/bench_floor/serial`, CONCURRENT));

    const result = {
      ranAt: new Date().toISOString(),
      machine: machine(loadAtStart),
      setup: {
        target: 'services called in-process (no Next), Firestore emulator',
        quick,
        customers: CUSTOMERS,
        lookups: LOOKUPS,
        veteranHistory: { ledgerLines: HISTORY + 1 + PAST_REDEMPTIONS, usedRedemptions: PAST_REDEMPTIONS },
        orders: ORDERS,
        shoppers: SHOPPERS,
        redemptions: { concurrent: CONCURRENT, balance: BALANCE, pointsCost: cost },
      },
      summary: [] as string[],
      floor: { indexedRead: readFloor },
      tabletLookup: {
        newMember: lookupNew,
        veteran: lookupVeteran,
        ratio: {
          newP50: ratio(lookupNew.p50, readFloor.p50),
          newP99: ratio(lookupNew.p99, readFloor.p99),
          veteranP50: ratio(lookupVeteran.p50, readFloor.p50),
          veteranP99: ratio(lookupVeteran.p99, readFloor.p99),
          veteranToNewP50: ratio(lookupVeteran.p50, lookupNew.p50),
        },
      },
      earning: {
        comparison: 'the same repeat order from a known customer, processed end to end, in a programme earning 1 point per dollar vs one earning 0',
        withLoyalty,
        earningNothing: withoutLoyalty,
        earnLines,
        ratio: { p50: ratio(withLoyalty.p50, withoutLoyalty.p50), p99: ratio(withLoyalty.p99, withoutLoyalty.p99) },
      },
      redemptions: {
        ms: redeem,
        succeeded: won,
        expected: expectedWins,
        refused: refusedCodes.length,
        refusedWith: [...new Set(refusedCodes)],
        available: left,
        correct,
        serialFloor,
        ratio: { toReadP99: ratio(redeem.p99, readFloor.p99), toSerialTxP99: ratio(redeem.p99, serialFloor.p99) },
      },
    };
    result.summary = [
      `indexed read floor: p50 ${readFloor.p50} ms, p99 ${readFloor.p99} ms`,
      `tablet lookup, new member: p50 ${lookupNew.p50} ms (${result.tabletLookup.ratio.newP50}×), p99 ${lookupNew.p99} ms (${result.tabletLookup.ratio.newP99}×)`,
      `tablet lookup, ${HISTORY}-line, ${PAST_REDEMPTIONS}-redemption member: p50 ${lookupVeteran.p50} ms (${result.tabletLookup.ratio.veteranP50}×), p99 ${lookupVeteran.p99} ms (${result.tabletLookup.ratio.veteranP99}×); ${result.tabletLookup.ratio.veteranToNewP50}× the new member`,
      `order pipeline, earning vs earning nothing: p50 ${withLoyalty.p50} vs ${withoutLoyalty.p50} ms (${result.earning.ratio.p50}×), p99 ${withLoyalty.p99} vs ${withoutLoyalty.p99} ms (${result.earning.ratio.p99}×)`,
      `${CONCURRENT} concurrent redemptions: p99 ${redeem.p99} ms = ${result.redemptions.ratio.toReadP99}× the read floor, ${result.redemptions.ratio.toSerialTxP99}× ${CONCURRENT} serial transactions; ${won} of ${expectedWins} expected succeeded, ${left} points left (${correct ? 'correct' : 'WRONG'})`,
    ];
    writeResult('loyalty', result);
    say('');
    for (const l of result.summary) say(l);
    say(
      `Machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end.`,
    );
    if (!correct) process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
