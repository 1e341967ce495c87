import Link from 'next/link';
import { CUSTOMER_SORTS, RANGE_LABELS, type CustomerListQuery, type RangeKind } from '@/domain/crm/customer-list-filter';
import { SEGMENTS } from '@/domain/crm/segments';
import { buttonClass } from '@/ui/primitives/button';
import { Field, SelectField } from '@/ui/primitives/field';

const CONSENT = [
  ['', 'Any'],
  ['opted_in', 'Opted in'],
  ['opted_out', 'Opted out'],
  ['unknown', 'Not asked yet'],
] as const;

/**
 * Search and filters for the customer list: a plain GET form, so the URL holds the whole state
 * (shareable, back button works, the export link carries it) and it works without JavaScript.
 */
export function CustomerFilters({
  query,
  revenue,
  options,
  orderedByRange,
  active,
  exportHref,
}: {
  query: CustomerListQuery;
  revenue: boolean;
  options: { locations: Array<{ id: string; name: string }>; tiers: Array<{ id: string; name: string }>; savedSegments: Array<{ id: string; name: string }> };
  orderedByRange: RangeKind | null;
  /** Some filter or search is set: the clear link shows. */
  active: boolean;
  /** The CSV export of the list as filtered; null when the list is empty. */
  exportHref: string | null;
}) {
  const sorts = Object.entries(CUSTOMER_SORTS).filter(([value]) => revenue || value !== 'value');
  const value = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  return (
    <form method="get" className="space-y-3" role="search" aria-label="Customers">
      <div className="flex flex-wrap items-end gap-3">
        <Field className="min-w-64 flex-1" label="Search" name="q" defaultValue={value(query.q)} placeholder="Name, phone or email" />
        <SelectField
          label="Sort by"
          name="sort"
          defaultValue={query.sort}
          hint={orderedByRange ? `Ordered by ${RANGE_LABELS[orderedByRange]} while that range is set.` : undefined}
        >
          {sorts.map(([v, s]) => (
            <option key={v} value={v}>
              {s.label}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="px-1 text-sm font-medium text-slate-700">Filters</legend>
        <SelectField label="Segment" name="segment" defaultValue={value(query.segment)}>
          <option value="">Any segment</option>
          {SEGMENTS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <SelectField label="Loyalty tier" name="tier" defaultValue={value(query.tier)}>
          <option value="">Any tier</option>
          {options.tiers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <Field label="Tag" name="tag" defaultValue={value(query.tag)} placeholder="e.g. vip" hint="Not together with a search." />
        {options.savedSegments.length ? (
          <SelectField label="Saved segment" name="savedSegment" defaultValue={value(query.savedSegment)} hint="Not together with a search or a tag.">
            <option value="">Any saved segment</option>
            {options.savedSegments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField label="Home location" name="location" defaultValue={value(query.location)}>
          <option value="">Any location</option>
          {options.locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Email consent" name="emailConsent" defaultValue={value(query.emailConsent)}>
          {CONSENT.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Text message consent" name="smsConsent" defaultValue={value(query.smsConsent)}>
          {CONSENT.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field label="Last order from" name="lastOrderFrom" type="date" defaultValue={value(query.lastOrderFrom)} />
        <Field label="Last order to" name="lastOrderTo" type="date" defaultValue={value(query.lastOrderTo)} />
        <Field label="Points at least" name="pointsMin" type="number" inputMode="numeric" step={1} defaultValue={value(query.pointsMin)} />
        <Field label="Points at most" name="pointsMax" type="number" inputMode="numeric" step={1} defaultValue={value(query.pointsMax)} />
        {revenue ? (
          <>
            <Field label="Spent at least ($)" name="spendMin" type="number" inputMode="numeric" min={0} step={1} defaultValue={value(query.spendMin)} />
            <Field label="Spent at most ($)" name="spendMax" type="number" inputMode="numeric" min={0} step={1} defaultValue={value(query.spendMax)} />
          </>
        ) : null}
        <p className="text-xs text-slate-500 sm:col-span-2 lg:col-span-4">
          One range at a time (last order, points{revenue ? ' or spend' : ''}); with a range the list is ordered by it, and it combines with one other filter or
          a search.
        </p>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass('primary')}>
          Search and filter
        </button>
        {active ? (
          <Link href="/dashboard/customers" className={buttonClass('ghost')}>
            Clear filters
          </Link>
        ) : null}
        {/* Before the results, not beside their count: after a search focus lands on the count, and the next Tab goes into the list. */}
        {exportHref ? (
          <a href={exportHref} className={buttonClass('secondary', 'sm:ml-auto')} download>
            Export CSV
          </a>
        ) : null}
      </div>
    </form>
  );
}
