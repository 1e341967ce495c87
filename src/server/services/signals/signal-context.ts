import type { EventSource } from '@/domain/events/event-data';
import { KeyedMutex } from '../../concurrency/keyed-mutex';
import type { ServiceContext } from '../../context';

/** What every effect knows about the signal it applies. */
export interface SignalContext extends ServiceContext {
  source: EventSource;
  receivedAt: Date;
  deliveryId: string | null;
}

/** One instance's work on the same customer, order or product runs one at a time (see KeyedMutex). */
export const signalLocks = new KeyedMutex();

/** The signal refers to something not known yet (a refund before its order): retry later. */
export class NotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotReadyError';
  }
}
