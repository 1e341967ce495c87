'use client';
import { useId, useState } from 'react';
import type { Step } from '@/domain/playbooks/step-registry';
import { Badge } from '@/ui/primitives/badge';
import { Button } from '@/ui/primitives/button';
import { DataTable } from '@/ui/primitives/data-table';
import { Time } from '@/ui/primitives/time';
import { useBuilder } from './builder/builder-context';
import { describeStep } from './describe-step';
import { describeTrigger } from './describe-trigger';
import type { VersionJson } from './types';
import { useSavedSegmentNames } from '@/ui/features/playbooks/use-saved-segment-names';

function StepOutline({ steps }: { steps: Step[] }) {
  return (
    <ol className="list-decimal space-y-0.5 pl-5">
      {steps.map((s) => (
        <li key={s.id}>
          <span className="font-medium">{s.label || s.action}</span>: {describeStep(s)}
        </li>
      ))}
    </ol>
  );
}

/** Every saved version, newest first; any can be opened, and loaded back into the editor to save again. */
export function VersionsPanel({
  versions,
  current,
  readOnly,
  onRestore,
}: {
  versions: VersionJson[];
  current: number;
  readOnly: boolean;
  onRestore: (v: VersionJson) => void;
}) {
  const { timeZone } = useBuilder();
  const savedNames = useSavedSegmentNames();
  const id = useId();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">Saving an active playbook makes a new version. Runs already under way finish on the version they started with.</p>
      <DataTable
        caption="Versions of this playbook, newest first"
        rows={versions}
        rowKey={(v) => v.id}
        rowProps={() => ({ 'data-testid': 'version-row' })}
        expanded={(v) =>
          open === v.version
            ? {
                id: `${id}-v${v.version}`,
                content: (
                  <div className="text-sm">
                    <p className="mb-1 font-medium">{v.name}</p>
                    <StepOutline steps={v.steps as Step[]} />
                  </div>
                ),
              }
            : null
        }
        columns={[
          {
            key: 'version',
            header: 'Version',
            primary: true,
            nowrap: true,
            cell: (v) => (
              <>
                {v.version}
                {v.version === current ? (
                  <span className="ml-2">
                    <Badge tone="success">Current</Badge>
                  </span>
                ) : null}
              </>
            ),
          },
          { key: 'saved', header: 'Saved', cell: (v) => <Time value={v.createdAt} style="short" /> },
          { key: 'by', header: 'By', cell: (v) => v.createdByName ?? v.createdBy },
          {
            key: 'starts',
            header: 'Starts',
            hideBelow: 'md',
            className: 'text-slate-700',
            cell: (v) => v.triggers.map((t) => describeTrigger(t, timeZone, savedNames)).join('; '),
          },
          {
            key: 'actions',
            header: 'Actions',
            hideHeader: true,
            nowrap: true,
            cell: (v) => (
              <>
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  aria-expanded={open === v.version}
                  aria-controls={`${id}-v${v.version}`}
                  onClick={() => setOpen(open === v.version ? null : v.version)}
                >
                  {open === v.version ? 'Hide' : 'View'}
                  <span className="sr-only"> version {v.version}</span>
                </Button>
                {!readOnly && v.version !== current ? (
                  <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => onRestore(v)}>
                    Load into editor<span className="sr-only"> (version {v.version})</span>
                  </Button>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
