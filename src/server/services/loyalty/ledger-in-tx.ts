import type { DocumentReference, Transaction } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { errors } from '@/domain/errors';
import {
  emptyAccount,
  LedgerSourceSchema,
  post,
  type LedgerActor,
  type LedgerLine,
  type LedgerSource,
  type LoyaltyAccount,
  type Posting,
} from '@/domain/loyalty/ledger';
import { loyaltySummary, type CustomerLoyalty } from '@/domain/loyalty/summary';
import { addSpend, evaluateTier, importedTierState, qualifyingSpend, type TierChange } from '@/domain/loyalty/tiers';
import { stableId } from '@/domain/signals/records';
import { tenantDb } from '../../db/tenant-db';
import type { LoyaltyProgramme } from './loyalty-settings';

/** One effect on a customer's points. `key` is the effect's natural key: the same key posts once. */
export interface LedgerRequest {
  key: string;
  posting: Posting;
  source?: Partial<LedgerSource>;
  actor: LedgerActor;
  reason?: string | null;
}

export const ledgerLineId = (key: string) => stableId('pts', key);

/**
 * One customer's ledger inside a Firestore transaction. `openLedger` does the reads (all reads
 * come first in a transaction): the account, the customer, and the lines the requests would
 * create, so a repeated effect is recognised and skipped. Then `post`, `addSpend` and
 * `reviewTier` compute in memory, and `write` queues the new lines, the account and the
 * customer's summary: all of it commits, or none.
 */
export async function openLedger(
  tx: Transaction,
  orgId: string,
  customerId: string,
  keys: readonly string[],
  programme: LoyaltyProgramme,
  now: Date,
  opts: {
    customerKnown?: boolean;
    /** The customer and the lines' source are both created in this transaction: no account or line can exist yet, so none is read. */
    nothingYet?: boolean;
    /**
     * The account, read by the caller in this transaction already, and the lines' source created
     * in it (a new order): no line can exist yet, so nothing is read.
     */
    accountRead?: LoyaltyAccount | null;
  } = {},
) {
  if (opts.nothingYet) return new LedgerSession(orgId, customerId, null, new Map(), programme, now);
  if (opts.accountRead !== undefined) return new LedgerSession(orgId, customerId, opts.accountRead, new Map(), programme, now);
  const tdb = tenantDb(orgId);
  // A caller that holds the customer in this transaction already (the order pipeline, which may be creating it) skips the check.
  // One round trip for all of it.
  const refs = [
    tdb.loyaltyAccounts.doc(customerId),
    ...(opts.customerKnown ? [] : [tdb.customers.doc(customerId)]),
    ...keys.map((k) => tdb.loyaltyLines.doc(ledgerLineId(k))),
  ] as DocumentReference[];
  const snaps = await tx.getAll(...refs);
  const accountSnap = snaps[0]!;
  const customerSnap = opts.customerKnown ? null : snaps[1]!;
  const lineSnaps = snaps.slice(opts.customerKnown ? 1 : 2);
  if (customerSnap && !customerSnap.exists) throw errors.notFound('Customer', customerId);
  // A merged profile receives nothing new (its points moved to the survivor; docs/crm.md, Duplicate merge).
  const mergedInto = (customerSnap?.data() as Customer | undefined)?.mergedInto;
  if (mergedInto) throw errors.conflict(`This customer was merged into ${mergedInto}; their points are there.`);
  const existing = new Map<string, LedgerLine>();
  lineSnaps.forEach((s, i) => {
    const line = s.data() as LedgerLine | undefined;
    if (line) existing.set(keys[i]!, line);
  });
  return new LedgerSession(orgId, customerId, (accountSnap.data() as LoyaltyAccount | undefined) ?? null, existing, programme, now);
}

export class LedgerSession {
  private account: LoyaltyAccount;
  private readonly created: LedgerLine[] = [];
  private tierChange: TierChange = { kind: 'none' };
  private touched = false;

