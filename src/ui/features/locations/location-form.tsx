'use client';
import { useSyncExternalStore } from 'react';
import { COMMON_US_TIME_ZONES, WEEKDAYS, type Weekday } from '@/domain/location';
import { Button } from '@/ui/primitives/button';
import { Field } from '@/ui/primitives/field';

export interface LocationRow {
  id: string;
  name: string;
  address: { line1: string; line2?: string; city: string; region: string; postalCode: string; country: string };
  timeZone: string;
  phone?: string;
  businessHours: Record<Weekday, Array<{ open: string; close: string }>>;
  externalIds?: string[];
  archivedAt?: string | null;
}

const DAY_LABEL: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

const COMMON: readonly string[] = COMMON_US_TIME_ZONES;
let everyZone: string[] | null = null;
function allZones(): string[] {
  const more = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  everyZone ??= [...COMMON, ...more.filter((z) => !COMMON.includes(z))];
  return everyZone;
}
const noSubscription = () => () => undefined;

/** The browser's full zone list; the server renders the common ones, so hydration matches. */
function useZones(): readonly string[] {
  return useSyncExternalStore(noSubscription, allZones, () => COMMON);
}

/** The request body from the form. */
export function locationBody(form: FormData) {
  const text = (k: string) => String(form.get(k) ?? '').trim();
  // A day keeps every opening it had (the API takes up to three); the form adds none.
  const openingsOf = (d: string) =>
    [0, 1, 2].filter((i) => form.has(`${d}.${i}.open`)).map((i) => ({ open: text(`${d}.${i}.open`), close: text(`${d}.${i}.close`) }));
  const businessHours = Object.fromEntries(WEEKDAYS.map((d) => [d, form.get(`${d}.closed`) ? [] : openingsOf(d)]));
  return {
    name: text('name'),
    address: { line1: text('line1'), city: text('city'), region: text('region'), postalCode: text('postalCode'), country: text('country') || 'US' },
    timeZone: text('timeZone'),
    ...(text('phone') ? { phone: text('phone') } : {}),
    businessHours,
    externalIds: text('externalIds')
      .split(/[\s,]+/)
      .filter(Boolean),
  };
}

export function LocationForm({
  initial,
  errors,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: LocationRow | null;
  errors: Record<string, string>;
  busy: boolean;
  submitLabel: string;
  onSubmit: (form: FormData) => void;
  onCancel?: () => void;
}) {
  const zones = useZones();
  const hours = initial?.businessHours;
  const externalIdError = Object.entries(errors).find(([k]) => k.startsWith('externalIds'))?.[1];
  return (
    <form
      noValidate
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(new FormData(e.currentTarget));
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Store name" name="name" required defaultValue={initial?.name} error={errors.name} />
        <Field label="Phone" name="phone" defaultValue={initial?.phone} error={errors.phone} />
        <Field label="Street address" name="line1" required defaultValue={initial?.address.line1} error={errors['address.line1']} />
        <Field label="City" name="city" required defaultValue={initial?.address.city} error={errors['address.city']} />
        <Field label="State or region" name="region" required defaultValue={initial?.address.region} error={errors['address.region']} />
        <Field label="Postal code" name="postalCode" required defaultValue={initial?.address.postalCode} error={errors['address.postalCode']} />
        <Field label="Country" name="country" defaultValue={initial?.address.country ?? 'US'} error={errors['address.country']} hint="Two letters, e.g. US" />
        <Field
          label="Time zone"
          name="timeZone"
          required
          list="location-time-zones"
          defaultValue={initial?.timeZone ?? 'America/Detroit'}
          error={errors.timeZone}
          hint="Quiet hours and local-time waits for this store's customers follow it."
        />
        <datalist id="location-time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Business hours</legend>
        <div className="mt-2 grid gap-2">
          {WEEKDAYS.map((d) => {
            const openings = hours?.[d]?.length ? hours[d] : [{ open: '09:00', close: '21:00' }];
            const err = Object.entries(errors).find(([k]) => k.startsWith(`businessHours.${d}`))?.[1];
            return (
              <div key={d} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="w-24">{DAY_LABEL[d]}</span>
                <label className="flex items-center gap-1">
                  <input type="checkbox" name={`${d}.closed`} defaultChecked={!!hours && !hours[d]?.length} /> Closed
                </label>
                {openings.map((o, i) => (
                  <span key={i} className="flex items-center gap-1">
                    <input
                      aria-label={`${DAY_LABEL[d]} opens${i ? ` (${i + 1})` : ''}`}
                      type="time"
                      name={`${d}.${i}.open`}
                      defaultValue={o.open}
                      className="rounded border px-2 py-1"
                    />
                    <span>to</span>
                    <input
                      aria-label={`${DAY_LABEL[d]} closes${i ? ` (${i + 1})` : ''}`}
                      type="time"
                      name={`${d}.${i}.close`}
                      defaultValue={o.close}
                      className="rounded border px-2 py-1"
                    />
                  </span>
                ))}
                {err ? <span className="text-red-700">{err}</span> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
      <Field
        label="POS and storefront store ids"
        name="externalIds"
        defaultValue={(initial?.externalIds ?? []).join(' ')}
        error={externalIdError}
        hint="How your senders name this store, separated by spaces: alleaves:store-12 shopify:24826418. Orders naming one are put at this store."
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
