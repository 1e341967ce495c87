import type { DeliveryStatus } from '@/domain/integrations/delivery';
import { Badge } from '@/ui/primitives/card';

const LOOK: Record<DeliveryStatus, { tone: 'slate' | 'green' | 'amber' | 'red' | 'blue'; label: string }> = {
  received: { tone: 'blue', label: 'Received' },
  processing: { tone: 'blue', label: 'Processing' },
  processed: { tone: 'green', label: 'Processed' },
  failed: { tone: 'amber', label: 'Failed, will retry' },
  dead_letter: { tone: 'red', label: 'Dead letter' },
  ignored: { tone: 'slate', label: 'Ignored' },
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const look = LOOK[status];
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
