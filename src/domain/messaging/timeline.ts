import type { ConsentEvent, InboundMessage } from './records';
import type { Send } from './send';

/** One entry in a customer's message history: a message we sent, a text they sent, a consent change. */
export type TimelineItem =
  { kind: 'send'; at: Date; send: Send } | { kind: 'inbound'; at: Date; inbound: InboundMessage } | { kind: 'consent'; at: Date; consent: ConsentEvent };
