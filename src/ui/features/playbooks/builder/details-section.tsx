'use client';
import { agentName, PLAYBOOK_AGENTS } from '@/domain/playbooks/agents';
import { Card } from '@/ui/primitives/card';
import type { Draft } from '../types';
import { SelectInput, TextArea, TextInput } from './controls';

export function DetailsSection({ draft, onChange }: { draft: Draft; onChange: (patch: Partial<Draft>) => void }) {
  return (
    <Card aria-labelledby="details-heading" className="grid gap-4 sm:grid-cols-3">
      <h2 id="details-heading" className="sr-only">
        Details
      </h2>
      <TextInput path="name" label="Name" value={draft.name} onChange={(name) => onChange({ name })} maxLength={120} className="sm:col-span-2" required />
      <SelectInput
        path="ownerAgent"
        label="AI agent in charge"
        value={draft.ownerAgent}
        onChange={(v) => onChange({ ownerAgent: v as Draft['ownerAgent'] })}
        hint="Which BakedBot agent looks after this playbook and reports on it. Staff permissions are not affected."
      >
        {PLAYBOOK_AGENTS.map((a) => (
          <option key={a} value={a}>
            {agentName(a)}
          </option>
        ))}
      </SelectInput>
      <TextArea
        path="description"
        label="Description"
        rows={2}
        value={draft.description}
        onChange={(description) => onChange({ description })}
        className="sm:col-span-3"
      />
    </Card>
  );
}
