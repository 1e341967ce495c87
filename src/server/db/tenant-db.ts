import { IdSchema } from '@/domain/common';
import { CustomerSchema, loadedCustomer, storedCustomer, withBirthMonthDay, type Customer } from '@/domain/customer';
import { SEARCH_SOURCE_FIELDS, SearchSourceIncompleteError, withSearchKeys } from '@/domain/crm/search-keys';
import { CustomerImportChunkSchema, CustomerImportJobSchema } from '@/domain/crm/import-records';
import { SegmentRecomputeSchema } from '@/domain/crm/segment-recompute';
import { CampaignSchema } from '@/domain/crm/campaign';
import { SavedSegmentSchema } from '@/domain/crm/saved-segment';
import { SegmentHistoryEntrySchema } from '@/domain/crm/segments';
import { CustomerNoteSchema } from '@/domain/crm/notes';
import { TagChangeSchema, TagRegistrySchema } from '@/domain/crm/tags';
import { LocationSchema } from '@/domain/location';
import { RecommendationSettingsSchema } from '@/domain/agents/recommendation-settings';
import { ConsentEventSchema, InboundMessageSchema, MessageCapStateSchema, MessagingWebhookSchema } from '@/domain/messaging/records';
import { SendSchema } from '@/domain/messaging/send';
import { MessagingSettingsSchema } from '@/domain/messaging/settings';
import { TemplateSchema } from '@/domain/messaging/template';
import { OrderSchema } from '@/domain/order';
import { DailyRollupSchema } from '@/domain/analytics/rollup';
import { AnalyticsSettingsSchema } from '@/domain/analytics/analytics-settings';
import { AttributionSchema } from '@/domain/analytics/attribution';
import { CampaignCodeSchema } from '@/domain/analytics/campaign-code';
import { SplitMemberSchema } from '@/domain/analytics/split-member';
import { StoredEventSchema } from '@/domain/events/stored-event';
import { ApiKeySchema } from '@/domain/integrations/api-key';
import { DeliveryChunkSchema, DeliverySchema } from '@/domain/integrations/delivery';
import { IntegrationEndpointSchema } from '@/domain/integrations/endpoint';
import { NotificationSchema } from '@/domain/notification';
import {
  CheckoutSchema,
  CustomerIdentitySchema,
  IDENTITY_INDEX_DOC,
  IdentityIndexSchema,
  OrderRefundsSchema,
  SignalSettingsSchema,
} from '@/domain/signals/records';
import { DeliveryFeedEntrySchema } from '@/domain/integrations/delivery-feed';
import { PlaybookListenerSchema, PlaybookRegistryStateSchema, PlaybookScheduleSchema } from '@/domain/playbooks/registry';
import { PlaybookSchema, PlaybookVersionSchema } from '@/domain/playbooks/playbook';
import { PlaybookRunSchema, RunKeyRecordSchema } from '@/domain/playbooks/run';
import { StepJournalSchema } from '@/domain/playbooks/journal';
import { StaffTaskSchema } from '@/domain/task';
import { LedgerLineSchema, LoyaltyAccountSchema } from '@/domain/loyalty/ledger';
import { LoyaltySettingsDocSchema } from '@/domain/loyalty/settings';
import { LoyaltyDayStateSchema } from '@/domain/loyalty/daily';
import { CouponSchema, LoyaltyAuditSchema, PinStateSchema, RedemptionSchema } from '@/domain/loyalty/redemption';
import { LoyaltySettingsAuditSchema } from '@/domain/loyalty/settings-audit';
import { ImportRowChunkSchema, LoyaltyImportSchema, OpeningBalanceMarkerSchema } from '@/domain/loyalty/opening-import-records';
import { CustomerSignInCodeSchema, ReferralCodeSchema } from '@/domain/loyalty/member-access';
import { ReferralSchema } from '@/domain/loyalty/referral';
import { ProductSchema } from '@/domain/product';
import { StaffMemberSchema } from '@/domain/staff';
import { TenantSchema } from '@/domain/tenant';
import { AppError } from '@/domain/errors';
import { isDeepStrictEqual } from 'node:util';
import type { DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import { firestore } from './firestore';
import { TypedCollection, type ModelSchema } from './typed-collection';
import { CustomerExportLogSchema } from '@/domain/crm/customer-export';
import { PrivacyRequestSchema } from '@/domain/crm/privacy';
import { CustomerMergeSchema } from '@/domain/crm/customer-merge';
import { DuplicateCheckSchema, DuplicateProposalSchema, DuplicateScanSchema } from '@/domain/crm/duplicate-proposal';

const KEY_FIELDS = ['email', 'phone', 'externalIds'];
/**
 * Dispensaries whose identity index this instance has marked incomplete. The mark only ever goes
 * one way (nothing marks an index complete again but a new dispensary, and the demo seed, which
 * claims every demo customer's keys and then forgets its mark here), so it is written once per
 * instance: an import of thousands of customers must not write the one index document each time
 * (Firestore sustains about one write a second per document; docs/capacity.md).
 */
const markedIncomplete = new Set<string>();

/** For the demo seed, after it marks a dispensary's index complete: the next key written outside identity resolution marks it again. */
export function forgetIncompleteMark(orgId: string): void {
  markedIncomplete.delete(tenantDb(orgId).identityIndex.doc(IDENTITY_INDEX_DOC).path);
}
const hasKeys = (fields: Record<string, unknown>) =>
  KEY_FIELDS.some((k) => k in fields && fields[k] !== null && !(Array.isArray(fields[k]) && !fields[k].length));

/**
 * Fields that follow others on every customer write: the birthday key, and the search keys (a
 * partial update changing the name, phone, email or external ids must carry all five, or it is
 * refused rather than leaving search finding the old values).
 */
function derivedFields(model: Record<string, unknown>): Record<string, unknown> {
  const withBirthday = 'dateOfBirth' in model ? withBirthMonthDay(model) : model;
  try {
    const keyed = withSearchKeys(withBirthday);
    // A merged profile is kept for the undo but must not be found: it carries no search keys.
    return typeof keyed.mergedInto === 'string' && 'searchKeys' in keyed ? { ...keyed, searchKeys: [] } : keyed;
  } catch (err) {
    if (!(err instanceof SearchSourceIncompleteError)) throw err;
    throw new AppError('invalid_document', err.message, {
      path: 'customers',
      issues: err.missing.map((path) => ({ path, message: 'Required with the other search fields' })),
    });
  }
}

/** Fields others derive from (search keys, the birthday key) or a merge rewrites: a change to one writes the whole profile. */
const WHOLE_PROFILE_FIELDS: ReadonlySet<string> = new Set([
  ...SEARCH_SOURCE_FIELDS,
  'dateOfBirth',
  'mergedInto',
  'searchKeys',
  'searchName',
  'birthMonthDay',
  'id',
]);

/**
 * The customers collection. Identity resolution (signals/identity.ts) writes customers in its own
 * transactions, claiming their keys. A customer given a key any other way through this collection
 * (the seed, an import, a test fixture) first marks the dispensary's identity index incomplete,
 * so a key nobody has claimed is then also looked up by query.
 */
class CustomerCollection extends TypedCollection<typeof CustomerSchema> {
  constructor(
    db: Firestore,
    path: string,
    private readonly indexRef: DocumentReference,
  ) {
    super(db, path, CustomerSchema, 'Customer', { prepare: derivedFields, toStored: storedCustomer, fromStored: loadedCustomer });
  }

  override patch(id: string, patch: Record<string, unknown>) {
    return super.patch(id, derivedFields(patch));
  }

  private incomplete() {
    return { id: IDENTITY_INDEX_DOC, complete: false, updatedAt: new Date() };
  }

  private async markIncomplete(fields: Record<string, unknown>) {
    if (!hasKeys(fields) || markedIncomplete.has(this.indexRef.path)) return;
    await this.indexRef.set(this.incomplete());
    if (markedIncomplete.size > 10_000) markedIncomplete.clear();
    markedIncomplete.add(this.indexRef.path);
  }

  override async create(model: Parameters<TypedCollection<typeof CustomerSchema>['create']>[0]) {
    await this.markIncomplete(model as Record<string, unknown>);
    return super.create(model);
  }

  override async set(model: Parameters<TypedCollection<typeof CustomerSchema>['set']>[0]) {
    await this.markIncomplete(model as Record<string, unknown>);
    return super.set(model);
  }

  override async update(id: string, patch: Record<string, unknown>) {
    await this.markIncomplete(patch);
    return super.update(id, patch);
  }

  /**
   * Writes in `tx` what changed from the stored profile `before` to `after`, as identity resolution
   * and the order pipeline do: nothing when only `updatedAt` moved; only the changed fields
   * (validated one by one) when none that other fields derive from changed, so an order's
   * aggregates, points and segment do not rewrite the profile's search keys; otherwise the whole
   * profile, its derived fields computed again. A field left out of `after` also writes it whole.
   */
  writeChangesIn(tx: Transaction, before: Customer, after: Customer): void {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    const changed = Object.keys(a).filter((k) => k !== 'updatedAt' && !isDeepStrictEqual(b[k], a[k]));
    if (!changed.length) return;
    // A merged profile is stored without some fields (storedCustomer): only a whole write leaves them out.
    const merged = typeof b.mergedInto === 'string' && b.mergedInto !== '';
    const whole = merged || changed.some((k) => WHOLE_PROFILE_FIELDS.has(k) || a[k] === undefined) || Object.keys(b).some((k) => !(k in a));
    if (whole) {
      tx.set(this.doc(after.id), after);
      return;
    }
    const patch = Object.fromEntries([...changed, 'updatedAt'].map((k) => [k, a[k]]));
    tx.update(this.doc(after.id), this.patch(after.id, patch));
  }

  override updateIn(tx: Transaction, id: string, patch: Record<string, unknown>) {
    // In a transaction the mark is written with it (it commits or not with the change).
    if (hasKeys(patch) && !markedIncomplete.has(this.indexRef.path)) tx.set(this.indexRef, this.incomplete());
    return super.updateIn(tx, id, patch);
  }
}

/** The root collection of tenants; each tenant's data lives only under tenants/{orgId}/... */
export function tenantsCollection() {
  return new TypedCollection(firestore(), 'tenants', TenantSchema, 'Dispensary');
}

/**
 * Typed, validated accessors for one tenant. Every path starts with tenants/{orgId}, so no
 * query built from here can read or write another tenant's documents.
 */
export function tenantDb(orgId: string): TenantDb {
  const db = firestore();
  // Built once per tenant and client: a delivery calls this dozens of times, and building the
  // accessors (every collection's reference and path) showed in the pipeline's CPU profile.
  let built = tenantDbs.get(db);
  if (!built) tenantDbs.set(db, (built = new Map()));
  const hit = built.get(orgId);
  if (hit) return hit;
  if (!IdSchema.safeParse(orgId).success) throw new AppError('bad_request', 'Invalid tenant id.');
  if (built.size >= MAX_CACHED_TENANTS) built.clear();
  const made = buildTenantDb(db, orgId);
  built.set(orgId, made);
  return made;
}

const MAX_CACHED_TENANTS = 10_000;
const tenantDbs = new WeakMap<Firestore, Map<string, TenantDb>>();
export type TenantDb = ReturnType<typeof buildTenantDb>;

function buildTenantDb(db: Firestore, orgId: string) {
  const base = `tenants/${orgId}`;
  const col = <S extends ModelSchema>(name: string, schema: S, label: string) => new TypedCollection(db, `${base}/${name}`, schema, label);
  const identityIndex = col('customer_identity_index', IdentityIndexSchema, 'Identity index');
  return {
    orgId,
    base,
    tenantRef: tenantsCollection().doc(orgId),
    customers: new CustomerCollection(db, `${base}/customers`, identityIndex.ref.doc(IDENTITY_INDEX_DOC)),
    orders: col('orders', OrderSchema, 'Order'),
    products: col('products', ProductSchema, 'Product'),
    locations: col('locations', LocationSchema, 'Location'),
    staff: col('staff', StaffMemberSchema, 'Staff member'),
    // -- behavioural signals (endpoints, deliveries, events, notifications) --
    endpoints: col('integration_endpoints', IntegrationEndpointSchema, 'Endpoint'),
    deliveries: col('webhook_deliveries', DeliverySchema, 'Delivery'),
    /** The live list's read-only copy of each delivery (browsers read it; firestore.rules). */
    deliveryFeed: col('delivery_feed', DeliveryFeedEntrySchema, 'Delivery feed entry'),
    deliveryChunks: (deliveryId: string) => col(`webhook_deliveries/${deliveryId}/body_chunks`, DeliveryChunkSchema, 'Delivery body chunk'),
    events: col('events', StoredEventSchema, 'Event'),
    notifications: col('notifications', NotificationSchema, 'Notification'),
    identities: col('customer_identities', CustomerIdentitySchema, 'Customer identity'),
    identityIndex,
    refunds: col('order_refunds', OrderRefundsSchema, 'Order refunds'),
    checkouts: col('checkouts', CheckoutSchema, 'Checkout'),
    apiKeys: col('api_keys', ApiKeySchema, 'API key'),
    signalSettings: col('signal_settings', SignalSettingsSchema, 'Signal settings'),
    // -- messaging (sends, templates, inbound messages) --
    sends: col('sends', SendSchema, 'Message'),
    templates: col('templates', TemplateSchema, 'Template'),
    inboundMessages: col('inbound_messages', InboundMessageSchema, 'Inbound message'),
    consentEvents: col('consent_events', ConsentEventSchema, 'Consent change'),
    messagingWebhooks: col('messaging_webhooks', MessagingWebhookSchema, 'Messaging webhook'),
    messageCaps: col('message_caps', MessageCapStateSchema, 'Message cap state'),
    messagingSettings: col('messaging_settings', MessagingSettingsSchema, 'Messaging settings'),
    /** Smokey's suggestions (docs/agents.md): the categories never suggested. */
    recommendationSettings: col('recommendation_settings', RecommendationSettingsSchema, 'Recommendation settings'),
    // -- playbooks (definitions, versions, listeners, runs, schedules, tasks) --
    playbooks: col('playbooks', PlaybookSchema, 'Playbook'),
    playbookVersions: (playbookId: string) => col(`playbooks/${playbookId}/versions`, PlaybookVersionSchema, 'Playbook version'),
    listeners: col('playbook_event_listeners', PlaybookListenerSchema, 'Playbook listener'),
    registryState: col('playbook_registry', PlaybookRegistryStateSchema, 'Playbook registry state'),
    runs: col('playbook_executions', PlaybookRunSchema, 'Playbook run'),
    runJournal: (runId: string) => col(`playbook_executions/${runId}/journal`, StepJournalSchema, 'Step journal entry'),
    runKeys: col('playbook_run_keys', RunKeyRecordSchema, 'Run key'),
    schedules: col('playbook_schedules', PlaybookScheduleSchema, 'Playbook schedule'),
    tasks: col('tasks', StaffTaskSchema, 'Task'),
    // -- loyalty (the append-only ledger, the accounts it adds up to, the programme) --
    loyaltyLines: col('loyalty_transactions', LedgerLineSchema, 'Points line'),
    loyaltyAccounts: col('loyalty_accounts', LoyaltyAccountSchema, 'Loyalty account'),
    loyaltyDayState: col('loyalty_day_state', LoyaltyDayStateSchema, 'Loyalty day state'),
    loyaltySettings: col('loyalty_settings', LoyaltySettingsDocSchema, 'Loyalty settings'),
    segmentHistory: (customerId: string) => col(`customers/${customerId}/segment_history`, SegmentHistoryEntrySchema, 'Segment history entry'),
    // -- the customer page: staff notes, tag changes, the dispensary's tag registry (docs/crm.md) --
    customerNotes: (customerId: string) => col(`customers/${customerId}/notes`, CustomerNoteSchema, 'Note'),
    tagHistory: (customerId: string) => col(`customers/${customerId}/tag_history`, TagChangeSchema, 'Tag change'),
    tagRegistry: col('customer_tags', TagRegistrySchema, 'Tag registry'),
    segmentRecompute: col('segment_recompute', SegmentRecomputeSchema, 'Segment recompute'),
    campaigns: col('campaigns', CampaignSchema, 'Campaign'),
    /** The dispensary's own segments; members carry the id in savedSegmentIds (docs/crm.md, Saved segments). */
    savedSegments: col('saved_segments', SavedSegmentSchema, 'Saved segment'),
    /** Who exported the customer list, which filter, how many rows (docs/crm.md, Export). */
    customerExports: col('customer_exports', CustomerExportLogSchema, 'Customer export'),
    /** Every privacy export and erasure: who, when, why (docs/crm.md, Privacy requests). */
    privacyRequests: col('privacy_requests', PrivacyRequestSchema, 'Privacy request'),
    // customer CSV imports: the job (position, counts) and its checked rows in chunks (docs/crm.md, Import)
    customerImports: col('customer_imports', CustomerImportJobSchema, 'Customer import'),
    customerImportChunks: (importId: string) => col(`customer_imports/${importId}/chunks`, CustomerImportChunkSchema, 'Customer import rows'),
    /** Duplicate merges: what moved, for the 30-day undo (docs/crm.md, Duplicate merge). */
    customerMerges: col('customer_merges', CustomerMergeSchema, 'Merge'),
    duplicateProposals: col('duplicate_candidates', DuplicateProposalSchema, 'Duplicate proposal'),
    duplicateScan: col('duplicate_scan', DuplicateScanSchema, 'Duplicate scan'),
    /** Profiles a signed webhook created, checked for duplicates by the next tick (docs/crm.md, Duplicate merge). */
    duplicateChecks: col('duplicate_checks', DuplicateCheckSchema, 'Duplicate check'),
    // redemption at the counter: the live PIN per customer, redemptions, their coupons, the owners' audit
    loyaltyPins: col('loyalty_pins', PinStateSchema, 'Loyalty PIN'),
    loyaltyRedemptions: col('loyalty_redemptions', RedemptionSchema, 'Redemption'),
    loyaltyCoupons: col('loyalty_coupons', CouponSchema, 'Coupon'),
    loyaltyAudit: col('loyalty_audit', LoyaltyAuditSchema, 'Loyalty audit entry'),
    // -- loyalty: settings audit, the customer's own access (sign-in codes, referral codes) --
    loyaltySettingsAudit: col('loyalty_settings_audit', LoyaltySettingsAuditSchema, 'Loyalty settings change'),
    customerSignInCodes: col('customer_sign_in_codes', CustomerSignInCodeSchema, 'Sign-in code'),
    referralCodes: col('referral_codes', ReferralCodeSchema, 'Referral code'),
    referrals: col('referrals', ReferralSchema, 'Referral'),
    // -- loyalty: opening balances brought over from another provider --
    loyaltyImports: col('loyalty_imports', LoyaltyImportSchema, 'Import'),
    loyaltyImportRows: (importId: string) => col(`loyalty_imports/${importId}/rows`, ImportRowChunkSchema, 'Import rows'),
    openingBalances: col('loyalty_opening_balances', OpeningBalanceMarkerSchema, 'Opening balance'),
    // -- analytics: daily counters in shards, written with the events that change them (docs/analytics.md, Daily rollups) --
    rollupsDaily: col('rollups_daily', DailyRollupSchema, 'Daily rollup'),
    rollupsDailyMessages: col('rollups_daily_messages', DailyRollupSchema, 'Daily message rollup'),
    // -- analytics: which message or code earned each order; who was in which A/B arm and what they bought --
    attributions: col('attributions', AttributionSchema, 'Attribution'),
    splitMembers: col('split_members', SplitMemberSchema, 'A/B split member'),
    campaignCodes: col('campaign_codes', CampaignCodeSchema, 'Campaign code'),
    analyticsSettings: col('analytics_settings', AnalyticsSettingsSchema, 'Analytics settings'),
  };
}
