// The tick tasks the trigger benchmark measures, and the concurrency each works at (its floor uses the same).
export { RESUME_CONCURRENCY } from '../src/server/services/playbooks/engine/resume-due-runs';
export { SEND_DISPATCH_CONCURRENCY as SEND_CONCURRENCY } from '../src/server/services/messaging/dispatch-due-sends';
export { RETRY_CONCURRENCY } from '../src/server/services/ingest/retry-deliveries';
export const RESUME_TASK = 'resume-playbook-runs';
export const DEFERRED_TASK = 'messaging.release-deferred';
export const RETRY_TASK = 'signals.retry-deliveries';
