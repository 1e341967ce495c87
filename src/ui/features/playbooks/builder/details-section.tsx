'use client';
import { AGENT_LABELS, PLAYBOOK_AGENTS } from '@/domain/playbooks/agents';
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
        label="Owner"
        value={draft.ownerAgent}
        onChange={(v) => onChange({ ownerAgent: v as Draft['ownerAgent'] })}
        hint="The agent whose reports show this playbook."
      >
        {PLAYBOOK_AGENTS.map((a) => (
          <option key={a} value={a}>
            {`${AGENT_LABELS[a].name} (${AGENT_LABELS[a].role})`}
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
