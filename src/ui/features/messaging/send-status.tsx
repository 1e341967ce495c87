import type { GateReason } from '@/domain/messaging/send';

// A send's status badge is the shared <StatusBadge kind="send"> (src/ui/primitives/status.ts).

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
