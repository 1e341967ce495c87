'use client';
import { Button } from '@/ui/primitives/button';
import { Field, SelectField } from '@/ui/primitives/field';
import { MoneyField, NumberField, RowErrors, type TabProps } from './settings-fields';

export function TiersTab({ s, update, errors, readOnly }: TabProps) {
  const t = s.tiers;
  const e = (k: string) => errors[`tiers.${k}`];
  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Qualification window"
          value={t.qualificationWindow}
          onChange={(ev) => update((d) => void (d.tiers.qualificationWindow = ev.target.value as typeof t.qualificationWindow))}
          hint="The spend that counts towards a tier."
        >
          <option value="rolling_12_months">Rolling 12 months</option>
          <option value="lifetime">Lifetime</option>
        </SelectField>
        <NumberField
          label="Grace period (days)"
          min={0}
          value={t.graceDays}
          onValue={(n) => update((d) => void (d.tiers.graceDays = n))}
          error={e('graceDays')}
          hint="A member who falls short at requalification keeps their tier this much longer."
        />
      </div>
      <RowErrors errors={errors} prefix="tiers.tiers" />
      <ol className="space-y-4">
        {t.tiers.map((tier, i) => (
          <li key={i} className="rounded-md border border-slate-200 p-4" data-testid={`tier-${i}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="flex items-center gap-2 font-medium">
                <span aria-hidden className="inline-block size-4 rounded-full border border-slate-300" style={{ backgroundColor: tier.color }} />
                Tier {i + 1}: {tier.name || 'unnamed'}
              </h3>
              {!readOnly && t.tiers.length > 1 ? (
                <Button variant="ghost" onClick={() => update((d) => void d.tiers.tiers.splice(i, 1))}>
                  Remove {tier.name || `tier ${i + 1}`}
                </Button>
              ) : null}
            </div>
            <RowErrors errors={errors} prefix={`tiers.tiers.${i}`} />
            <div className="mt-3 grid gap-3 sm:grid-cols-3">
              <Field
                label="Name"
                value={tier.name}
                onChange={(ev) => update((d) => void (d.tiers.tiers[i]!.name = ev.target.value))}
                error={e(`tiers.${i}.name`)}
              />
              <MoneyField
                label="Spend threshold ($)"
                cents={tier.minSpendCents}
                onCents={(c) => update((d) => void (d.tiers.tiers[i]!.minSpendCents = c))}
                error={e(`tiers.${i}.minSpendCents`)}
                hint={i === 0 ? 'The first tier starts at $0.' : undefined}
              />
              <Field
                label="Colour"
                type="color"
                value={tier.color}
                onChange={(ev) => update((d) => void (d.tiers.tiers[i]!.color = ev.target.value))}
                error={e(`tiers.${i}.color`)}
              />
              <NumberField
                label="Points multiplier"
                step={0.01}
                min={1}
                value={tier.pointsMultiplier}
                onValue={(n) => update((d) => void (d.tiers.tiers[i]!.pointsMultiplier = n))}
                error={e(`tiers.${i}.pointsMultiplier`)}
              />
              <NumberField
                label="Discount percent on rewards"
                step={0.5}
                min={0}
                value={tier.discountPercent}
                onValue={(n) => update((d) => void (d.tiers.tiers[i]!.discountPercent = n))}
                error={e(`tiers.${i}.discountPercent`)}
              />
              <Field
                label="Benefits"
                value={tier.benefits.join('; ')}
                onChange={(ev) =>
                  update(
                    (d) =>
                      void (d.tiers.tiers[i]!.benefits = ev.target.value
                        .split(';')
                        .map((b) => b.trim())
                        .filter(Boolean)),
                  )
                }
                error={e(`tiers.${i}.benefits`)}
                hint="Separate with semicolons."
              />
            </div>
          </li>
        ))}
      </ol>
      {!readOnly && t.tiers.length < 8 ? (
        <Button
          variant="secondary"
          onClick={() =>
            update((d) => {
              const last = d.tiers.tiers[d.tiers.tiers.length - 1]!;
              const n = d.tiers.tiers.length + 1;
              d.tiers.tiers.push({
                id: `tier-${n}-${Date.now().toString(36)}`,
                name: `Tier ${n}`,
                minSpendCents: last.minSpendCents + 100_000,
                color: '#334155',
                benefits: [],
                pointsMultiplier: last.pointsMultiplier,
                discountPercent: last.discountPercent,
              });
            })
          }
        >
          Add a tier
        </Button>
      ) : null}
    </div>
  );
}
