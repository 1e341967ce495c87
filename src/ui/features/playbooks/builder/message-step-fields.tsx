'use client';
import { useId } from 'react';
import { useBuilder } from './builder-context';
import { SelectInput } from './controls';
import { LiquidField } from './liquid-field';
import { MessagePreview } from './message-preview';
import type { FieldsProps } from './step-fields';
import { VariablesEditor } from './variables-editor';

type Source = 'template' | 'write' | 'composed';

/** send_email / send_sms: a template of the right channel or written copy, the kind, extra values, and a live preview. */
export function MessageStepFields({ step, path, set }: FieldsProps) {
  const { templates, templateNames } = useBuilder();
  const radio = useId();
  const channel = step.action === 'send_sms' ? 'sms' : 'email';
  const ofChannel = templates.filter((t) => t.channel === channel);
  const body = typeof step.body === 'string' ? step.body : undefined;
  const source: Source = step.useComposed ? 'composed' : (body !== undefined && !step.template) || (body ?? '').length > 0 ? 'write' : 'template';
  const chosen = ofChannel.find((t) => t.id === step.template);

  const choose = (s: Source) => {
    if (s === 'template') set({ useComposed: undefined, body: undefined, subject: undefined, template: (step.template as string) || '' });
    if (s === 'write')
      set({ useComposed: undefined, template: undefined, body: body ?? '', subject: channel === 'email' ? ((step.subject as string) ?? '') : undefined });
    if (s === 'composed') set({ useComposed: true, body: undefined, subject: undefined });
  };
  const options: Array<[Source, string]> = [
    ['template', 'Use a template'],
    ['write', channel === 'email' ? 'Write the email here' : 'Write the text here'],
    ['composed', 'Use the copy Craig wrote (an earlier AI step)'],
  ];

  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Content</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {options.map(([s, label]) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="radio" name={radio} checked={source === s} onChange={() => choose(s)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        {source !== 'write' ? (
          <SelectInput
            path={`${path}.template`}
            label={source === 'composed' ? 'Fallback template (if Craig is unavailable)' : `${channel === 'email' ? 'Email' : 'SMS'} template`}
            value={(step.template as string) ?? ''}
            onChange={(v) => set({ template: v })}
          >
            <option value="">Choose a template</option>
            {ofChannel.map((t) => (
              <option key={t.id} value={t.id}>
                {`${t.name} (${t.id})`}
              </option>
            ))}
          </SelectInput>
        ) : null}
        <SelectInput
          path={`${path}.kind`}
          label="Kind"
          value={(step.kind as string) ?? ''}
          onChange={(v) => set({ kind: v || undefined })}
          hint="Marketing is held to consent, age, quiet hours and caps."
        >
          <option value="">
            {chosen ? `The template’s own (${chosen.kind})` : source === 'write' ? 'Marketing (default for written copy)' : 'The template’s own'}
          </option>
          <option value="marketing">Marketing</option>
          <option value="transactional">Transactional</option>
        </SelectInput>
      </div>
      {source === 'write' ? (
        <div className="space-y-3">
          {channel === 'email' ? (
            <LiquidField path={`${path}.subject`} label="Subject" value={step.subject as string} onChange={(v) => set({ subject: v })} names={templateNames} />
          ) : null}
          <LiquidField
            path={`${path}.body`}
            label={channel === 'email' ? 'Body (HTML)' : 'Text'}
            rows={channel === 'email' ? 8 : 4}
            mono={channel === 'email'}
            value={body}
            onChange={(v) => set({ body: v })}
            names={templateNames}
            hint={'Type {{ for variables: {{ customer.first_name | default: "there" }}, {{ order.total | money }}.'}
          />
        </div>
      ) : null}
      <VariablesEditor path={`${path}.variables`} values={step.variables as never} onChange={(v) => set({ variables: v })} />
      <MessagePreview step={step} channel={channel} />
    </div>
  );
}
