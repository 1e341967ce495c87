'use client';
import { eventLabel, groupEvents } from '../describe-trigger';
import { useBuilder } from './builder-context';
import { SelectInput } from './controls';

/** Pick an event from the catalogue, grouped, with the chosen event's description under it. */
export function EventSelect({ path, label, value, onChange }: { path: string; label: string; value: string; onChange: (name: string) => void }) {
  const { catalogue } = useBuilder();
  const events = catalogue?.events ?? [];
  const chosen = events.find((e) => e.name === value);
  const known = events.length === 0 || chosen;
  return (
    <SelectInput path={path} label={label} value={value} onChange={onChange} hint={chosen ? chosen.description.replace(/`/g, '') : undefined}>
      {!known || events.length === 0 ? <option value={value}>{value || 'Choose an event'}</option> : null}
      {groupEvents(events).map((g) => (
        <optgroup key={g.group} label={g.group}>
          {g.events.map((e) => (
            <option key={e.name} value={e.name}>
              {`${eventLabel(e.name)} (${e.name})`}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectInput>
  );
}
