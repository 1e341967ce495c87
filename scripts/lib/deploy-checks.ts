// The offline checks behind `npm run deploy:check`, as pure functions over file contents.
import { parse } from 'yaml';
import { missingIndex, describeRequirement, type IndexesFile, type QueryShape } from '../../src/server/db/index-requirements';
import { checkProductionConfig } from '../../src/server/production-config';
import { DECLARED_JOBS } from '../../src/server/services/cron/scheduler-jobs';

/** Stand-ins for the template's ${...} placeholders: shaped like real values, so the checks judge the file, not the blanks. */
export const SAMPLE_PLACEHOLDERS: Record<string, string> = {
  PROJECT_ID: 'bakedbot-prod',
  REGION: 'us-central1',
  DOMAIN: 'app.bakedbot.example',
  IMAGE: 'us-central1-docker.pkg.dev/bakedbot-prod/bakedbot/app:check',
  FIREBASE_WEB_API_KEY: 'AIza-sample-web-api-key',
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name?: string; key?: string } };
}

interface ServiceDoc {
  kind?: string;
  spec?: {
    template?: {
      metadata?: { annotations?: Record<string, string> };
      spec?: { serviceAccountName?: string; timeoutSeconds?: number; containers?: Array<{ env?: EnvVar[] }> };
    };
  };
}

export interface ServiceCheck {
  problems: string[];
  /** Environment names the service sets, and the Secret Manager secrets it mounts (by variable). */
  env: string[];
  secrets: Record<string, string>;
}

export function fillPlaceholders(text: string, values: Record<string, string>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const filled = text.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => {
    if (name in values) return values[name]!;
    unknown.add(name);
    return `\${${name}}`;
  });
  return { text: filled, unknown: [...unknown] };
}

/**
 * The Cloud Run service definition against what production requires: every variable
 * checkProductionConfig asks for is set (a mounted secret counts, with a stand-in value), CPU
 * stays allocated after the response with one warm instance (webhooks are processed in after()),
 * a runtime service account is named, and the request timeout covers the longest cron job.
 */
export function checkServiceDefinition(yamlText: string, file = 'deploy/cloud-run/service.yaml'): ServiceCheck {
  const problems: string[] = [];
  const { text, unknown } = fillPlaceholders(yamlText, SAMPLE_PLACEHOLDERS);
  for (const name of unknown)
    problems.push(`${file}: placeholder \${${name}} is not one docs/deploy.md explains (${Object.keys(SAMPLE_PLACEHOLDERS).join(', ')}).`);
  const doc = parse(text) as ServiceDoc;
  const template = doc?.spec?.template;
  const container = template?.spec?.containers?.[0];
  if (doc?.kind !== 'Service' || !container) return { problems: [...problems, `${file}: not a Cloud Run Service with a container.`], env: [], secrets: {} };

  const env: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const v of container.env ?? []) {
    const secret = v.valueFrom?.secretKeyRef?.name;
    if (secret) {
      secrets[v.name] = secret;
      // A mounted secret's value is not in the file; a long random stand-in passes the length checks.
      env[v.name] = `secret-stand-in-${'x'.repeat(48)}`;
    } else env[v.name] = String(v.value ?? '');
  }
  for (const p of checkProductionConfig(env as unknown as NodeJS.ProcessEnv)) problems.push(`${file}: ${p}`);
  if (env.NODE_ENV !== 'production') problems.push(`${file}: NODE_ENV must be production (it is ${env.NODE_ENV ?? 'unset'}).`);
  if (!env.FIREBASE_PROJECT_ID) problems.push(`${file}: FIREBASE_PROJECT_ID is not set: the app would use the demo project.`);

  const annotations = template?.metadata?.annotations ?? {};
  if (annotations['run.googleapis.com/cpu-throttling'] !== 'false')
    problems.push(
      `${file}: run.googleapis.com/cpu-throttling must be 'false' (instance-based billing): webhooks are processed after the response, and with request-based billing the CPU is throttled once it is sent.`,
    );
  if (!(Number(annotations['autoscaling.knative.dev/minScale']) >= 1))
    problems.push(`${file}: autoscaling.knative.dev/minScale must be at least 1, so a lone delivery and the cron tick land on a warm instance.`);
  if (!template?.spec?.serviceAccountName) problems.push(`${file}: serviceAccountName is not set: the service would run as the default compute account.`);
  const longestJob = Math.max(...DECLARED_JOBS.map((j) => j.attemptDeadlineSeconds));
  if (!((template?.spec?.timeoutSeconds ?? 300) >= longestJob))
    problems.push(`${file}: timeoutSeconds is below ${longestJob}, the attempt deadline of the longest Cloud Scheduler job.`);
  return { problems, env: Object.keys(env).sort(), secrets };
}

/** Every query shape the integration suite ran against the declared indexes: the index each needs must be declared. */
export function checkIndexesCoverShapes(shapes: QueryShape[], indexes: IndexesFile): string[] {
  const problems: string[] = [];
  for (const shape of shapes) {
    const missing = missingIndex(shape, indexes);
    if (missing && missing.kind !== 'none') problems.push(`a query on "${shape.collectionGroup}" needs an undeclared index: ${describeRequirement(missing)}`);
  }
  return problems;
}
