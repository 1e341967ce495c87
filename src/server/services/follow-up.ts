/**
 * Work a use-case leaves for after its caller has answered (processing an acknowledged delivery).
 * Services only return it: the HTTP wrapper schedules it with after(), a script simply awaits it.
 */
export interface FollowUp {
  name: string;
  run: () => Promise<unknown>;
}
