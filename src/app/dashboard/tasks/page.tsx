import type { Metadata } from 'next';
import Link from 'next/link';
import { AppError } from '@/domain/errors';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getCustomerOrThrow } from '@/server/services/customers/get-customer';
import { ListTasksQuerySchema, listTasks, type TaskPage } from '@/server/services/tasks/list-tasks';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { customerDisplayName } from '@/domain/customer';
import { NewTaskForm } from '@/ui/features/tasks/new-task-form';
import { localInputValue, toTaskRow } from '@/ui/features/tasks/task-data';
import { TaskFilters, tasksHref, type TaskQuery } from '@/ui/features/tasks/task-filters';
import { TaskInbox } from '@/ui/features/tasks/task-inbox';
import { buttonClass } from '@/ui/primitives/button';
import { PageHeader } from '@/ui/primitives/card';
import { ResultsSummary } from '@/ui/primitives/results-summary';
import { zoneAbbreviation } from '@/ui/primitives/format';

export const metadata: Metadata = { title: 'Tasks' };

const EMPTY: Record<TaskQuery['status'], string> = {
  open: 'Nothing to do right now. Tasks from playbooks (for example “call this VIP”) and ones your team writes appear here.',
  done: 'No finished tasks yet.',
  dismissed: 'No dismissed tasks.',
  all: 'No tasks yet. Playbooks with a “Create task” step, and your team, add them here.',
};

export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageSession({ roles: rolesFor('tasks:read') });
  const raw = await searchParams;
  const manager = can(ctx.actor.role, 'tasks:create');
  const parsed = ListTasksQuerySchema.safeParse({
    status: raw.status || undefined,
    assignRole: manager ? raw.assignRole || undefined : undefined,
    customerId: raw.customerId || undefined,
    cursor: raw.cursor || undefined,
  });
  const query = parsed.success ? parsed.data : ListTasksQuerySchema.parse({});
  let page: TaskPage;
  let error: string | null = parsed.success ? null : 'Some filters were not valid, so all open tasks are shown.';
  try {
    page = await listTasks(ctx, query);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    error = err.message;
    page = await listTasks(ctx, { ...query, cursor: undefined });
  }
  const [tenant, customer] = await Promise.all([getTenantOrThrow(ctx), query.customerId ? getCustomerOrThrow(ctx, query.customerId).catch(() => null) : null]);
  const now = ctx.clock.now();
  const shown: TaskQuery = { status: query.status, assignRole: query.assignRole, customerId: query.customerId, cursor: query.cursor };
  return (
    <>
      <PageHeader
        title="Tasks"
        description={
          manager
            ? 'Follow-ups for your team: made by playbooks or written by hand. Overdue tasks are highlighted.'
            : 'Follow-ups for budtenders: mark them done when handled, or dismiss ones that no longer apply.'
        }
      />
      <div className="space-y-5">
        {manager ? (
          <NewTaskForm
            timeZone={tenant.timeZone}
            zoneLabel={zoneAbbreviation(tenant.timeZone, now)}
            defaultDue={localInputValue(tenant.timeZone, now, 1, 10)}
          />
        ) : null}
        <TaskFilters query={shown} canFilterRole={manager} />
        {query.customerId ? (
          <p className="text-sm text-slate-700">
            Tasks about {customer ? customerDisplayName(customer) : 'one customer'}.{' '}
            <Link href={tasksHref({ ...shown, customerId: undefined, cursor: undefined })} className="text-brand-700 hover:underline">
              Show everyone’s
            </Link>
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900">
            {error}
          </p>
        ) : null}
        <ResultsSummary
          count={page.tasks.length}
          more={Boolean(page.nextCursor)}
          noun={{ one: 'task', many: 'tasks' }}
          resultsKey={JSON.stringify(shown)}
          searched={['status', 'assignRole', 'customerId', 'cursor'].some((k) => k in raw)}
        />
        <TaskInbox key={JSON.stringify(shown)} tasks={page.tasks.map(toTaskRow)} empty={EMPTY[query.status]} />
        <div className="flex gap-2">
          {query.cursor ? (
            <Link href={tasksHref({ ...shown, cursor: undefined })} className={buttonClass('secondary')}>
              First page
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link href={tasksHref({ ...shown, cursor: page.nextCursor })} className={buttonClass('secondary')}>
              Next page
            </Link>
          ) : null}
        </div>
      </div>
    </>
  );
}
