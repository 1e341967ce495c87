'use client';
import { Field, SelectField } from '@/ui/primitives/field';
import { Check, NumberField, type TabProps } from './settings-fields';

export function PointsTab({ s, update, errors }: TabProps) {
  const p = s.points;
  const e = (k: string) => errors[`points.${k}`];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <NumberField
        label="Points per dollar"
        step={0.01}
        min={0}
        value={p.pointsPerDollar}
        onValue={(n) => update((d) => void (d.points.pointsPerDollar = n))}
        error={e('pointsPerDollar')}
        hint="On each whole dollar of the eligible amount."
      />
      <NumberField
        label="Social-equity multiplier"
        step={0.01}
        min={1}
        value={p.socialEquityMultiplier}
        onValue={(n) => update((d) => void (d.points.socialEquityMultiplier = n))}
        error={e('socialEquityMultiplier')}
        hint="1 for none; 1.5 gives every order half as many points again."
      />
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium text-slate-700">Eligible amount</legend>
        <div className="mt-2 flex flex-col gap-1">
          <Check
            label="After discounts"
            checked={p.basis.afterDiscounts}
            onChange={(v) => update((d) => void (d.points.basis.afterDiscounts = v))}
            hint="Untick to earn on the price before discounts."
          />
          <Check label="Including tax" checked={p.basis.includeTax} onChange={(v) => update((d) => void (d.points.basis.includeTax = v))} />
        </div>
      </fieldset>
      <Field
        label="Excluded categories"
        className="sm:col-span-2"
        value={p.excludedCategories.join(', ')}
        onChange={(ev) =>
          update(
            (d) =>
              void (d.points.excludedCategories = ev.target.value
                .split(',')
                .map((c) => c.trim())
                .filter(Boolean)),
          )
        }
        error={e('excludedCategories')}
        hint="Comma-separated, as products name them (accessory, gear). These earn nothing."
      />
      <NumberField
        label="Return window (days)"
        min={0}
        value={p.returnWindowDays}
        onValue={(n) => update((d) => void (d.points.returnWindowDays = n))}
        error={e('returnWindowDays')}
        hint="Points stay pending this long before they can be spent. 0: at once."
      />
      <SelectField
        label="Points expire"
        value={p.expiryMonths === null ? 'never' : 'after'}
        onChange={(ev) => update((d) => void (d.points.expiryMonths = ev.target.value === 'never' ? null : (d.points.expiryMonths ?? 12)))}
      >
        <option value="after">After a number of months</option>
        <option value="never">Never</option>
      </SelectField>
      {p.expiryMonths !== null ? (
        <NumberField
          label="Expiry (months)"
          min={1}
          value={p.expiryMonths}
          onValue={(n) => update((d) => void (d.points.expiryMonths = n))}
          error={e('expiryMonths')}
          hint="Oldest points are spent and expire first."
        />
      ) : null}
      <NumberField
        label="Expiring notice (days)"
        min={1}
        value={p.expiringNoticeDays}
        onValue={(n) => update((d) => void (d.points.expiringNoticeDays = n))}
        error={e('expiringNoticeDays')}
        hint="How long before expiry reminder playbooks hear about it."
      />
      <NumberField
        label="Birthday bonus (points)"
        min={0}
        value={p.birthdayBonus}
        onValue={(n) => update((d) => void (d.points.birthdayBonus = n))}
        error={e('birthdayBonus')}
      />
      <NumberField
        label="Anniversary bonus (points)"
        min={0}
        value={p.anniversaryBonus}
        onValue={(n) => update((d) => void (d.points.anniversaryBonus = n))}
        error={e('anniversaryBonus')}
      />
      <NumberField
        label="Referrer bonus (points)"
        min={0}
        value={p.referral.referrerBonus}
        onValue={(n) => update((d) => void (d.points.referral.referrerBonus = n))}
        error={e('referral.referrerBonus')}
      />
      <NumberField
        label="New member bonus for a referral (points)"
        min={0}
        value={p.referral.refereeBonus}
        onValue={(n) => update((d) => void (d.points.referral.refereeBonus = n))}
        error={e('referral.refereeBonus')}
      />
    </div>
  );
}
