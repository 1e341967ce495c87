'use client';
import { Cron } from 'croner';
import { Fragment, useId } from 'react';
import { Time } from '@/ui/primitives/time';
import { describeCron } from '../describe-trigger';
import { useBuilder } from './builder-context';
import { TextInput } from './controls';

const PRESETS: Array<[string, string]> = [
  ['0 8 * * 1', 'Every Monday at 08:00'],
  ['0 9 * * *', 'Every day at 09:00'],
  ['0 9 * * 1-5', 'Weekdays at 09:00'],
  ['0 10 1 * *', 'The 1st of each month at 10:00'],
  ['0 * * * *', 'Every hour'],
];

function nextRuns(cron: string, timeZone: string): Date[] {
  try {
    return new Cron(cron, { timezone: timeZone, paused: true }).nextRuns(3);
  } catch {
    return [];
  }
}

/** A cron schedule, said in words with its next three times, in the dispensary's time zone by default. */
export function ScheduleFields({
  path,
  cron,
  timeZone,
  onChange,
}: {
  path: string;
  cron: string;
  timeZone: string | undefined;
  onChange: (patch: { cron?: string; timeZone?: string }) => void;
}) {
  const { timeZone: tenantZone, readOnly } = useBuilder();
  const presetId = useId();
  const zone = timeZone || tenantZone;
  const words = describeCron(cron);
  const upcoming = nextRuns(cron, zone);
  return (
    <div className="space-y-3">
      {!readOnly ? (
        <div>
          <label htmlFor={presetId} className="block text-sm font-medium text-slate-700">
            Quick pick
          </label>
          <select
            id={presetId}
            value=""
            onChange={(e) => e.target.value && onChange({ cron: e.target.value })}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">Choose a common schedule…</option>
            {PRESETS.map(([c, l]) => (
              <option key={c} value={c}>
                {l}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextInput
          path={`${path}.cron`}
          label="Cron schedule"
          value={cron}
          onChange={(v) => onChange({ cron: v })}
          className="font-mono"
          hint="minute hour day-of-month month day-of-week, e.g. 0 8 * * 1"
        />
        <TextInput
          path={`${path}.timeZone`}
          label="Time zone (optional)"
          value={timeZone}
          onChange={(v) => onChange({ timeZone: v || undefined })}
          placeholder={tenantZone}
          hint={`Blank: the dispensary's (${tenantZone}).`}
        />
      </div>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="cron-summary">
        {words ? <strong>{words}</strong> : upcoming.length ? 'A custom schedule.' : 'Not a schedule BakedBot can read yet.'}
        {upcoming.length ? (
          <>
            {' '}
            Next:{' '}
            {upcoming.map((d, i) => (
              <Fragment key={d.getTime()}>
                {i ? '; ' : ''}
                <Time value={d} timeZone={zone} weekday />
              </Fragment>
            ))}
            .
          </>
        ) : null}
      </p>
    </div>
  );
}
