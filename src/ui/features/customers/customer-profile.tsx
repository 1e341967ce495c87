import Link from 'next/link';
import { categoryLabel } from '@/domain/crm/categories-bought';
import { customerDisplayName } from '@/domain/customer';
import type { CustomerView } from '@/domain/views/customer-view';
import type { OrderView } from '@/domain/views/order-view';
import { Badge } from '@/ui/primitives/badge';
import { Card, EmptyState, PageHeader, StatCard } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { formatCount, formatMoney, orderAmount } from '@/ui/primitives/format';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { CalendarDate, Time } from '@/ui/primitives/time';
import { AskMrsParker } from '../loyalty/ask-mrs-parker';
import { WhyThisBalance } from '../loyalty/why-this-balance';

const cents = (v: number | undefined) => (v === undefined ? '—' : formatMoney(v));

/**
 * `revenue`: the viewer's role sees money; the data a budtender receives has none to show anyway.
 * `tags`: the tag editor, where the viewer may change tags. `homeLocation`: the home store and its zone.
 */
export function CustomerProfile({
  customer: c,
  orders,
  revenue,
  tags,
  homeLocation,
}: {
  customer: CustomerView;
  orders: OrderView[];
  revenue: boolean;
  tags?: React.ReactNode;
  homeLocation?: { name: string; timeZone: string } | null;
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
        <StatCard label="Points" value={formatCount(c.pointsBalance)} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <h2 className="font-medium">Profile</h2>
          <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-2 text-sm">
            <dt className="text-slate-500">First order</dt>
            <dd>
              <Time value={c.firstOrderAt} style="date" />
            </dd>
            <dt className="text-slate-500">Last order</dt>
            <dd>
              <Time value={c.lastOrderAt} style="date" />
            </dd>
            <dt className="text-slate-500">Customer since</dt>
            <dd>
              <Time value={c.createdAt} style="date" />
            </dd>
            <dt className="text-slate-500">Birthday</dt>
            <dd>
              <CalendarDate value={c.dateOfBirth} />
            </dd>
            <dt className="text-slate-500">Segment</dt>
            <dd>
              {c.segment ? <Badge tone="success">{c.segment}</Badge> : '—'}
              {c.segmentSince ? (
                <span className="block text-xs text-slate-500">
                  since <Time value={c.segmentSince} style="date" />
                </span>
              ) : null}
            </dd>
            {c.segmentReason ? (
              // The reason quotes spend, so only viewers who see revenue receive it (customerViewFor).
              <dd className="col-span-2 text-slate-600" data-testid="segment-reason">
                Why: {c.segmentReason}
              </dd>
            ) : null}
            <dt className="text-slate-500">Email</dt>
            <dd>
              <StatusBadge kind="consent" status={c.consent.email.status} />
            </dd>
            <dt className="text-slate-500">SMS</dt>
            <dd>
              <StatusBadge kind="consent" status={c.consent.sms.status} />
            </dd>
            {homeLocation ? (
              <>
                <dt className="text-slate-500">Home store</dt>
                <dd data-testid="home-location">
                  {homeLocation.name}
                  <span className="block text-xs text-slate-500">{homeLocation.timeZone.replace(/_/g, ' ')}</span>
                </dd>
              </>
            ) : null}
            <dt className="text-slate-500">Buys</dt>
            <dd data-testid="categories-bought">{c.categoriesBought?.length ? c.categoriesBought.map(categoryLabel).join(', ') : '—'}</dd>
            <dt className="text-slate-500">Tags</dt>
            {tags ? (
              <dd className="col-span-2">{tags}</dd>
            ) : (
              <dd className="flex flex-wrap gap-1">{c.tags.length ? c.tags.map((t) => <Badge key={t}>{t}</Badge>) : '—'}</dd>
            )}
          </dl>
        </Card>
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <h2 className="font-medium">Points</h2>
            <p className="mt-1 text-sm text-slate-600">
              {formatCount(c.pointsBalance)} points. Mrs. Parker, the loyalty agent, can explain how they add up from the points history.
            </p>
            <div className="mt-3">
              <WhyThisBalance customerId={c.id} />
            </div>
            <AskMrsParker customerId={c.id} />
          </Card>
          <div>
            <h2 className="mb-3 font-medium">Recent orders</h2>
            {orders.length === 0 ? (
              <EmptyState title="No orders yet" />
            ) : (
              <DataTable
                caption="Recent orders"
                rows={orders}
                rowKey={(o) => o.id}
                columns={[
                  { key: 'date', header: 'Date', cell: (o) => <Time value={o.placedAt} style="date" /> },
                  {
                    key: 'items',
                    header: 'Items',
                    primary: true,
                    className: 'text-slate-700',
                    cell: (o) => <span className="line-clamp-2">{o.lineItems.map((li) => `${li.quantity}× ${li.name}`).join(', ')}</span>,
                  },
                  { key: 'status', header: 'Status', cell: (o) => <StatusBadge kind="order" status={o.status} /> },
                  revenue && { key: 'total', header: 'Total', align: 'right', cell: (o) => <OrderAmount order={o} /> },
                ]}
              />
            )}
          </div>
        </div>
      </div>
    </>
  );
}

/** The total, or what a refund gave back, with the amounts kept on one line. */
function OrderAmount({ order }: { order: OrderView }) {
  const a = orderAmount(order);
  if (!a) return '—';
  return (
    <>
      {a.note ? <>{a.note} </> : null}
      <span className="whitespace-nowrap">{a.amount}</span>
    </>
  );
}
