import type { ConsentStatus } from '@/domain/customer';
import type { DeliveryStatus } from '@/domain/integrations/delivery';
import { SEND_STATUS_LABEL, type SendStatus } from '@/domain/messaging/send';
import type { NotificationSeverity } from '@/domain/notification';
import type { OrderStatus } from '@/domain/order';
import type { PlaybookStatus } from '@/domain/playbooks/playbook';
import type { RunStatus, StepResult } from '@/domain/playbooks/run';
import { TASK_STATUS_LABEL, type TaskStatus } from '@/domain/task-rules';
import type { Tone } from './badge';

type Look = { label: string; tone: Tone };
const look = (label: string, tone: Tone): Look => ({ label, tone });

/**
 * Every status the dashboard shows, in plain words and one tone scale (see Tone in badge.tsx):
 * the same word and colour for the same state wherever it appears. A status added to a domain enum
 * fails the type check here until it is given its words.
 */
export const STATUS_VOCABULARY = {
  playbook: {
    draft: look('Draft', 'neutral'),
    active: look('Active', 'success'),
    paused: look('Paused', 'warning'),
  } satisfies Record<PlaybookStatus, Look>,
  run: {
    running: look('Running', 'info'),
    waiting: look('Waiting', 'info'),
    completed: look('Completed', 'success'),
    exited: look('Ended early', 'neutral'),
    failed: look('Failed', 'danger'),
  } satisfies Record<RunStatus, Look>,
  step: {
    done: look('Done', 'success'),
    waiting: look('Waiting', 'info'),
    skipped: look('Skipped', 'warning'),
    holdout: look('Held out', 'neutral'),
    failed: look('Failed', 'danger'),
  } satisfies Record<StepResult['status'], Look>,
  send: {
    queued: look(SEND_STATUS_LABEL.queued, 'info'),
    sending: look(SEND_STATUS_LABEL.sending, 'info'),
    deferred: look(SEND_STATUS_LABEL.deferred, 'warning'),
    sent: look(SEND_STATUS_LABEL.sent, 'success'),
    delivered: look(SEND_STATUS_LABEL.delivered, 'success'),
    opened: look(SEND_STATUS_LABEL.opened, 'success'),
    clicked: look(SEND_STATUS_LABEL.clicked, 'success'),
    bounced: look(SEND_STATUS_LABEL.bounced, 'danger'),
    failed: look(SEND_STATUS_LABEL.failed, 'danger'),
    skipped: look(SEND_STATUS_LABEL.skipped, 'neutral'),
    cancelled: look(SEND_STATUS_LABEL.cancelled, 'neutral'),
  } satisfies Record<SendStatus, Look>,
  delivery: {
    received: look('Received', 'info'),
    processing: look('Processing', 'info'),
    processed: look('Processed', 'success'),
    failed: look('Failed, will retry', 'warning'),
    dead_letter: look('Failed, no more retries', 'danger'),
    ignored: look('Ignored', 'neutral'),
  } satisfies Record<DeliveryStatus, Look>,
  task: {
    open: look(TASK_STATUS_LABEL.open, 'info'),
    done: look(TASK_STATUS_LABEL.done, 'success'),
    dismissed: look(TASK_STATUS_LABEL.dismissed, 'neutral'),
  } satisfies Record<TaskStatus, Look>,
  order: {
    pending: look('Pending', 'warning'),
    completed: look('Completed', 'success'),
    cancelled: look('Cancelled', 'neutral'),
    refunded: look('Refunded', 'warning'),
    partially_refunded: look('Partly refunded', 'warning'),
  } satisfies Record<OrderStatus, Look>,
  consent: {
    opted_in: look('Opted in', 'success'),
    opted_out: look('Opted out', 'danger'),
    unknown: look('Not asked', 'neutral'),
  } satisfies Record<ConsentStatus, Look>,
  account: {
    active: look('Active', 'success'),
    disabled: look('Disabled', 'danger'),
    revoked: look('Revoked', 'danger'),
  },
  notification: {
    info: look('Info', 'info'),
    warning: look('Warning', 'warning'),
    critical: look('Critical', 'danger'),
  } satisfies Record<NotificationSeverity, Look>,
};

export type StatusKind = keyof typeof STATUS_VOCABULARY;
export type StatusOf<K extends StatusKind> = keyof (typeof STATUS_VOCABULARY)[K] & string;

/** The words and tone for a status; one the vocabulary does not know (old data) reads as itself, neutral. */
export function statusLook<K extends StatusKind>(kind: K, status: StatusOf<K> | (string & {})): Look {
  const known = (STATUS_VOCABULARY[kind] as Record<string, Look>)[status];
  return known ?? look(status.replace(/_/g, ' '), 'neutral');
}
