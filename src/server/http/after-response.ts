import { after } from 'next/server';
import { logger } from '../log';
import type { FollowUp } from '../services/follow-up';

const pending = new Set<Promise<void>>();

/**
 * Runs `task` after the response is sent. Inside a Next request it uses after(), which keeps
 * the instance alive until the task ends. Outside one (scripts, in-process tests) after() throws,
 * so the task runs in the background and is tracked until it settles: work is never dropped,
 * and drainAfterResponse() lets a test or a script wait for it.
 */
export function afterResponse(name: string, task: () => Promise<unknown>): void {
  const run = async () => {
    try {
      await task();
    } catch (err) {
      // Tasks record their own failures (a delivery is marked failed and retried); this is the last net.
      logger().error({ err, task: name }, 'background task failed');
    }
  };
  try {
    after(run);
    return;
  } catch {
    /* not inside a Next request scope */
  }
  const tracked: Promise<void> = Promise.resolve()
    .then(run)
    .finally(() => pending.delete(tracked));
  pending.add(tracked);
}

/**
 * Schedules the work a use-case handed back for after the answer (nothing when it handed back
 * none). Inside a Next request, work that can be queued is: the after() callback only hands it to
 * its queue and ends, so Next lets go of the request at once rather than when the work is done.
 */
export function scheduleFollowUp(followUp: FollowUp | null | undefined): void {
  if (!followUp) return;
  const { queue } = followUp;
  if (queue) {
    try {
      after(() => {
        try {
          queue();
        } catch (err) {
          logger().error({ err, task: followUp.name }, 'background task failed');
        }
      });
      return;
    } catch {
      /* not inside a Next request scope: run it tracked, below */
    }
  }
  afterResponse(followUp.name, followUp.run);
}

/** Resolves once every background task started outside a request scope has settled, including ones they start. */
export async function drainAfterResponse(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}
