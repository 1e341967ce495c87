'use client';
import { Field } from '@/ui/primitives/field';
import { Check, MoneyField, NumberField, type TabProps } from './settings-fields';

const PROGRAMMES = [
  ['military', 'Military'],
  ['senior', 'Senior'],
  ['student', 'Student'],
  ['medical', 'Medical'],
] as const;

export function MenuTab({ s, update, errors, menuUrl }: TabProps & { menuUrl: string }) {
  const m = s.menu;
  const e = (k: string) => errors[`menu.${k}`];
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600">
        What your public menu shows at{' '}
        <a className="text-brand-700 underline wrap-anywhere" href={menuUrl} target="_blank" rel="noreferrer">
          {menuUrl}
        </a>
        .
      </p>
      <Check label="Show the loyalty bar on the public menu" checked={m.showLoyaltyBar} onChange={(v) => update((d) => void (d.menu.showLoyaltyBar = v))} />
      <Field label="Tagline" value={m.tagline} maxLength={140} onChange={(ev) => update((d) => void (d.menu.tagline = ev.target.value))} error={e('tagline')} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Discount programmes</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {PROGRAMMES.map(([key, label]) => (
            <div key={key} className="rounded-md border border-slate-200 p-3">
              <Check
                label={`${label} discount`}
                checked={m.programmes[key].enabled}
                onChange={(v) => update((d) => void (d.menu.programmes[key].enabled = v))}
              />
              {m.programmes[key].enabled ? (
                <NumberField
                  label={`${label} discount percent`}
                  min={0}
                  max={50}
                  value={m.programmes[key].percent}
                  onValue={(n) => update((d) => void (d.menu.programmes[key].percent = n))}
                  error={e(`programmes.${key}.percent`)}
                />
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Delivery</legend>
        <Check label="We deliver" checked={m.delivery.enabled} onChange={(v) => update((d) => void (d.menu.delivery.enabled = v))} />
        {m.delivery.enabled ? (
          <div className="mt-2 grid gap-3 sm:grid-cols-3">
            <MoneyField
              label="Delivery minimum ($)"
              cents={m.delivery.minimumCents}
              onCents={(c) => update((d) => void (d.menu.delivery.minimumCents = c))}
              error={e('delivery.minimumCents')}
            />
            <MoneyField
              label="Delivery fee ($)"
              cents={m.delivery.feeCents}
              onCents={(c) => update((d) => void (d.menu.delivery.feeCents = c))}
              error={e('delivery.feeCents')}
            />
            <NumberField
              label="Delivery radius (miles)"
              min={0}
              step={0.5}
              value={m.delivery.radiusMiles}
              onValue={(n) => update((d) => void (d.menu.delivery.radiusMiles = n))}
              error={e('delivery.radiusMiles')}
            />
          </div>
        ) : null}
      </fieldset>
      <Check label="Drive-thru" checked={m.driveThru} onChange={(v) => update((d) => void (d.menu.driveThru = v))} />
    </div>
  );
}
