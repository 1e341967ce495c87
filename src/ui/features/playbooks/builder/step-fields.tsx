'use client';
import type { Step } from '@/domain/playbooks/step-registry';
import { AbSplitFields } from './ab-split-fields';
import { AiComposeFields, AiConditionFields } from './ai-step-fields';
import { useBuilder } from './builder-context';
import { ConditionInput } from './condition-input';
import { NumberInput, SelectInput, TextInput } from './controls';
import { GenericStepFields } from './generic-step-fields';
import { AwardPointsFields, IssueCouponFields } from './loyalty-step-fields';
import { MessageStepFields } from './message-step-fields';
import { CreateTaskFields, NotifyStaffFields } from './staff-step-fields';
import { WaitFields, WaitForEventFields } from './wait-fields';

export interface FieldsProps {
  step: Step;
  path: string;
  depth: number;
  set: (patch: Record<string, unknown>) => void;
}

/** The labelled controls for one step, by its type; unknown (newer) types get a JSON editor. */
export function StepFields(props: FieldsProps) {
  const { conditionNames } = useBuilder();
  const { step, path, set } = props;
  switch (step.action) {
    case 'send_email':
    case 'send_sms':
      return <MessageStepFields {...props} />;
    case 'notify_staff':
      return <NotifyStaffFields {...props} />;
    case 'create_task':
      return <CreateTaskFields {...props} />;
    case 'add_tag':
    case 'remove_tag':
      return (
        <TextInput
          path={`${path}.tag`}
          label={step.action === 'add_tag' ? 'Tag to add' : 'Tag to remove'}
          value={step.tag as string}
          onChange={(v) => set({ tag: v })}
          hint="Letters, digits, spaces, _ and -"
          maxLength={40}
        />
      );
    case 'wait':
      return <WaitFields {...props} />;
    case 'wait_for_event':
      return <WaitForEventFields {...props} />;
    case 'condition':
      return (
        <ConditionInput
          path={`${path}.if`}
          label="If this is true"
          value={(step.if as string) ?? ''}
          onChange={(v) => set({ if: v })}
          names={conditionNames}
          hint="Checked when the run reaches this step, with the customer's profile as it is then."
        />
      );
    case 'ab_split':
      return <AbSplitFields {...props} />;
    case 'ai_compose':
      return <AiComposeFields {...props} />;
    case 'ai_condition':
      return <AiConditionFields {...props} />;
    case 'webhook':
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextInput
            path={`${path}.url`}
            label="URL"
            type="url"
            value={step.url as string}
            onChange={(v) => set({ url: v })}
            hint="Public https endpoints only. Signed with the Standard Webhooks scheme; the secret is under Settings → Playbook webhooks."
            className="sm:col-span-2"
          />
          <TextInput path={`${path}.eventType`} label="Event type" value={step.eventType as string} onChange={(v) => set({ eventType: v })} />
        </div>
      );
    case 'staff_report':
      return (
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectInput path={`${path}.report`} label="Report" value={(step.report as string) ?? 'top_sellers'} onChange={(v) => set({ report: v })}>
            <option value="top_sellers">Top sellers</option>
          </SelectInput>
          <NumberInput
            path={`${path}.periodDays`}
            label="Over the last (days)"
            min={1}
            max={90}
            value={step.periodDays as number | undefined}
            onChange={(v) => set({ periodDays: v })}
          />
          <NumberInput
            path={`${path}.limit`}
            label="Products listed"
            min={3}
            max={25}
            value={step.limit as number | undefined}
            onChange={(v) => set({ limit: v })}
          />
        </div>
      );
    case 'recommend_products':
      return (
        <NumberInput
          path={`${path}.limit`}
          label="Products to suggest (1 to 6)"
          min={1}
          max={6}
          value={step.limit as number | undefined}
          onChange={(v) => set({ limit: v })}
        />
      );
    case 'pops_weekly_report':
      return (
        <SelectInput path={`${path}.recipients`} label="Email it to" value={(step.recipients as string) ?? 'owners'} onChange={(v) => set({ recipients: v })}>
          <option value="owners">The owners</option>
          <option value="owners_admins">The owners and admins</option>
        </SelectInput>
      );
    case 'award_points':
      return <AwardPointsFields {...props} />;
    case 'issue_coupon':
      return <IssueCouponFields {...props} />;
    default:
      return <GenericStepFields {...props} />;
  }
}
