import type { PlaybookRun, StepResult } from '../playbooks/run';
import { COUNTER_CUSTOMER_FIELDS } from './customer-view';
import { pickFields, seesRevenue, type Viewer } from './viewer';

const COUNTER_RUN_FIELDS = [
  'id',
  'playbookId',
  'playbookName',
  'version',
  'trigger',
  'keyKind',
  'runKey',
  'customerId',
  'status',
  'cursor',
  'resumeAt',
  'waitingFor',
  'exitEvents',
  'attempts',
  'failures',
  'error',
  'exitedBy',
  'pendingExit',
  'dryRun',
  'startedAt',
  'updatedAt',
  'finishedAt',
] as const satisfies ReadonlyArray<keyof PlaybookRun>;

/**
 * Steps whose detail line is made only of the definition, ids, counts and the gate's reasons.
 * The others (Claude's reasons, Craig's copy, a step added later) may quote the data, so a
 * budtender sees their status but not their detail.
 */
const DETAIL_SHOWN_TO_ALL = new Set([
  'condition',
  'wait',
  'wait_for_event',
  'ab_split',
  'notify_staff',
  'create_task',
  'staff_report',
  'recommend_products',
  'webhook',
  'add_tag',
  'remove_tag',
  'send_email',
  'send_sms',
]);

export type RunView = Pick<PlaybookRun, (typeof COUNTER_RUN_FIELDS)[number] | 'context' | 'stepResults'> & Partial<PlaybookRun>;

function counterStep(r: StepResult): StepResult {
  return DETAIL_SHOWN_TO_ALL.has(r.action) ? r : { ...r, detail: '', skipReason: null };
}

/**
 * A run as a budtender sees it: where it is and what it did, without the event's data (order
 * amounts), the customer's revenue, or the values steps computed (composed copy, A/B arms).
 */
export function runViewFor(viewer: Viewer, run: PlaybookRun): RunView {
  if (seesRevenue(viewer)) return run;
  const { event, customer } = run.context;
  return {
    ...pickFields(run, COUNTER_RUN_FIELDS),
    context: {
      event: event ? pickFields(event, ['id', 'name', 'occurredAt', 'source']) : null,
      customer: customer ? pickFields(customer, COUNTER_CUSTOMER_FIELDS as readonly string[]) : null,
      vars: {},
    },
    stepResults: run.stepResults.map(counterStep),
  };
}
