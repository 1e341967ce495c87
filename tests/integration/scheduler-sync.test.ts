import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PassThroughClient } from 'google-auth-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudSchedulerAdapter } from '@/server/integrations/google/cloud-scheduler';
import { syncSchedulerJobs } from '@/server/services/cron/sync-scheduler-jobs';
import { startSchedulerFake, type SchedulerFake } from '../support/fakes/cloud-scheduler';

const target = {
  projectId: 'bakedbot-prod',
  location: 'us-central1',
  baseUrl: 'https://app.bakedbot.example',
  serviceAccountEmail: 'scheduler@bakedbot-prod.iam.gserviceaccount.com',
  audience: 'https://app.bakedbot.example',
};
const TICK = 'projects/bakedbot-prod/locations/us-central1/jobs/bakedbot-tick';
const DAILY = 'projects/bakedbot-prod/locations/us-central1/jobs/bakedbot-daily';

let fake: SchedulerFake;
let adapter: CloudSchedulerAdapter;

beforeEach(async () => {
  fake = await startSchedulerFake();
  adapter = new CloudSchedulerAdapter({
    fallback: true,
    apiEndpoint: '127.0.0.1',
    port: fake.port,
    protocol: 'http',
    authClient: new PassThroughClient(),
  } as never);
});
afterEach(() => fake.close());

const writes = () => fake.requests.filter((r) => r.method !== 'GET');

describe('scheduler:sync', () => {
  it('a dry run plans the jobs and changes nothing', async () => {
    const plan = await syncSchedulerJobs(adapter, target, { dryRun: true });
    expect(plan.map((p) => p.action)).toEqual(['create', 'create']);
    expect(writes()).toEqual([]);
    expect(fake.jobs.size).toBe(0);
  });

  it('creates each job with an OIDC token for the service account and audience, then has nothing to do', async () => {
    await syncSchedulerJobs(adapter, target, { dryRun: false });
    const tick = fake.jobs.get(TICK)!;
    expect(tick).toMatchObject({
      schedule: '* * * * *',
      timeZone: 'Etc/UTC',
      attemptDeadline: '60s',
      httpTarget: {
        uri: 'https://app.bakedbot.example/api/cron/tick',
        httpMethod: 1,
        oidcToken: { serviceAccountEmail: target.serviceAccountEmail, audience: target.audience },
      },
    });
    expect(fake.jobs.get(DAILY)).toMatchObject({ httpTarget: { uri: 'https://app.bakedbot.example/api/cron/daily' } });
    const before = writes().length;
    const again = await syncSchedulerJobs(adapter, target, { dryRun: false });
    expect(again.map((p) => p.action)).toEqual(['unchanged', 'unchanged']);
    expect(writes().length).toBe(before);
  });

  it('repairs drift with an update of exactly the changed fields, and leaves undeclared jobs alone', async () => {
    await syncSchedulerJobs(adapter, target, { dryRun: false });
    const tick = fake.jobs.get(TICK)!;
    tick.schedule = '*/5 * * * *';
    (tick.httpTarget as { oidcToken: { audience: string } }).oidcToken.audience = 'https://old.example';
    fake.jobs.set('projects/bakedbot-prod/locations/us-central1/jobs/bakedbot-legacy', {
      name: 'projects/bakedbot-prod/locations/us-central1/jobs/bakedbot-legacy',
      schedule: '0 0 * * *',
    });
    fake.jobs.set('projects/bakedbot-prod/locations/us-central1/jobs/someone-elses', {
      name: 'projects/bakedbot-prod/locations/us-central1/jobs/someone-elses',
      schedule: '0 0 * * *',
    });
    fake.requests.length = 0;

    const plan = await syncSchedulerJobs(adapter, target, { dryRun: false });
    const update = plan.find((p) => p.action === 'update');
    expect(update && update.action === 'update' && update.changes.map((c) => c.field).sort()).toEqual(['audience', 'schedule']);
    expect(plan.filter((p) => p.action === 'undeclared').map((p) => (p as { name: string }).name)).toEqual([
      'projects/bakedbot-prod/locations/us-central1/jobs/bakedbot-legacy',
    ]);
    expect(writes()).toHaveLength(1);
    expect(writes()[0]!.method).toBe('PATCH');
    expect(fake.jobs.get(TICK)).toMatchObject({ schedule: '* * * * *', httpTarget: { oidcToken: { audience: target.audience } } });
    expect(fake.jobs.has('projects/bakedbot-prod/locations/us-central1/jobs/bakedbot-legacy')).toBe(true);
  });

  it('the npm script prints the plan and honours --dry-run', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/scheduler-sync.ts', '--dry-run', '--json', '--endpoint', fake.url],
      {
        env: {
          ...process.env,
          GOOGLE_CLOUD_PROJECT: target.projectId,
          APP_BASE_URL: target.baseUrl,
          CRON_SERVICE_ACCOUNT: target.serviceAccountEmail,
          METADATA_SERVER_DETECTION: 'none',
        },
      },
    );
    const out = JSON.parse(stdout) as { dryRun: boolean; plan: Array<{ action: string; spec: { name: string } }> };
    expect(out.dryRun).toBe(true);
    expect(out.plan.map((p) => `${p.action} ${p.spec.name}`)).toEqual([`create ${TICK}`, `create ${DAILY}`]);
    expect(writes()).toEqual([]);
  });
});
