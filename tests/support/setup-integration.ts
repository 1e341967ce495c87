import { inject } from 'vitest';

// Must run before anything reads config() or initialises firebase-admin.
process.env.FIRESTORE_EMULATOR_HOST = inject('firestoreHost');
process.env.FIREBASE_AUTH_EMULATOR_HOST = inject('authHost');
process.env.FIREBASE_PROJECT_ID = inject('projectId');
process.env.GCLOUD_PROJECT = inject('projectId');
process.env.METADATA_SERVER_DETECTION = 'none';
process.env.LOG_LEVEL ??= 'silent';

const { installIndexGuard } = await import('@/server/db/index-guard');
// Each worker records the query shapes it runs, for npm run deploy:check (tests/support/integration-record-reporter.ts).
installIndexGuard(undefined, { usageFile: `${inject('indexUsageDir')}/${process.pid}.jsonl` });
