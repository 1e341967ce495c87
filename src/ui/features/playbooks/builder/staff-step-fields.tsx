'use client';
import { useBuilder } from './builder-context';
import { SelectInput } from './controls';
import { DurationInput } from './duration-input';
import { LiquidField } from './liquid-field';
import type { FieldsProps } from './step-fields';

const HINT = 'Type {{ for values from the run, e.g. {{ customer.name }}.';

export function NotifyStaffFields({ step, path, set }: FieldsProps) {
  const { staffNames } = useBuilder();
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <LiquidField
        path={`${path}.title`}
        label="Title"
        value={step.title as string}
        onChange={(v) => set({ title: v })}
        names={staffNames}
        hint={HINT}
        className="sm:col-span-2"
      />
      <SelectInput path={`${path}.severity`} label="Importance" value={(step.severity as string) ?? 'info'} onChange={(v) => set({ severity: v })}>
        <option value="info">Information</option>
        <option value="warning">Warning</option>
        <option value="critical">Critical</option>
      </SelectInput>
      <LiquidField
        path={`${path}.message`}
        label="Message"
        rows={3}
        value={step.message as string}
        onChange={(v) => set({ message: v })}
        names={staffNames}
        className="sm:col-span-3"
      />
    </div>
  );
}

export function CreateTaskFields({ step, path, set }: FieldsProps) {
  const { staffNames } = useBuilder();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <LiquidField
        path={`${path}.title`}
        label="Task"
        value={step.title as string}
        onChange={(v) => set({ title: v })}
        names={staffNames}
        hint={HINT}
        className="sm:col-span-2"
      />
      <LiquidField
        path={`${path}.description`}
        label="Details"
        rows={3}
        value={step.description as string}
        onChange={(v) => set({ description: v })}
        names={staffNames}
        className="sm:col-span-2"
      />
      <DurationInput path={`${path}.dueIn`} label="Due within" value={step.dueIn as string} onChange={(v) => set({ dueIn: v })} />
      <SelectInput
        path={`${path}.assignRole`}
        label="For"
        value={(step.assignRole as string) ?? 'admin'}
        onChange={(v) => set({ assignRole: v })}
        hint="Shown on the Tasks page; anyone on the team can mark it done."
      >
        <option value="owner">Owners</option>
        <option value="admin">Admins</option>
        <option value="budtender">Budtenders</option>
      </SelectInput>
    </div>
  );
}
