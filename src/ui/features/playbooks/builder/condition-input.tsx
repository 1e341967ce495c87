'use client';
import { describeCondition } from '@/domain/playbooks/describe-condition';
import { FUNCTIONS } from '@/domain/playbooks/expression/functions';
import { humanMessage, useBuilder, type Suggestion } from './builder-context';
import { AutocompleteText } from './autocomplete-text';
import { useControl } from './controls';

/**
 * A condition in the playbook language (order.total >= 100 and customer.segment == "VIP"),
 * checked by the server as the user types: the message is shown under it and the exact
 * characters it is about are underlined in place.
 */
export function ConditionInput({
  path,
  label,
  value,
  onChange,
  names,
  hint,
  optional,
  eventName,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  names: Suggestion[];
  hint?: string;
  optional?: boolean;
  /** The event the condition is read against, for its words (stock events say "stock"). */
  eventName?: string;
}) {
  const { readOnly } = useBuilder();
  const c = useControl(path, hint);
  const p = c.problem;
  // Underline only while the text is the one the server judged (it may have changed since).
  const range = p && p.start !== undefined && p.end !== undefined && p.source === value ? { start: p.start, end: p.end } : null;
  const excerpt = range ? value.slice(range.start, range.end) : '';
  return (
    <div>
      <label htmlFor={c.id} className="block text-sm font-medium text-slate-700">
        {label}
        {optional ? <span className="font-normal text-slate-500"> (optional)</span> : null}
      </label>
      <AutocompleteText
        id={c.id}
        value={value}
        onChange={onChange}
        suggestions={names}
        mode="expression"
        rows={2}
        mono
        highlight={range}
        invalid={c.invalid}
        describedBy={c.describedBy}
        placeholder={readOnly ? undefined : 'e.g. order.total >= 100 and customer.segment == "VIP"'}
      />
      {hint ? (
        <p id={`${c.id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {value.trim() && !c.error ? (
        <p className="mt-1 text-xs text-slate-700" data-testid={`words-${c.id}`}>
          In words: {describeCondition(value, { eventName })}
        </p>
      ) : null}
      {c.error && p ? (
        <p id={`${c.id}-error`} className="mt-1 text-xs text-red-700" data-testid={`error-${c.id}`}>
          {humanMessage(p.message)}
          {range ? <span className="sr-only">{` (at “${excerpt}”, characters ${range.start + 1} to ${range.end})`}</span> : null}
        </p>
      ) : null}
      {!readOnly ? <ConditionHelp names={names} /> : null}
    </div>
  );
}

function ConditionHelp({ names }: { names: Suggestion[] }) {
  return (
    <details className="mt-1 text-xs text-slate-600">
      <summary className="cursor-pointer text-brand-700">What can a condition use?</summary>
      <div className="mt-2 space-y-2 rounded-md bg-slate-50 p-3">
        <p>
          Compare with <code>== != &lt; &lt;= &gt; &gt;=</code>, combine with <code>and</code>, <code>or</code>, <code>not</code>, test lists with{' '}
          <code>&quot;edibles&quot; in order.categories</code>. Text goes in double quotes. Functions:{' '}
          {Object.keys(FUNCTIONS).map((f, i) => (
            <span key={f}>
              {i ? ', ' : ''}
              <code>{f}(…)</code>
            </span>
          ))}
          .
        </p>
        <ul className="grid max-h-48 gap-x-4 overflow-auto sm:grid-cols-2">
          {names.map((n) => (
            <li key={n.value}>
              <code>{n.value}</code> <span className="text-slate-500">{n.description}</span>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
