import { SEND_STATUS_LABEL, type GateReason, type SendStatus } from '@/domain/messaging/send';
import { Badge } from '@/ui/primitives/card';

const TONE: Record<SendStatus, 'slate' | 'green' | 'amber' | 'red' | 'blue'> = {
  queued: 'blue',
  deferred: 'amber',
  sending: 'blue',
  sent: 'green',
  delivered: 'green',
  opened: 'green',
  clicked: 'green',
  bounced: 'red',
  failed: 'red',
  skipped: 'slate',
  cancelled: 'slate',
};

/** Shown instead of a text the server withheld from this role (src/domain/views/send-view.ts). */
export const WITHHELD_TEXT = 'Text shown to owners and admins: it quotes an order amount';

export const REASON_LABEL: Record<GateReason, string> = {
  ok: 'Passed all checks',
  opted_out: 'Opted out',
  not_opted_in: 'No SMS opt-in',
  no_address: 'No address',
  invalid_address: 'Invalid address',
  undeliverable: 'Email undeliverable',
  under_age: 'Under 21',
  age_unknown: 'Age not verified',
  frequency_cap: 'Frequency cap',
  quiet_hours: 'Quiet hours',
  content_blocked: 'Content rules',
};

export function SendStatusBadge({ status }: { status: SendStatus }) {
  return <Badge tone={TONE[status]}>{SEND_STATUS_LABEL[status]}</Badge>;
}
