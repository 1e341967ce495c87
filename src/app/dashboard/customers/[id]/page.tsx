import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IdSchema } from '@/domain/common';
import { AppError } from '@/domain/errors';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import { getCustomerProfile } from '@/server/services/customers/get-customer';
import { CustomerProfile } from '@/ui/features/customers/customer-profile';
import { customerTimeline } from '@/server/services/messaging/list-sends';
import { listProfileTemplates } from '@/server/services/messaging/profile-templates';
import { CustomerMessaging } from '@/ui/features/messaging/customer-messaging';
import { RunLog } from '@/ui/features/playbooks/run-log';
import { listTasks } from '@/server/services/tasks/list-tasks';
import { CustomerTasks } from '@/ui/features/tasks/customer-tasks';
import { Card } from '@/ui/primitives/card';
import { suggestCustomerTags } from '@/server/services/customers/change-customer-tags';
import { customerTimelinePage } from '@/server/services/customers/customer-timeline';
import { getHomeLocation } from '@/server/services/customers/get-home-location';
import { counterDisclosures } from '@/server/services/customers/record-counter-consent';
import { CustomerTags } from '@/ui/features/customers/customer-tags';
import { CustomerTimeline } from '@/ui/features/customers/customer-timeline';
import { CustomerPrivacy } from '@/ui/features/customers/customer-privacy';
import { findDuplicatesFor } from '@/server/services/customers/find-duplicates';
import { CustomerDuplicates } from '@/ui/features/customers/merge/customer-duplicates';
import { SmokeySuggestions } from '@/ui/features/agents/smokey-suggestions';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageSession({ roles: rolesFor('customers:read') });
  const { id } = await params;
  if (!IdSchema.safeParse(id).success) notFound();
  const { customer, orders } = await getCustomerProfile(ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const canSend = can(ctx.actor.role, 'messages:send');
  const canTag = can(ctx.actor.role, 'customers:write');
  const [timeline, templates, tasks, activity, tagSuggestions, disclosures, homeLocation, duplicates] = await Promise.all([
    customerTimeline(ctx, id),
    canSend ? listProfileTemplates(ctx, id) : Promise.resolve([]),
    can(ctx.actor.role, 'tasks:read') ? listTasks(ctx, { customerId: id, status: 'open', limit: 5 }) : Promise.resolve(null),
    customerTimelinePage(ctx, id, { limit: 20 }),
    canTag ? suggestCustomerTags(ctx, '', 200) : Promise.resolve([]),
    counterDisclosures(ctx),
    getHomeLocation(ctx, customer.homeLocationId),
    canTag ? findDuplicatesFor(ctx, id) : Promise.resolve(null),
  ]);
  return (
    <>
      <CustomerProfile
        customer={customer}
        orders={orders}
        revenue={seesRevenue(viewerOf(ctx.actor))}
        homeLocation={homeLocation}
        tags={canTag ? <CustomerTags customerId={id} tags={customer.tags} suggestions={tagSuggestions} canEdit /> : undefined}
      />
      {customer.erasedAt || customer.mergedInto ? null : <SmokeySuggestions customerId={id} className="mt-6 shadow-sm" />}
      <CustomerTimeline customerId={id} initial={activity} canNote={can(ctx.actor.role, 'customers:note')} />
      <CustomerMessaging
        customer={customer}
        timeline={timeline}
        templates={templates}
        canWrite={can(ctx.actor.role, 'customers:consent')}
        canSend={canSend}
        disclosures={disclosures}
      />
      {duplicates ? <CustomerDuplicates customerId={id} candidates={duplicates} mergedInto={customer.mergedInto ?? null} /> : null}
      {tasks ? <CustomerTasks customerId={id} tasks={tasks.tasks} more={!!tasks.nextCursor} /> : null}
      {can(ctx.actor.role, 'playbooks:read') ? (
        <Card aria-labelledby="customer-runs-heading" className="mt-6 space-y-3">
          <h2 id="customer-runs-heading" className="font-medium">
            Playbook runs
          </h2>
          <RunLog scope={{ customerId: customer.id }} />
        </Card>
      ) : null}
      {can(ctx.actor.role, 'customers:privacy') ? (
        <CustomerPrivacy
          customerId={id}
          name={`${customer.firstName} ${customer.lastName}`.trim()}
          erasedAt={customer.erasedAt ? customer.erasedAt.toISOString() : null}
        />
      ) : null}
    </>
  );
}
