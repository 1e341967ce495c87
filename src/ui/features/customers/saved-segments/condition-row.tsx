'use client';
import type { ConditionKind } from '@/domain/crm/saved-segment';
import { SEGMENTS } from '@/domain/crm/segments';
import { CATEGORY_LABELS } from '@/domain/loyalty/public-menu';
import { ProductCategorySchema } from '@/domain/product';
import { Button } from '@/ui/primitives/button';
import { Field, SelectField } from '@/ui/primitives/field';
import { KIND_LABELS, REVENUE_KINDS, type ConditionDraft } from './condition-draft';

export interface EditorOptions {
  tiers: Array<{ id: string; name: string }>;
  locations: Array<{ id: string; name: string }>;
  tags: string[];
}

type Choice = { value: string; label: string };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CONSENT: Choice[] = [
  { value: 'opted_in', label: 'Opted in' },
  { value: 'opted_out', label: 'Opted out' },
  { value: 'unknown', label: 'Not asked' },
];
const CATEGORIES: Choice[] = ProductCategorySchema.options.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));

/** A group of checkboxes under one legend: a native control every keyboard and screen reader knows. */
function Checks({ legend, choices, values, onChange }: { legend: string; choices: Choice[]; values: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {choices.length === 0 ? <p className="mt-1 text-sm text-slate-600">None set up yet.</p> : null}
      <div className="mt-1 flex flex-wrap gap-x-4">
        {choices.map((c) => (
          <label key={c.value} className="flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.includes(c.value)}
              onChange={(e) => onChange(e.target.checked ? [...values, c.value] : values.filter((v) => v !== c.value))}
            />
            {c.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Range({ d, set, unit }: { d: ConditionDraft; set: (p: Partial<ConditionDraft>) => void; unit: string }) {
  const ends = [
    { key: 'min', label: 'At least' },
    { key: 'max', label: 'At most' },
  ] as const;
  return (
    <div className="flex flex-wrap gap-3">
      {ends.map(({ key, label }) => (
        <Field
          key={key}
          label={`${label} (${unit})`}
          type="number"
          inputMode="decimal"
          min={0}
          value={d[key]}
          onChange={(e) => set({ [key]: e.target.value })}
          className="w-40"
        />
      ))}
    </div>
  );
}

export function ConditionRow({
  index,
  draft: d,
  options,
  revenue,
  onChange,
  onRemove,
}: {
  index: number;
  draft: ConditionDraft;
  options: EditorOptions;
  revenue: boolean;
  onChange: (d: ConditionDraft) => void;
  onRemove: (() => void) | null;
}) {
  const set = (p: Partial<ConditionDraft>) => onChange({ ...d, ...p });
  const kinds = (Object.keys(KIND_LABELS) as ConditionKind[]).filter((k) => revenue || !REVENUE_KINDS.includes(k));
  return (
    <li className="space-y-3 rounded-md border border-slate-200 p-3" aria-label={`Condition ${index + 1}`}>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label={`Condition ${index + 1}`}
          value={d.kind}
          onChange={(e) => onChange({ ...d, kind: e.target.value as ConditionKind, values: [] })}
          className="min-w-0 flex-1 sm:max-w-xs"
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        {onRemove ? (
          <Button variant="ghost" className="min-h-11 text-red-700" onClick={onRemove}>
            Remove condition {index + 1}
          </Button>
        ) : null}
      </div>
      {d.kind === 'segment' ? (
        <Checks legend="Segments" choices={SEGMENTS.map((s) => ({ value: s, label: s }))} values={d.values} onChange={(values) => set({ values })} />
      ) : null}
      {d.kind === 'tier' ? (
        <Checks legend="Tiers" choices={options.tiers.map((t) => ({ value: t.id, label: t.name }))} values={d.values} onChange={(values) => set({ values })} />
      ) : null}
      {d.kind === 'location' ? (
        <Checks
          legend="Stores"
          choices={options.locations.map((l) => ({ value: l.id, label: l.name }))}
          values={d.values}
          onChange={(values) => set({ values })}
        />
      ) : null}
      {d.kind === 'categories' ? <Checks legend="Categories" choices={CATEGORIES} values={d.values} onChange={(values) => set({ values })} /> : null}
      {d.kind === 'email_consent' || d.kind === 'sms_consent' ? (
        <Checks legend="Consent" choices={CONSENT} values={d.values} onChange={(values) => set({ values })} />
      ) : null}
      {d.kind === 'birthday_month' ? (
        <Checks legend="Months" choices={MONTHS.map((m, i) => ({ value: String(i + 1), label: m }))} values={d.values} onChange={(values) => set({ values })} />
      ) : null}
      {d.kind === 'tags' ? (
        <div className="flex flex-wrap gap-3">
          <SelectField label="Match" value={d.match} onChange={(e) => set({ match: e.target.value as ConditionDraft['match'] })} className="w-48">
            <option value="any">Has any of</option>
            <option value="all">Has all of</option>
            <option value="none">Has none of</option>
          </SelectField>
          <Field
            label="Tags, separated by commas"
            value={d.text}
            onChange={(e) => set({ text: e.target.value })}
            hint={options.tags.length ? `In use: ${options.tags.slice(0, 12).join(', ')}` : undefined}
            className="min-w-0 flex-1"
          />
        </div>
      ) : null}
      {d.kind === 'points' ? <Range d={d} set={set} unit="points" /> : null}
      {d.kind === 'orders' ? <Range d={d} set={set} unit="orders" /> : null}
      {d.kind === 'spend' || d.kind === 'average' ? <Range d={d} set={set} unit="dollars" /> : null}
      {d.kind === 'last_order' ? (
        <div className="flex flex-wrap gap-3">
          <SelectField label="When" value={d.when} onChange={(e) => set({ when: e.target.value as ConditionDraft['when'] })} className="w-56">
            <option value="within">Within the last</option>
            <option value="more_than">More than … ago</option>
            <option value="never">Never ordered</option>
          </SelectField>
          {d.when !== 'never' ? <DaysField value={d.days} onChange={(days) => set({ days })} /> : null}
        </div>
      ) : null}
      {d.kind === 'joined' ? <DaysField value={d.days} onChange={(days) => set({ days })} /> : null}
    </li>
  );
}

/** A number of days (1 to 10 years), as the last-order and joined conditions ask it. */
function DaysField({ value, onChange }: { value: string; onChange: (days: string) => void }) {
  return <Field label="Days" type="number" inputMode="numeric" min={1} max={3650} value={value} onChange={(e) => onChange(e.target.value)} className="w-32" />;
}
