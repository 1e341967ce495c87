import type { PlaybookStatus } from '@/domain/playbooks/playbook';
import type { RunStatus } from '@/domain/playbooks/run';

type Tone = 'slate' | 'green' | 'amber' | 'red' | 'blue';

export const STATUS_TONE: Record<PlaybookStatus, Tone> = { draft: 'slate', active: 'green', paused: 'amber' };

export const RUN_TONE: Record<RunStatus, Tone> = { running: 'blue', waiting: 'amber', completed: 'green', exited: 'slate', failed: 'red' };

export const STEP_TONE: Record<string, Tone> = { done: 'green', skipped: 'amber', failed: 'red', waiting: 'blue', holdout: 'slate' };
