/**
 * The Cloud Scheduler jobs BakedBot needs, declared once. `npm run scheduler:sync` makes the
 * project match this list; it never touches jobs whose names lack the prefix.
 */
export const JOB_PREFIX = 'bakedbot-';

export interface DeclaredJob {
  id: string;
  description: string;
  schedule: string;
  timeZone: string;
  path: string;
  /** How long Cloud Scheduler waits for the endpoint before counting the attempt failed. */
  attemptDeadlineSeconds: number;
}

export const DECLARED_JOBS: DeclaredJob[] = [
  {
    id: `${JOB_PREFIX}tick`,
    description: 'Every minute: resume due playbook runs, fire schedules, retry deliveries and sends, detect abandoned checkouts.',
    schedule: '* * * * *',
    timeZone: 'Etc/UTC',
    path: '/api/cron/tick',
    attemptDeadlineSeconds: 60,
  },
  {
    id: `${JOB_PREFIX}daily`,
    description: 'Once a day: segment scans, birthdays, point expiry.',
    schedule: '15 7 * * *',
    timeZone: 'Etc/UTC',
    path: '/api/cron/daily',
    attemptDeadlineSeconds: 900,
  },
];

/** The job as Cloud Scheduler should hold it. */
export interface JobSpec {
  name: string;
  description: string;
  schedule: string;
  timeZone: string;
  uri: string;
  serviceAccountEmail: string;
  audience: string;
  attemptDeadlineSeconds: number;
}

export interface SchedulerTarget {
  projectId: string;
  location: string;
  baseUrl: string;
  serviceAccountEmail: string;
  audience: string;
}

export function specsFor(target: SchedulerTarget, jobs: DeclaredJob[] = DECLARED_JOBS): JobSpec[] {
  const base = target.baseUrl.replace(/\/$/, '');
  return jobs.map((j) => ({
    name: `projects/${target.projectId}/locations/${target.location}/jobs/${j.id}`,
    description: j.description,
    schedule: j.schedule,
    timeZone: j.timeZone,
    uri: `${base}${j.path}`,
    serviceAccountEmail: target.serviceAccountEmail,
    audience: target.audience,
    attemptDeadlineSeconds: j.attemptDeadlineSeconds,
  }));
}

export type PlanItem =
  | { action: 'create'; spec: JobSpec }
  | { action: 'update'; spec: JobSpec; changes: Array<{ field: keyof JobSpec; from: unknown; to: unknown }> }
  | { action: 'unchanged'; spec: JobSpec }
  | { action: 'undeclared'; name: string };

const COMPARED: Array<keyof JobSpec> = ['description', 'schedule', 'timeZone', 'uri', 'serviceAccountEmail', 'audience', 'attemptDeadlineSeconds'];

/** What must change so the project holds exactly the declared jobs. Pure: the sync applies it. */
export function planSchedulerSync(wanted: JobSpec[], existing: JobSpec[]): PlanItem[] {
  const byName = new Map(existing.map((e) => [e.name, e]));
  const plan: PlanItem[] = wanted.map((spec) => {
    const current = byName.get(spec.name);
    if (!current) return { action: 'create', spec };
    const changes = COMPARED.filter((f) => current[f] !== spec[f]).map((field) => ({ field, from: current[field], to: spec[field] }));
    return changes.length ? { action: 'update', spec, changes } : { action: 'unchanged', spec };
  });
  const wantedNames = new Set(wanted.map((w) => w.name));
  for (const e of existing) {
    const id = e.name.split('/').pop() ?? '';
    if (id.startsWith(JOB_PREFIX) && !wantedNames.has(e.name)) plan.push({ action: 'undeclared', name: e.name });
  }
  return plan;
}
