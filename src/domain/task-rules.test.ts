import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { assertMayWorkTask, changeTaskStatus, isOverdue, visibleAssignRole } from './task-rules';

const at = new Date('2026-03-01T15:00:00Z');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not-an-app-error';
  }
  return undefined;
}

describe('task status changes', () => {
  it('finishing an open task records who and when', () => {
    expect(changeTaskStatus({ status: 'open' }, 'done', 'uid-1', at)).toEqual({ status: 'done', completedAt: at, completedBy: 'uid-1' });
    expect(changeTaskStatus({ status: 'open' }, 'dismissed', 'uid-2', at)).toEqual({ status: 'dismissed', completedAt: at, completedBy: 'uid-2' });
  });

  it('reopening clears who and when', () => {
    expect(changeTaskStatus({ status: 'done' }, 'open', 'uid-1', at)).toEqual({ status: 'open', completedAt: null, completedBy: null });
    expect(changeTaskStatus({ status: 'dismissed' }, 'open', 'uid-1', at)).toEqual({ status: 'open', completedAt: null, completedBy: null });
  });

  it('refuses a move to the same status, and done <-> dismissed without reopening', () => {
    for (const s of ['open', 'done', 'dismissed'] as const) expect(codeOf(() => changeTaskStatus({ status: s }, s, 'u', at))).toBe('conflict');
    expect(codeOf(() => changeTaskStatus({ status: 'done' }, 'dismissed', 'u', at))).toBe('conflict');
    expect(codeOf(() => changeTaskStatus({ status: 'dismissed' }, 'done', 'u', at))).toBe('conflict');
  });

  it('only an open task past its due time is overdue', () => {
    const dueAt = new Date(at.getTime() - 1);
    expect(isOverdue({ status: 'open', dueAt }, at)).toBe(true);
    expect(isOverdue({ status: 'open', dueAt: at }, at)).toBe(false);
    expect(isOverdue({ status: 'done', dueAt }, at)).toBe(false);
  });
});

describe('who sees and works which tasks', () => {
  it('a budtender sees budtender tasks and cannot ask for others', () => {
    expect(visibleAssignRole('budtender', undefined)).toBe('budtender');
    expect(visibleAssignRole('budtender', 'budtender')).toBe('budtender');
    expect(codeOf(() => visibleAssignRole('budtender', 'admin'))).toBe('forbidden');
  });

  it('owners and admins see every role unless they filter', () => {
    expect(visibleAssignRole('admin', undefined)).toBeNull();
    expect(visibleAssignRole('owner', 'budtender')).toBe('budtender');
  });

  it('a budtender may work only budtender tasks', () => {
    expect(codeOf(() => assertMayWorkTask('budtender', { assignRole: 'budtender' }))).toBeUndefined();
    expect(codeOf(() => assertMayWorkTask('budtender', { assignRole: 'admin' }))).toBe('forbidden');
    expect(codeOf(() => assertMayWorkTask('admin', { assignRole: 'owner' }))).toBeUndefined();
  });
});
