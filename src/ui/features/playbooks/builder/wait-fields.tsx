'use client';
import { useId } from 'react';
import { useBuilder } from './builder-context';
import { ConditionInput } from './condition-input';
import { SelectInput, TextInput } from './controls';
import { DurationInput } from './duration-input';
import { EventSelect } from './event-select';
import type { FieldsProps } from './step-fields';

type WaitMode = 'duration' | 'untilTime' | 'untilDate';

export function WaitFields({ step, path, set }: FieldsProps) {
  const name = useId();
  const mode: WaitMode = step.untilTime !== undefined ? 'untilTime' : step.untilDate !== undefined ? 'untilDate' : 'duration';
  const choose = (m: WaitMode) =>
    set({
      duration: m === 'duration' ? ((step.duration as string) ?? '1d') : undefined,
      untilTime: m === 'untilTime' ? ((step.untilTime as string) ?? '10:00') : undefined,
      untilDate: m === 'untilDate' ? 'birthday' : undefined,
    });
  const options: Array<[WaitMode, string]> = [
    ['duration', 'For a length of time'],
    ['untilTime', 'Until a time of day (customer’s time)'],
    ['untilDate', 'Until their birthday'],
  ];
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Wait</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {options.map(([m, label]) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input type="radio" name={name} checked={mode === m} onChange={() => choose(m)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {mode === 'duration' ? (
        <DurationInput path={`${path}.duration`} label="How long" value={step.duration as string} onChange={(v) => set({ duration: v })} />
      ) : null}
      {mode === 'untilTime' ? (
        <TextInput
          path={`${path}.untilTime`}
          label="Until"
          type="time"
          value={step.untilTime as string}
          onChange={(v) => set({ untilTime: v })}
          hint="The next time the customer's clock shows this time."
          className="max-w-48"
        />
      ) : null}
      {mode === 'untilDate' ? (
        <TextInput
          path={`${path}.atTime`}
          label="At"
          type="time"
          value={(step.atTime as string) ?? '10:00'}
          onChange={(v) => set({ atTime: v })}
          hint="On their next birthday, at this time in their time zone. Customers without a birthday skip ahead."
          className="max-w-48"
        />
      ) : null}
    </div>
  );
}

const MATCH_ON: Array<[string, string]> = [
  ['', 'The run key (default)'],
  ['orderId', 'Same order'],
  ['customerId', 'Same customer'],
  ['checkoutToken', 'Same checkout'],
  ['productId', 'Same product'],
];

export function WaitForEventFields({ step, path, set }: FieldsProps) {
  const { catalogue, conditionNames } = useBuilder();
  const awaited = catalogue?.events.find((e) => e.name === step.eventName);
  const names = [...conditionNames, ...(awaited?.conditionFields ?? []).map((f) => ({ value: f.path, description: f.type }))].filter(
    (n, i, all) => all.findIndex((m) => m.value === n.value) === i,
  );
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <EventSelect path={`${path}.eventName`} label="Wait for" value={(step.eventName as string) ?? ''} onChange={(v) => set({ eventName: v })} />
      <DurationInput path={`${path}.timeout`} label="Give up after" value={step.timeout as string} onChange={(v) => set({ timeout: v })} />
      <SelectInput
        path={`${path}.matchOn`}
        label="The event must be for"
        value={(step.matchOn as string) ?? ''}
        onChange={(v) => set({ matchOn: v || undefined })}
      >
        {MATCH_ON.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </SelectInput>
      <div className="sm:col-span-2">
        <ConditionInput
          path={`${path}.filter`}
          label="Only if the event matches"
          optional
          value={(step.filter as string) ?? ''}
          onChange={(v) => set({ filter: v })}
          names={names}
          eventName={step.eventName as string | undefined}
        />
      </div>
    </div>
  );
}
