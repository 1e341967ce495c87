'use client';
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

function allZones(): string[] {
  const more = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...COMMON_US_TIME_ZONES, ...more.filter((z) => !(COMMON_US_TIME_ZONES as readonly string[]).includes(z))];
}

/** The request body from the form: one opening a day here (the API takes up to three). */
export function locationBody(form: FormData) {
  const text = (k: string) => String(form.get(k) ?? '').trim();
  const businessHours = Object.fromEntries(WEEKDAYS.map((d) => [d, form.get(`${d}.closed`) ? [] : [{ open: text(`${d}.open`), close: text(`${d}.close`) }]]));
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
          {allZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Business hours</legend>
        <div className="mt-2 grid gap-2">
          {WEEKDAYS.map((d) => {
            const first = hours?.[d]?.[0];
            const err = errors[`businessHours.${d}.0.open`] ?? errors[`businessHours.${d}.0.close`] ?? errors[`businessHours.${d}`];
            return (
              <div key={d} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="w-24">{DAY_LABEL[d]}</span>
                <label className="flex items-center gap-1">
                  <input type="checkbox" name={`${d}.closed`} defaultChecked={!!hours && !first} /> Closed
                </label>
                <input
                  aria-label={`${DAY_LABEL[d]} opens`}
                  type="time"
                  name={`${d}.open`}
                  defaultValue={first?.open ?? '09:00'}
                  className="rounded border px-2 py-1"
                />
                <span>to</span>
                <input
                  aria-label={`${DAY_LABEL[d]} closes`}
                  type="time"
                  name={`${d}.close`}
                  defaultValue={first?.close ?? '21:00'}
                  className="rounded border px-2 py-1"
                />
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
