import { planSchedulerSync, specsFor, type JobSpec, type PlanItem, type SchedulerTarget } from './scheduler-jobs';

/** What the sync needs from Cloud Scheduler; the Google adapter implements it. */
export interface SchedulerJobsPort {
  listJobs(parent: string): Promise<JobSpec[]>;
  createJob(parent: string, spec: JobSpec): Promise<void>;
  updateJob(spec: JobSpec, fields: Array<keyof JobSpec>): Promise<void>;
}

/** Brings Cloud Scheduler in line with the declared jobs; with dryRun, only says what it would do. */
export async function syncSchedulerJobs(port: SchedulerJobsPort, target: SchedulerTarget, opts: { dryRun: boolean }): Promise<PlanItem[]> {
  const parent = `projects/${target.projectId}/locations/${target.location}`;
  const plan = planSchedulerSync(specsFor(target), await port.listJobs(parent));
  if (opts.dryRun) return plan;
  for (const item of plan) {
    if (item.action === 'create') await port.createJob(parent, item.spec);
    if (item.action === 'update')
      await port.updateJob(
        item.spec,
        item.changes.map((c) => c.field),
      );
  }
  return plan;
}

export function describePlan(plan: PlanItem[]): string[] {
  return plan.map((p) => {
    if (p.action === 'create') return `create    ${p.spec.name}  "${p.spec.schedule}" ${p.spec.timeZone} -> POST ${p.spec.uri}`;
    if (p.action === 'update')
      return `update    ${p.spec.name}  ${p.changes.map((c) => `${c.field}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`).join('; ')}`;
    if (p.action === 'unchanged') return `unchanged ${p.spec.name}`;
    return `left alone ${p.name} (not declared; delete it by hand if it is obsolete)`;
  });
}
