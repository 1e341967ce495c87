'use client';
import { NumberInput, SelectInput, TextArea, TextInput } from './controls';
import type { FieldsProps } from './step-fields';

interface Brief {
  goal?: string;
  audience?: string;
  tone?: string;
  offer?: string;
}

export function AiComposeFields({ step, path, set }: FieldsProps) {
  const brief = (step.brief as Brief | undefined) ?? {};
  const setBrief = (patch: Brief) => set({ brief: { ...brief, ...patch } });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectInput
        path={`${path}.channel`}
        label="Craig writes"
        value={(step.channel as string) ?? 'email'}
        onChange={(v) => set({ channel: v })}
        hint="A later send step uses this copy when it says so."
      >
        <option value="email">An email</option>
        <option value="sms">A text</option>
      </SelectInput>
      <TextInput path={`${path}.brief.tone`} label="Tone (optional)" value={brief.tone} onChange={(v) => setBrief({ tone: v })} placeholder="warm, brief" />
      <TextArea path={`${path}.brief.goal`} label="Goal" rows={2} value={brief.goal} onChange={(v) => setBrief({ goal: v })} className="sm:col-span-2" />
      <TextInput path={`${path}.brief.audience`} label="Audience (optional)" value={brief.audience} onChange={(v) => setBrief({ audience: v })} />
      <TextInput path={`${path}.brief.offer`} label="Offer (optional)" value={brief.offer} onChange={(v) => setBrief({ offer: v })} />
    </div>
  );
}

export function AiConditionFields({ step, path, set }: FieldsProps) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextArea
        path={`${path}.question`}
        label="Yes/no question for Claude"
        rows={2}
        value={step.question as string}
        onChange={(v) => set({ question: v })}
        className="sm:col-span-2"
      />
      <SelectInput
        path={`${path}.whenUnavailable`}
        label="If Claude cannot answer"
        value={(step.whenUnavailable as string) ?? 'else'}
        onChange={(v) => set({ whenUnavailable: v })}
        hint="No API key, a timeout or an error takes this branch."
      >
        <option value="then">Take “Yes”</option>
        <option value="else">Take “No”</option>
      </SelectInput>
      <NumberInput
        path={`${path}.timeoutMs`}
        label="Time limit (ms)"
        min={500}
        max={20000}
        value={step.timeoutMs as number | undefined}
        onChange={(v) => set({ timeoutMs: v })}
      />
    </div>
  );
}
