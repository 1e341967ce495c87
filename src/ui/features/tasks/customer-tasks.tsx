import Link from 'next/link';
import type { TaskView } from '@/domain/task-rules';
import { Badge } from '@/ui/primitives/badge';
import { Card } from '@/ui/primitives/card';
import { Time } from '@/ui/primitives/time';
import { ROLE_PLURAL } from './task-data';

/** The customer's open tasks on their profile (e.g. "call this VIP"), soonest due first. */
export function CustomerTasks({ customerId, tasks, more }: { customerId: string; tasks: TaskView[]; more: boolean }) {
  return (
    <Card aria-labelledby="customer-tasks-heading" className="mt-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="customer-tasks-heading" className="font-medium">
          Open tasks
        </h2>
        <Link href={`/dashboard/tasks?customerId=${encodeURIComponent(customerId)}&status=all`} className="text-sm text-brand-700 hover:underline">
          All tasks for this customer
        </Link>
      </div>
      {tasks.length ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="customer-tasks">
          {tasks.map((t) => (
            <li key={t.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
              <span className="font-medium">{t.title}</span>
              <span className={t.overdue ? 'text-red-700' : 'text-slate-600'}>
                {t.overdue ? 'Overdue: ' : 'Due '}
                <Time value={t.dueAt} weekday />
              </span>
              <Badge>{ROLE_PLURAL[t.assignRole]}</Badge>
              {t.playbookName ? <span className="text-xs text-slate-500">from {t.playbookName}</span> : null}
            </li>
          ))}
          {more ? <li className="py-2 text-slate-600">More on the Tasks page.</li> : null}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">Nothing open for this customer.</p>
      )}
    </Card>
  );
}
