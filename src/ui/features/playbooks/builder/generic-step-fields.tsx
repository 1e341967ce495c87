'use client';
import { useState } from 'react';
import { ControlFrame, useControl } from './controls';
import type { FieldsProps } from './step-fields';

/** Step types added after this editor was written (loyalty, segments) are edited as JSON. */
export function GenericStepFields({ step, path, set }: FieldsProps) {
  const { id: _id, action: _a, label: _l, ...fields } = step;
  const [text, setText] = useState(() => JSON.stringify(fields, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const c = useControl(`${path}.fields`);
  const error = parseError ?? c.error;
  return (
    <ControlFrame id={c.id} label="Settings (JSON)" error={error} hint="This step type has no form yet; its settings are edited as JSON.">
      <textarea
        id={c.id}
        rows={6}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed = JSON.parse(e.target.value) as unknown;
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Write a JSON object: { "name": value, … }');
            setParseError(null);
            const cleared = Object.fromEntries(Object.keys(fields).map((k) => [k, undefined]));
            set({ ...cleared, ...(parsed as Record<string, unknown>) });
          } catch (err) {
            setParseError(err instanceof SyntaxError ? `Not valid JSON: ${err.message}` : (err as Error).message);
          }
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${error ? `${c.id}-error ` : ''}${c.id}-hint`}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
      />
    </ControlFrame>
  );
}
