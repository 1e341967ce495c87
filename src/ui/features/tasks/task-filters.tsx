import Link from 'next/link';
import { ALL_ROLES, type Role } from '@/domain/roles';
import { buttonClass } from '@/ui/primitives/button';
import { cn } from '@/ui/primitives/cn';
import { ROLE_PLURAL } from './task-data';

export interface TaskQuery {
  status: 'open' | 'done' | 'dismissed' | 'all';
  assignRole?: Role;
  customerId?: string;
  cursor?: string;
}

const STATUS_TABS: Array<{ value: TaskQuery['status']; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Done' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'all', label: 'All' },
];

export function tasksHref(q: Partial<TaskQuery>): string {
  const p = new URLSearchParams();
  if (q.status && q.status !== 'open') p.set('status', q.status);
  if (q.assignRole) p.set('assignRole', q.assignRole);
  if (q.customerId) p.set('customerId', q.customerId);
  if (q.cursor) p.set('cursor', q.cursor);
  return `/dashboard/tasks${p.size ? `?${p.toString()}` : ''}`;
}

/** Status as one-click tabs; owners and admins also narrow by the role a task is assigned to. */
export function TaskFilters({ query, canFilterRole }: { query: TaskQuery; canFilterRole: boolean }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <nav aria-label="Task status">
        <ul className="flex gap-1 rounded-lg bg-slate-100 p-1">
          {STATUS_TABS.map((tab) => {
            const current = tab.value === query.status;
            return (
              <li key={tab.value}>
                <Link
                  href={tasksHref({ ...query, status: tab.value, cursor: undefined })}
                  aria-current={current ? 'page' : undefined}
                  className={cn(
                    'flex items-center rounded-md px-3 py-1.5 text-sm font-medium pointer-coarse:min-h-11',
                    current ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
                  )}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {canFilterRole ? (
        <form method="get" action="/dashboard/tasks" className="flex items-end gap-2" aria-label="Filter tasks by role">
          {query.status !== 'open' ? <input type="hidden" name="status" value={query.status} /> : null}
          {query.customerId ? <input type="hidden" name="customerId" value={query.customerId} /> : null}
          <div>
            <label htmlFor="task-role" className="block text-sm font-medium text-slate-700">
              Assigned to
            </label>
            <select
              id="task-role"
              name="assignRole"
              defaultValue={query.assignRole ?? ''}
              className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            >
              <option value="">Everyone</option>
              {ALL_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_PLURAL[r]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass('secondary')}>
            Filter
          </button>
        </form>
      ) : null}
    </div>
  );
}
