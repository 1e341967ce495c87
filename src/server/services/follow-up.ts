/**
 * Work a use-case leaves for after its caller has answered (processing an acknowledged delivery).
 * Services only return it: the HTTP wrapper schedules it with after(), a script simply awaits it.
 */
export interface FollowUp {
  name: string;
  run: () => Promise<unknown>;
  /**
   * The same work handed to a queue of the instance's own, returning at once (what `run` awaits is
   * then not waited for). After a response the HTTP wrapper prefers it: a callback still running
   * keeps its request's context alive, and work that waits its turn in a burst should not.
   */
  queue?: () => void;
}
