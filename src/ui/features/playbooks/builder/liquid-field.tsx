'use client';
import type { Suggestion } from './builder-context';
import { AutocompleteText } from './autocomplete-text';
import { ControlFrame, useControl } from './controls';

/** Text that may hold {{ variables }}, with suggestions after "{{". */
export function LiquidField({
  path,
  label,
  value,
  onChange,
  names,
  rows = 1,
  hint,
  mono,
  className,
}: {
  path: string;
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  names: Suggestion[];
  rows?: number;
  hint?: string;
  mono?: boolean;
  className?: string;
}) {
  const c = useControl(path, hint);
  return (
    <ControlFrame id={c.id} label={label} hint={hint} error={c.error} className={className}>
      <AutocompleteText
        id={c.id}
        value={value ?? ''}
        onChange={onChange}
        suggestions={names}
        mode="liquid"
        rows={rows}
        invalid={c.invalid}
        describedBy={c.describedBy}
        mono={mono}
      />
    </ControlFrame>
  );
}