  constructor(
    readonly orgId: string,
    readonly customerId: string,
    stored: LoyaltyAccount | null,
    private readonly existing: Map<string, LedgerLine>,
    private readonly programme: LoyaltyProgramme,
    private readonly now: Date,
  ) {
    this.account = stored ?? emptyAccount(customerId, now);
  }

  get current(): LoyaltyAccount {
    return this.account;
  }

  /** The line an earlier delivery of the same effect already wrote, if any. */
  already(key: string): LedgerLine | undefined {
    return this.existing.get(key) ?? this.created.find((l) => l.idempotencyKey === key);
  }

  /** Posts one effect, or returns the line it already made. Throws InsufficientPointsError for a spend that would overdraw. */
  post(req: LedgerRequest): { line: LedgerLine; duplicate: boolean } {
    const prior = this.already(req.key);
    if (prior) return { line: prior, duplicate: true };
    const r = post(this.account, req.posting, this.now);
    this.account = r.account;
    const line: LedgerLine = {
      id: ledgerLineId(req.key),
      customerId: this.customerId,
      ...r.line,
      source: LedgerSourceSchema.parse(req.source ?? {}),
      actor: req.actor,
      reason: req.reason ?? null,
      at: this.now,
      idempotencyKey: req.key,
    };
    this.created.push(line);
    this.touched = true;
    return { line, duplicate: false };
  }

  /** Counts net spend (negative for a refund) in its month, for the tier window. */
  addSpend(cents: number, at: Date) {
    if (!cents) return;
    this.account = { ...this.account, ...addSpend(this.account, cents, at, this.programme.timeZone, this.now), updatedAt: this.now };
    this.touched = true;
  }

  /** Re-evaluates the tier against the spend now; returns what changed (for loyalty.tier_changed). */
  reviewTier(): TierChange {
    const { settings, timeZone } = this.programme;
    const spend = qualifyingSpend(this.account, settings.tiers.qualificationWindow, this.now, timeZone);
    const r = evaluateTier(this.account.tier, spend, settings.tiers, this.now, timeZone);
    if (JSON.stringify(r.state) !== JSON.stringify(this.account.tier)) {
      this.account = { ...this.account, tier: r.state, updatedAt: this.now };
      this.touched = true;
    }
    if (r.change.kind !== 'none') this.tierChange = r.change;
    return r.change;
  }

  /** Writes the account and summary even when nothing was posted: pending points became spendable, a date passed. */
  refresh() {
    this.touched = true;
  }

  /** Sets the tier a customer brings from another programme (never lower than the one held); true when it changed. */
  startTier(tierId: string): boolean {
    const state = importedTierState(this.account.tier, tierId, this.programme.settings.tiers, this.now, this.programme.timeZone);
    if (!state) return false;
    this.account = { ...this.account, tier: state, updatedAt: this.now };
    this.touched = true;
    return true;
  }

  get lastTierChange(): TierChange {
    return this.tierChange;
  }

  get lines(): readonly LedgerLine[] {
    return this.created;
  }

  summary(): CustomerLoyalty {
    return loyaltySummary(this.account, this.programme.settings, this.now, this.programme.timeZone);
  }

  /** The customer fields that mirror the account, for a caller that writes the customer itself. */
  customerFields(): { loyalty: CustomerLoyalty; pointsBalance: number } {
    const loyalty = this.summary();
    return { loyalty, pointsBalance: loyalty.available };
  }

  /**
   * Queues the writes. With `customer: false` the caller merges `customerFields()` into its own
   * update of the customer (one write per document per transaction).
   */
  write(tx: Transaction, opts: { customer: boolean } = { customer: true }) {
    if (!this.touched) return;
    const tdb = tenantDb(this.orgId);
    for (const line of this.created) tx.create(tdb.loyaltyLines.doc(line.id), tdb.loyaltyLines.parse(line));
    tx.set(tdb.loyaltyAccounts.doc(this.customerId), tdb.loyaltyAccounts.parse(this.account));
    if (opts.customer) tdb.customers.updateIn(tx, this.customerId, { ...this.customerFields(), updatedAt: this.now });
  }
}
