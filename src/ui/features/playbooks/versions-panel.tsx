'use client';
import { Fragment, useState } from 'react';
import type { Step } from '@/domain/playbooks/step-registry';
import { Button } from '@/ui/primitives/button';
import { Badge } from '@/ui/primitives/card';
import { Table, Td, Th } from '@/ui/primitives/table';
import { useBuilder } from './builder/builder-context';
import { describeStep } from './describe-step';
import { describeTrigger } from './describe-trigger';
import { formatWhen } from '@/ui/primitives/format-when';
import type { VersionJson } from './types';

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
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">Saving an active playbook makes a new version. Runs already under way finish on the version they started with.</p>
      <Table caption="Versions of this playbook, newest first">
        <thead>
          <tr>
            <Th align="right">Version</Th>
            <Th>Saved</Th>
            <Th>By</Th>
            <Th>Starts</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {versions.map((v) => (
            <Fragment key={v.id}>
              <tr data-testid="version-row">
                <Td align="right">
                  {v.version}
                  {v.version === current ? (
                    <span className="ml-2">
                      <Badge tone="green">current</Badge>
                    </span>
                  ) : null}
                </Td>
                <Td className="whitespace-nowrap">{formatWhen(v.createdAt, timeZone)}</Td>
                <Td>{v.createdByName ?? v.createdBy}</Td>
                <Td className="text-slate-700">{v.triggers.map((t) => describeTrigger(t, timeZone)).join('; ')}</Td>
                <Td className="whitespace-nowrap">
                  <Button
                    variant="ghost"
                    className="px-2 py-1 text-xs"
                    aria-expanded={open === v.version}
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
                </Td>
              </tr>
              {open === v.version ? (
                <tr>
                  <td colSpan={5} className="bg-slate-50 px-6 py-3 text-sm">
                    <p className="mb-1 font-medium">{v.name}</p>
                    <StepOutline steps={v.steps as Step[]} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
