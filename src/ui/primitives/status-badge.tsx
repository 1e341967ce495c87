import { Badge } from './badge';
import { statusLook, type StatusKind, type StatusOf } from './status';

/**
 * A status in the dashboard's one vocabulary (status.ts): `<StatusBadge kind="run" status={run.status} />`.
 * `testId` lands on the word itself, so a test can read the status without the badge's chrome.
 */
export function StatusBadge<K extends StatusKind>({ kind, status, testId }: { kind: K; status: StatusOf<K> | (string & {}); testId?: string }) {
  const { label, tone } = statusLook(kind, status);
  return (
    <Badge tone={tone} data-status={status}>
      <span data-testid={testId}>{label}</span>
    </Badge>
  );
}
