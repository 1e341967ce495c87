import Link from 'next/link';
import type { LedgerType } from '@/domain/loyalty/ledger';
import type { LoyaltyOverview } from '@/server/services/loyalty/get-loyalty-overview';
import { buttonClass } from '@/ui/primitives/button';
import { Card, EmptyState, StatCard } from '@/ui/primitives/card';
import { CategoryChart, TimeSeriesChart } from '@/ui/primitives/chart/chart';
import { DataTable } from '@/ui/primitives/data-table';
import { SelectField } from '@/ui/primitives/field';
import { formatCount } from '@/ui/primitives/format';
import { Time } from '@/ui/primitives/time';

/** The kinds of line, in the words the filter offers. */
export const LINE_KINDS: Array<[LedgerType, string]> = [
  ['earn', 'Earned on orders'],
  ['redeem', 'Redeemed for rewards'],
  ['redeem_cancel', 'Cancelled rewards'],
  ['adjust', 'Staff adjustments'],
  ['expire', 'Expired'],
  ['refund_reversal', 'Taken back for refunds'],
  ['referral', 'Referrals'],
  ['birthday', 'Birthday bonuses'],
  ['anniversary', 'Anniversary bonuses'],
  ['bonus', 'Promotion bonuses'],
  ['opening_balance', 'Opening balances'],
];

export function LoyaltyOverviewView({ data, type }: { data: LoyaltyOverview; type: LedgerType | null }) {
  const kind = type ? LINE_KINDS.find(([k]) => k === type)?.[1] : null;
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="Members" value={formatCount(data.members)} hint="Customers with a points account" />
        <StatCard label={`Points issued in ${data.month.label}`} value={formatCount(data.month.issued)} hint="Orders, referrals, birthdays and bonuses" />
        <StatCard label={`Points redeemed in ${data.month.label}`} value={formatCount(data.month.redeemed)} hint="Net of cancelled rewards" />
        <StatCard label="Expiring in the next 30 days" value={formatCount(data.expiringNext30Days)} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <TimeSeriesChart
            title="Points issued and redeemed per week, last 12 weeks"
            interval="week"
            format="count"
            valueLabel="Points"
            points={data.weekly.map((w) => ({ date: w.weekStart, values: { issued: w.issued, redeemed: w.redeemed } }))}
            series={[
              { key: 'issued', label: 'Issued' },
              { key: 'redeemed', label: 'Redeemed' },
            ]}
          />
        </Card>
        <Card>
          <CategoryChart
            title="Customers per tier"
            categoryLabel="Tier"
            format="count"
            valueLabel="Customers"
            categories={data.tiers.map((t) => ({ label: t.name, values: { customers: t.customers } }))}
            series={[{ key: 'customers', label: 'Customers' }]}
          />
        </Card>
        <Card className="lg:col-span-2">
          {data.rewards.length ? (
            <CategoryChart
              title={`Rewards redeemed in ${data.month.label}`}
              categoryLabel="Reward"
              format="count"
              valueLabel="Redemptions"
              categories={data.rewards.map((r) => ({ label: r.description, values: { redeemed: r.redeemed, used: r.used } }))}
              series={[
                { key: 'redeemed', label: 'Redeemed' },
                { key: 'used', label: 'Coupon used' },
              ]}
            />
          ) : (
            <EmptyState title="No rewards yet">Add rewards under Settings, Loyalty, Redemptions, and what customers redeem shows here.</EmptyState>
          )}
        </Card>
      </div>
      <section aria-labelledby="latest-lines">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="latest-lines" className="font-medium">
            Latest points activity{kind ? `: ${kind.toLowerCase()}` : ''}
          </h2>
          <form method="get" className="flex items-end gap-2" role="search" aria-label="Filter points activity">
            <SelectField label="Show" name="type" defaultValue={type ?? ''}>
              <option value="">Every kind</option>
              {LINE_KINDS.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </SelectField>
            <button type="submit" className={buttonClass('secondary')}>
              Filter
            </button>
          </form>
        </div>
        {data.latest.length === 0 ? (
          <EmptyState title={kind ? `No ${kind.toLowerCase()} yet` : 'No points activity yet'} />
        ) : (
          <DataTable
            caption={`Latest ${data.latest.length} points lines${kind ? `, ${kind.toLowerCase()}` : ''}`}
            rows={data.latest}
            rowKey={(l) => l.id}
            columns={[
              { key: 'when', header: 'When', nowrap: true, cell: (l) => <Time value={l.at} style="short" /> },
              {
                key: 'customer',
                header: 'Customer',
                cell: (l) => (
                  <Link className="text-brand-700 hover:underline" href={`/dashboard/customers/${encodeURIComponent(l.customerId)}`}>
                    {l.customerName}
                  </Link>
                ),
              },
              { key: 'what', header: 'What happened', primary: true, cell: (l) => l.text },
              {
                key: 'points',
                header: 'Points',
                align: 'right',
                nowrap: true,
                cell: (l) => (l.points > 0 ? `+${formatCount(l.points)}` : formatCount(l.points)),
              },
              { key: 'balance', header: 'Balance after', align: 'right', nowrap: true, hideBelow: 'md', cell: (l) => formatCount(l.balanceAfter) },
            ]}
          />
        )}
      </section>
    </div>
  );
}
