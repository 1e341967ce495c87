// npm run scheduler:sync [-- --dry-run] [-- --json]: make Cloud Scheduler hold exactly the declared cron jobs.
import { parseArgs } from 'node:util';
import { PassThroughClient } from 'google-auth-library';
import { CloudSchedulerAdapter } from '../src/server/integrations/google/cloud-scheduler';
import { DECLARED_JOBS } from '../src/server/services/cron/scheduler-jobs';
import { describePlan, syncSchedulerJobs } from '../src/server/services/cron/sync-scheduler-jobs';

const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    endpoint: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(`npm run scheduler:sync [-- --dry-run] [-- --json]

Creates or updates the Cloud Scheduler jobs that call BakedBot's cron endpoints with an OIDC
token, from the list in src/server/services/cron/scheduler-jobs.ts:
${DECLARED_JOBS.map((j) => `  ${j.id.padEnd(16)} ${j.schedule.padEnd(12)} ${j.timeZone.padEnd(8)} POST ${j.path}`).join('\n')}

Environment:
  GOOGLE_CLOUD_PROJECT (or FIREBASE_PROJECT_ID)  the project
  SCHEDULER_LOCATION     region of the jobs (default us-central1)
  APP_BASE_URL           public URL of the deployed app
  CRON_SERVICE_ACCOUNT   the service account Cloud Scheduler signs OIDC tokens as
  CRON_OIDC_AUDIENCE     the audience (default APP_BASE_URL); the app checks the same value
Credentials: Application Default Credentials (gcloud auth application-default login).

  --dry-run   print the plan, change nothing
  --json      print the plan as JSON
  --endpoint  http://host:port of a Cloud Scheduler REST stand-in (local testing only)
`);
  process.exit(0);
}

function required(name: string, value: string | undefined): string {
  if (!value) {
    process.stderr.write(`Missing ${name}; see npm run scheduler:sync -- --help\n`);
    process.exit(2);
  }
  return value;
}

async function main() {
  const env = process.env;
  const baseUrl = required('APP_BASE_URL', env.APP_BASE_URL);
  const target = {
    projectId: required('GOOGLE_CLOUD_PROJECT', env.GOOGLE_CLOUD_PROJECT ?? env.FIREBASE_PROJECT_ID),
    location: env.SCHEDULER_LOCATION ?? 'us-central1',
    baseUrl,
    serviceAccountEmail: required('CRON_SERVICE_ACCOUNT', env.CRON_SERVICE_ACCOUNT),
    audience: env.CRON_OIDC_AUDIENCE ?? baseUrl,
  };
  let adapter: CloudSchedulerAdapter;
  if (values.endpoint) {
    const url = new URL(values.endpoint);
    adapter = new CloudSchedulerAdapter({
      fallback: true,
      apiEndpoint: url.hostname,
      port: Number(url.port),
      protocol: url.protocol.replace(':', ''),
      authClient: new PassThroughClient(),
    } as never);
  } else {
    adapter = new CloudSchedulerAdapter();
  }
  const plan = await syncSchedulerJobs(adapter, target, { dryRun: values['dry-run'] });
  if (values.json) process.stdout.write(`${JSON.stringify({ dryRun: values['dry-run'], target, plan }, null, 2)}\n`);
  else {
    process.stdout.write(`${values['dry-run'] ? 'Plan (dry run, nothing changed)' : 'Applied'} for ${target.projectId}/${target.location}:\n`);
    for (const line of describePlan(plan)) process.stdout.write(`  ${line}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`scheduler:sync failed: ${(err as Error).message}\n`);
  process.exit(1);
});
