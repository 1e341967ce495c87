import { CloudSchedulerClient } from '@google-cloud/scheduler';
import type { JobSpec } from '../../services/cron/scheduler-jobs';
import type { SchedulerJobsPort } from '../../services/cron/sync-scheduler-jobs';

type ClientOptions = ConstructorParameters<typeof CloudSchedulerClient>[0];

const FIELD_PATHS: Record<keyof JobSpec, string> = {
  name: 'name',
  description: 'description',
  schedule: 'schedule',
  timeZone: 'time_zone',
  uri: 'http_target.uri',
  serviceAccountEmail: 'http_target.oidc_token.service_account_email',
  audience: 'http_target.oidc_token.audience',
  attemptDeadlineSeconds: 'attempt_deadline',
};

/** Cloud Scheduler through the official client. Options let tests point it at a local server. */
export class CloudSchedulerAdapter implements SchedulerJobsPort {
  private readonly client: CloudSchedulerClient;

  constructor(options?: ClientOptions) {
    this.client = new CloudSchedulerClient(options);
  }

  async listJobs(parent: string): Promise<JobSpec[]> {
    const [jobs] = await this.client.listJobs({ parent });
    return jobs.map((j) => ({
      name: j.name ?? '',
      description: j.description ?? '',
      schedule: j.schedule ?? '',
      timeZone: j.timeZone ?? '',
      uri: j.httpTarget?.uri ?? '',
      serviceAccountEmail: j.httpTarget?.oidcToken?.serviceAccountEmail ?? '',
      audience: j.httpTarget?.oidcToken?.audience ?? '',
      attemptDeadlineSeconds: Number(j.attemptDeadline?.seconds ?? 0),
    }));
  }

  async createJob(parent: string, spec: JobSpec): Promise<void> {
    await this.client.createJob({ parent, job: toJob(spec) });
  }

  async updateJob(spec: JobSpec, fields: Array<keyof JobSpec>): Promise<void> {
    await this.client.updateJob({ job: toJob(spec), updateMask: { paths: fields.map((f) => FIELD_PATHS[f]) } });
  }
}

function toJob(spec: JobSpec) {
  return {
    name: spec.name,
    description: spec.description,
    schedule: spec.schedule,
    timeZone: spec.timeZone,
    attemptDeadline: { seconds: spec.attemptDeadlineSeconds },
    httpTarget: {
      uri: spec.uri,
      httpMethod: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{}'),
      oidcToken: { serviceAccountEmail: spec.serviceAccountEmail, audience: spec.audience },
    },
  };
}
