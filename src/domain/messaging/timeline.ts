import type { SendView } from '../views/send-view';
import type { ConsentEvent, InboundMessage } from './records';

/** One entry in a customer's message history: a message we sent, a text they sent, a consent change. */
export type TimelineItem =
  { kind: 'send'; at: Date; send: SendView } | { kind: 'inbound'; at: Date; inbound: InboundMessage } | { kind: 'consent'; at: Date; consent: ConsentEvent };
