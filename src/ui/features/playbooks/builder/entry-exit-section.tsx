'use client';
import { useId } from 'react';
import type { Trigger } from '@/domain/playbooks/playbook';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import type { Draft } from '../types';
import { useBuilder } from './builder-context';
import { ConditionInput } from './condition-input';
import { NumberInput, PathProblem, SelectInput } from './controls';
import { EventSelect } from './event-select';

/** What one run follows, as a manager would say it. */
const KEY_NOUN: Record<string, string> = {
  orderId: 'order',
  customerId: 'customer',
  checkoutToken: 'checkout',
  productId: 'product',
  eventId: 'event',
};
const KEY_LABEL: Record<string, string> = {
  orderId: 'Each order',
  customerId: 'Each customer',
  checkoutToken: 'Each checkout',
  productId: 'Each product',
  eventId: 'Each event on its own',
};

function keyOptions(triggers: Trigger[], runKeysOf: (name: string) => string[]): string[] {
  const keys = new Set<string>();
  for (const t of triggers) if (t.type === 'event') for (const k of runKeysOf(t.eventName)) keys.add(k);
  return [...keys, 'customerId', 'eventId'].filter((k, i, all) => all.indexOf(k) === i);
}

export function EntryExitSection({ draft, onChange }: { draft: Draft; onChange: (patch: Partial<Draft>) => void }) {
  const { catalogue } = useBuilder();
  const radio = useId();
  const runKeysOf = (name: string) => catalogue?.events.find((e) => e.name === name)?.runKeys ?? [];
  const firstEvent = draft.triggers.find((t) => t.type === 'event');
  const natural = firstEvent?.type === 'event' ? runKeysOf(firstEvent.eventName)[0] : undefined;
  const entry = draft.entry;
  const reentry = entry.reentry ?? 'never';
  const noun = KEY_NOUN[entry.runKey ?? natural ?? 'customerId'] ?? 'customer';
  const setEntry = (patch: Partial<Draft['entry']>) => onChange({ entry: { ...entry, ...patch } });
  const exits = draft.exit.onEvents;
  const setExits = (onEvents: Draft['exit']['onEvents']) => onChange({ exit: { onEvents } });
  return (
    <Card aria-labelledby="entry-heading" className="space-y-5">
      <div>
        <h2 id="entry-heading" className="font-medium">
          Who enters, and what ends a run
        </h2>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectInput
          path="entry.runKey"
          label="What does each run follow?"
          value={entry.runKey ?? ''}
          onChange={(v) => setEntry({ runKey: (v || undefined) as never })}
          hint="Following each order, a customer with two orders goes through twice; following each customer, once."
        >
          <option value="">{natural ? `${KEY_LABEL[natural] ?? natural} (the usual for this trigger)` : 'Each customer (the usual)'}</option>
          {keyOptions(draft.triggers, runKeysOf).map((k) => (
            <option key={k} value={k}>
              {KEY_LABEL[k] ?? k}
            </option>
          ))}
        </SelectInput>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Can the same {noun} go through this again?</legend>
          <div className="mt-1 space-y-1 text-sm">
            {(
              [
                ['never', 'No, only once'],
                ['always', 'Yes, every time it starts again'],
                ['after_days', 'Yes, once some days have passed'],
              ] as const
            ).map(([v, l]) => (
              <label key={v} className="flex items-center gap-2">
                <input
                  type="radio"
                  name={radio}
                  checked={reentry === v}
                  onChange={() => setEntry({ reentry: v, reentryDays: v === 'after_days' ? (entry.reentryDays ?? 30) : undefined })}
                />
                {l}
              </label>
            ))}
          </div>
        </fieldset>
        {reentry === 'after_days' ? (
          <NumberInput
            path="entry.reentryDays"
            label={`Days before the same ${noun} can go through again`}
            hint="Counted from the start of its previous run."
            min={1}
            max={3650}
            value={entry.reentryDays}
            onChange={(v) => setEntry({ reentryDays: v })}
            className="max-w-xs"
          />
        ) : null}
      </div>
      <div className="space-y-3 border-t border-slate-100 pt-4">
        <div>
          <h3 className="text-sm font-medium">Exit when</h3>
          <p className="text-xs text-slate-600">
            Events that end a running or waiting run for the same customer, e.g. an order ends an abandoned-checkout run.
          </p>
        </div>
        <PathProblem path="exit.onEvents" />
        {exits.length === 0 ? <p className="text-sm text-slate-500">No exit events: runs go to the end.</p> : null}
        {exits.map((e, i) => {
          const ev = catalogue?.events.find((x) => x.name === e.eventName);
          return (
            <section key={i} aria-label={`Exit event ${i + 1}`} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
              <EventSelect
                path={`exit.onEvents.${i}.eventName`}
                label="Event"
                value={e.eventName}
                onChange={(eventName) => setExits(exits.map((x, j) => (j === i ? { ...x, eventName } : x)))}
              />
              <div className="flex items-end">
                <ExitRemove onClick={() => setExits(exits.filter((_, j) => j !== i))} n={i + 1} />
              </div>
              <div className="sm:col-span-2">
                <ConditionInput
                  path={`exit.onEvents.${i}.filter`}
                  label="Only if"
                  optional
                  value={e.filter ?? ''}
                  onChange={(filter) => setExits(exits.map((x, j) => (j === i ? { ...x, filter } : x)))}
                  names={(ev?.conditionFields ?? []).map((f) => ({ value: f.path, description: f.type }))}
                  eventName={e.eventName}
                />
              </div>
            </section>
          );
        })}
        <ExitAdd onClick={() => setExits([...exits, { eventName: 'order.created' }])} disabled={exits.length >= 10} />
      </div>
    </Card>
  );
}

function ExitRemove({ onClick, n }: { onClick: () => void; n: number }) {
  const { readOnly } = useBuilder();
  if (readOnly) return null;
  return (
    <Button variant="ghost" className="text-xs text-red-700" onClick={onClick}>
      Remove exit event {n}
    </Button>
  );
}

function ExitAdd({ onClick, disabled }: { onClick: () => void; disabled: boolean }) {
  const { readOnly } = useBuilder();
  if (readOnly) return null;
  return (
    <Button variant="secondary" onClick={onClick} disabled={disabled}>
      + Add an exit event
    </Button>
  );
}
