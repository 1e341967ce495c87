'use client';
import { useState } from 'react';
import { ALL_ROLES, type Role } from '@/domain/roles';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { Field, SelectField } from '@/ui/primitives/field';
import { StatusBadge } from '@/ui/primitives/status-badge';

export interface StaffRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', budtender: 'Budtender' };

export function StaffManager({ initial, selfUid }: { initial: StaffRow[]; selfUid: string }) {
  const [rows, setRows] = useState(initial);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string; secret?: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  function fail(err: unknown) {
    setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Something went wrong. Try again.' });
  }

  async function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy('add');
    setFieldErrors({});
    try {
      const res = await api<{ staff: StaffRow; temporaryPassword: string }>('/api/staff', {
        body: { email: form.get('email'), displayName: form.get('displayName'), role: form.get('role') },
      });
      setRows((r) => [...r, res.staff].sort((a, b) => a.displayName.localeCompare(b.displayName)));
      setNotice({
        tone: 'ok',
        text: `${res.staff.displayName} can now sign in as ${res.staff.email} with this one-time password:`,
        secret: res.temporaryPassword,
      });
      formEl.reset();
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors());
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  async function update(row: StaffRow, patch: Partial<Pick<StaffRow, 'role' | 'disabled'>>) {
    setBusy(row.id);
    try {
      const res = await api<{ staff: StaffRow }>(`/api/staff/${row.id}`, { method: 'PATCH', body: patch });
      setRows((r) => r.map((x) => (x.id === row.id ? { ...x, ...res.staff } : x)));
      setNotice({ tone: 'ok', text: `${row.displayName} updated. Their open sessions were signed out.` });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  async function resetPassword(row: StaffRow) {
    setBusy(row.id);
    try {
      const res = await api<{ temporaryPassword: string }>(`/api/staff/${row.id}/reset-password`, { method: 'POST', body: {} });
      setNotice({ tone: 'ok', text: `New one-time password for ${row.displayName} (${row.email}):`, secret: res.temporaryPassword });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-6">
      <div aria-live="polite">
        {notice ? (
          <div
            role={notice.tone === 'error' ? 'alert' : 'status'}
            className={
              notice.tone === 'error' ? 'rounded-md bg-red-50 px-4 py-3 text-sm text-red-800' : 'rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-900'
            }
          >
            <p>{notice.text}</p>
            {notice.secret ? (
              <div className="mt-2 flex items-center gap-2">
                <code data-testid="temporary-password" className="rounded bg-white px-2 py-1 font-mono text-base">
                  {notice.secret}
                </code>
                <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(notice.secret ?? '')}>
                  Copy
                </Button>
                <span className="text-xs text-slate-600">Shown once. They will be asked for it at sign-in.</span>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>

      <DataTable
        caption="Staff members"
        cardsBelow="md"
        rows={rows}
        rowKey={(row) => row.id}
        rowProps={(row) => ({ 'data-testid': `staff-row-${row.email}` })}
        columns={[
          {
            key: 'name',
            header: 'Name',
            primary: true,
            className: 'font-medium',
            cell: (row) => (
              <>
                {row.displayName}
                {row.id === selfUid ? <span className="ml-2 text-xs font-normal text-slate-600">(you)</span> : null}
              </>
            ),
          },
          { key: 'email', header: 'Email', className: 'wrap-anywhere text-slate-600', cell: (row) => row.email },
          {
            key: 'role',
            header: 'Role',
            cell: (row) => (
              <>
                <label className="sr-only" htmlFor={`role-${row.id}`}>
                  Role for {row.displayName}
                </label>
                <select
                  id={`role-${row.id}`}
                  value={row.role}
                  disabled={busy === row.id}
                  onChange={(e) => update(row, { role: e.target.value as Role })}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                >
                  {ALL_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              </>
            ),
          },
          { key: 'status', header: 'Status', cell: (row) => <StatusBadge kind="account" status={row.disabled ? 'disabled' : 'active'} /> },
          {
            key: 'actions',
            header: 'Actions',
            hideHeader: true,
            align: 'right',
            cell: (row) => (
              <div className="flex flex-wrap justify-end gap-2">
                <Button variant="ghost" disabled={busy === row.id} onClick={() => resetPassword(row)} aria-label={`Reset password for ${row.displayName}`}>
                  Reset password
                </Button>
                <Button
                  variant={row.disabled ? 'secondary' : 'danger'}
                  disabled={busy === row.id}
                  onClick={() => update(row, { disabled: !row.disabled })}
                  aria-label={`${row.disabled ? 'Enable' : 'Disable'} ${row.displayName}`}
                >
                  {row.disabled ? 'Enable' : 'Disable'}
                </Button>
              </div>
            ),
          },
        ]}
      />

      <Card>
        <h2 className="font-medium">Add a staff member</h2>
        <form onSubmit={add} className="mt-4 grid gap-4 sm:grid-cols-4 sm:items-end" noValidate>
          <Field label="Name" name="displayName" required error={fieldErrors.displayName} autoComplete="off" />
          <Field label="Email" name="email" type="email" required error={fieldErrors.email} autoComplete="off" />
          <SelectField label="Role" name="role" defaultValue="budtender" error={fieldErrors.role}>
            {ALL_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </SelectField>
          <Button type="submit" disabled={busy === 'add'}>
            {busy === 'add' ? 'Adding…' : 'Add staff member'}
          </Button>
        </form>
      </Card>
    </div>
  );
}
