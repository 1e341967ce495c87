import Link from 'next/link';
import { customerDisplayName } from '@/domain/customer';
import { formatCents } from '@/domain/money';
import type { CustomerView } from '@/domain/views/customer-view';
import type { OrderView } from '@/domain/views/order-view';
import { Badge, Card, EmptyState, PageHeader, StatCard } from '@/ui/primitives/card';
import { Table, Td, Th } from '@/ui/primitives/table';
import { formatDate } from './customer-table';

const CONSENT_TONE = { opted_in: 'green', opted_out: 'red', unknown: 'slate' } as const;
const CONSENT_LABEL = { opted_in: 'Opted in', opted_out: 'Opted out', unknown: 'Not asked' } as const;

const cents = (v: number | undefined) => (v === undefined ? '—' : formatCents(v));

/** `revenue`: the viewer's role sees money; the data a budtender receives has none to show anyway. */
export function CustomerProfile({
  customer: c,
  orders,
  timeZone,
  revenue,
}: {
  customer: CustomerView;
  orders: OrderView[];
  timeZone: string;
  revenue: boolean;
}) {
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/customers" className="text-brand-700 hover:underline">
          ← Customers
        </Link>
      </p>
      <PageHeader title={customerDisplayName(c)} description={[c.email, c.phone].filter(Boolean).join(' · ') || 'No contact details'} />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {revenue ? <StatCard label="Lifetime value" value={cents(c.lifetimeValueCents)} /> : null}
        <StatCard label="Orders" value={c.orderCount} />
        {revenue ? <StatCard label="Average order" value={cents(c.avgOrderValueCents)} /> : null}
        <StatCard label="Points" value={c.pointsBalance.toLocaleString('en-US')} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <h2 className="font-medium">Profile</h2>
          <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-2 text-sm">
            <dt className="text-slate-500">First order</dt>
            <dd>{formatDate(c.firstOrderAt, timeZone)}</dd>
            <dt className="text-slate-500">Last order</dt>
            <dd>{formatDate(c.lastOrderAt, timeZone)}</dd>
            <dt className="text-slate-500">Customer since</dt>
            <dd>{formatDate(c.createdAt, timeZone)}</dd>
            <dt className="text-slate-500">Birthday</dt>
            <dd>{c.dateOfBirth ?? '—'}</dd>
            <dt className="text-slate-500">Segment</dt>
            <dd>{c.segment ?? '—'}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd>
              <Badge tone={CONSENT_TONE[c.consent.email.status]}>{CONSENT_LABEL[c.consent.email.status]}</Badge>
            </dd>
            <dt className="text-slate-500">SMS</dt>
            <dd>
              <Badge tone={CONSENT_TONE[c.consent.sms.status]}>{CONSENT_LABEL[c.consent.sms.status]}</Badge>
            </dd>
            <dt className="text-slate-500">Tags</dt>
            <dd className="flex flex-wrap gap-1">{c.tags.length ? c.tags.map((t) => <Badge key={t}>{t}</Badge>) : '—'}</dd>
          </dl>
        </Card>
        <div className="lg:col-span-2">
          <h2 className="mb-3 font-medium">Recent orders</h2>
          {orders.length === 0 ? (
            <EmptyState title="No orders yet" />
          ) : (
            <Table caption="Recent orders">
              <thead>
                <tr>
                  <Th>Date</Th>
                  <Th>Items</Th>
                  <Th>Status</Th>
                  {revenue ? <Th align="right">Total</Th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {orders.map((o) => (
                  <tr key={o.id}>
                    <Td>{formatDate(o.placedAt, timeZone)}</Td>
                    <Td className="max-w-xs truncate text-slate-600">{o.lineItems.map((li) => `${li.quantity}× ${li.name}`).join(', ')}</Td>
                    <Td>
                      <Badge tone={o.status === 'completed' ? 'green' : o.status === 'pending' ? 'amber' : 'red'}>{o.status.replace('_', ' ')}</Badge>
                    </Td>
                    {revenue ? <Td align="right">{o.totalCents === undefined ? '—' : cents(o.totalCents - (o.refundedCents ?? 0))}</Td> : null}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
      </div>
    </>
  );
}
