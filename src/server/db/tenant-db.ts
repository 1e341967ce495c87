import { IdSchema } from '@/domain/common';
import { CustomerSchema } from '@/domain/customer';
import { LocationSchema } from '@/domain/location';
import { ConsentEventSchema, InboundMessageSchema, MessageCapStateSchema, MessagingWebhookSchema } from '@/domain/messaging/records';
import { SendSchema } from '@/domain/messaging/send';
import { MessagingSettingsSchema } from '@/domain/messaging/settings';
import { TemplateSchema } from '@/domain/messaging/template';
import { OrderSchema } from '@/domain/order';
import { StoredEventSchema } from '@/domain/events/stored-event';
import { ApiKeySchema } from '@/domain/integrations/api-key';
import { DeliveryChunkSchema, DeliverySchema } from '@/domain/integrations/delivery';
import { IntegrationEndpointSchema } from '@/domain/integrations/endpoint';
import { NotificationSchema } from '@/domain/notification';
import { CheckoutSchema, CustomerIdentitySchema, CustomerOrderIndexSchema, OrderRefundsSchema, SignalSettingsSchema } from '@/domain/signals/records';
import { DeliveryFeedEntrySchema } from '@/domain/integrations/delivery-feed';
import { PlaybookListenerSchema, PlaybookScheduleSchema } from '@/domain/playbooks/registry';
import { PlaybookSchema, PlaybookVersionSchema } from '@/domain/playbooks/playbook';
import { PlaybookRunSchema, RunKeyRecordSchema } from '@/domain/playbooks/run';
import { StepJournalSchema } from '@/domain/playbooks/journal';
import { StaffTaskSchema } from '@/domain/task';
import { ProductSchema } from '@/domain/product';
import { StaffMemberSchema } from '@/domain/staff';
import { TenantSchema } from '@/domain/tenant';
import { AppError } from '@/domain/errors';
import { firestore } from './firestore';
import { TypedCollection, type ModelSchema } from './typed-collection';

/** The root collection of tenants; each tenant's data lives only under tenants/{orgId}/... */
export function tenantsCollection() {
  return new TypedCollection(firestore(), 'tenants', TenantSchema, 'Dispensary');
}

/**
 * Typed, validated accessors for one tenant. Every path starts with tenants/{orgId}, so no
 * query built from here can read or write another tenant's documents.
 */
export function tenantDb(orgId: string) {
  if (!IdSchema.safeParse(orgId).success) throw new AppError('bad_request', 'Invalid tenant id.');
  const db = firestore();
  const base = `tenants/${orgId}`;
  const col = <S extends ModelSchema>(name: string, schema: S, label: string) => new TypedCollection(db, `${base}/${name}`, schema, label);
  return {
    orgId,
    base,
    tenantRef: tenantsCollection().doc(orgId),
    customers: col('customers', CustomerSchema, 'Customer'),
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
    refunds: col('order_refunds', OrderRefundsSchema, 'Order refunds'),
    customerOrderIndex: col('customer_order_index', CustomerOrderIndexSchema, 'Customer order index'),
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
    // -- playbooks (definitions, versions, listeners, runs, schedules, tasks) --
    playbooks: col('playbooks', PlaybookSchema, 'Playbook'),
    playbookVersions: (playbookId: string) => col(`playbooks/${playbookId}/versions`, PlaybookVersionSchema, 'Playbook version'),
    listeners: col('playbook_event_listeners', PlaybookListenerSchema, 'Playbook listener'),
    runs: col('playbook_executions', PlaybookRunSchema, 'Playbook run'),
    runJournal: (runId: string) => col(`playbook_executions/${runId}/journal`, StepJournalSchema, 'Step journal entry'),
    runKeys: col('playbook_run_keys', RunKeyRecordSchema, 'Run key'),
    schedules: col('playbook_schedules', PlaybookScheduleSchema, 'Playbook schedule'),
    tasks: col('tasks', StaffTaskSchema, 'Task'),
  };
}

export type TenantDb = ReturnType<typeof tenantDb>;
