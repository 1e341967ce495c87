import type { GateDecision, RenderedMessage } from './send';

/** What previewSend answers: the gate's decision now and the message as the customer would get it. */
export interface SendPreview {
  /** What the gate would decide right now, with its reason and (when deferred) the time it would go. */
  decision: GateDecision;
  /** The message exactly as the customer would get it. */
  message: RenderedMessage;
  links: string[];
  to: string | null;
  kind: 'marketing' | 'transactional';
  templateId: string | null;
  /** Variable groups the message uses, filled with sample values because the caller gave none. */
  sampled: string[];
  /** Says what was made up when anything was ("Example with made-up values: a $62.00 cart."); null when the message is real. */
  example: string | null;
}

/** A previewed message where a step reports it (the playbook dry run): the whole text, and whether any of it is made up. */
export interface PreviewedMessage {
  channel: 'email' | 'sms';
  to: string | null;
  message: Pick<RenderedMessage, 'subject' | 'html' | 'text' | 'segments' | 'headers'>;
  example: string | null;
}
