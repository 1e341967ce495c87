'use client';
import { useState } from 'react';
import { Button } from '@/ui/primitives/button';

export const PRESETS = [7, 30, 90] as const;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Presets (last 7, 30, 90 days) and a custom range of the dispensary's days. `today` is the
 * dispensary's local day from the server, so a preset never depends on the browser's zone.
 */
export function RangePicker({ from, to, today, onChange }: { from: string; to: string; today: string; onChange: (r: { from: string; to: string }) => void }) {
  const [custom, setCustom] = useState({ from, to });
  const preset = PRESETS.find((n) => to === today && from === addDays(today, -(n - 1)));
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Date range">
      <div className="flex gap-1" role="group" aria-label="Presets">
        {PRESETS.map((n) => (
          <Button
            key={n}
            type="button"
            variant={preset === n ? 'primary' : 'secondary'}
            aria-pressed={preset === n}
            onClick={() => onChange({ from: addDays(today, -(n - 1)), to: today })}
          >
            Last {n} days
          </Button>
        ))}
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          onChange(custom);
        }}
      >
        <label className="text-sm text-slate-700">
          From
          <input
            type="date"
            name="from"
            className="mt-1 block rounded-md border px-2 py-1.5 text-sm"
            value={custom.from}
            max={today}
            onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
            required
          />
        </label>
        <label className="text-sm text-slate-700">
          To
          <input
            type="date"
            name="to"
            className="mt-1 block rounded-md border px-2 py-1.5 text-sm"
            value={custom.to}
            max={today}
            onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
            required
          />
        </label>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>
    </div>
  );
}
