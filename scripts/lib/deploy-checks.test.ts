import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIndexesCoverShapes, checkServiceDefinition } from './deploy-checks';
import { sha256File, staleness, type IntegrationRecord } from './integration-record';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVICE = readFileSync(path.join(ROOT, 'deploy', 'cloud-run', 'service.yaml'), 'utf8');

describe('the Cloud Run service definition', () => {
  it('as committed, names every production setting and keeps processing after the response', () => {
    const check = checkServiceDefinition(SERVICE);
    expect(check.problems).toEqual([]);
    expect(check.secrets).toEqual({ MESSAGING_SIGNING_KEY: 'messaging-signing-key' });
  });

  it('names a variable the production start requires once it is removed', () => {
    const withoutAudience = SERVICE.replace(/\n\s+- name: CRON_OIDC_AUDIENCE\n\s+value: [^\n]+/, '');
    expect(withoutAudience).not.toBe(SERVICE);
    expect(checkServiceDefinition(withoutAudience).problems).toEqual([expect.stringMatching(/CRON_OIDC_AUDIENCE is not set/)]);
    const withoutSecret = SERVICE.replace(/\n\s+- name: MESSAGING_SIGNING_KEY\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: [^\n]+\n\s+key: [^\n]+/, '');
    expect(withoutSecret).not.toBe(SERVICE);
    expect(checkServiceDefinition(withoutSecret).problems).toEqual([expect.stringMatching(/MESSAGING_SIGNING_KEY is not set/)]);
  });

  it('refuses request-based billing, no warm instance, and an unexplained placeholder', () => {
    const throttled = SERVICE.replace(/(\n\s+run\.googleapis\.com\/cpu-throttling: )'false'/, "$1'true'").replace(
      /(\n\s+autoscaling\.knative\.dev\/minScale: )'1'/,
      "$1'0'",
    );
    expect(throttled).not.toBe(SERVICE);
    const problems = checkServiceDefinition(throttled).problems.join('\n');
    expect(problems).toMatch(/cpu-throttling must be 'false'/);
    expect(problems).toMatch(/minScale must be at least 1/);
    expect(checkServiceDefinition(SERVICE.replace('${DOMAIN}', '${APP_DOMAIN}')).problems.join('\n')).toMatch(/placeholder \$\{APP_DOMAIN\}/);
  });
});

describe('query shapes against declared indexes', () => {
  const shape = {
    collectionGroup: 'webhook_deliveries',
    scope: 'COLLECTION' as const,
    filters: [{ field: 'status', op: 'EQUAL' }],
    orders: [{ field: 'receivedAt', direction: 'DESCENDING' as const }],
  };

  it('passes a shape whose composite index is declared and names the one that is not', () => {
    const declared = {
      indexes: [
        {
          collectionGroup: 'webhook_deliveries',
          queryScope: 'COLLECTION' as const,
          fields: [
            { fieldPath: 'status', order: 'ASCENDING' as const },
            { fieldPath: 'receivedAt', order: 'DESCENDING' as const },
          ],
        },
      ],
    };
    expect(checkIndexesCoverShapes([shape], declared)).toEqual([]);
    expect(checkIndexesCoverShapes([shape], { indexes: [] })).toEqual([expect.stringMatching(/"webhook_deliveries" needs an undeclared index: .*receivedAt/)]);
  });
});

describe('the integration record', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function project() {
    const root = mkdtempSync(path.join(tmpdir(), 'record-'));
    dirs.push(root);
    for (const d of ['src', 'tests/integration']) mkdirSync(path.join(root, d), { recursive: true });
    writeFileSync(path.join(root, 'firestore.rules'), 'rules_version = "2";');
    writeFileSync(path.join(root, 'firestore.indexes.json'), '{"indexes":[]}');
    writeFileSync(path.join(root, 'tests/integration/a.test.ts'), '');
    writeFileSync(path.join(root, 'src/x.ts'), '');
    const old = new Date(Date.now() - 60_000);
    for (const f of ['tests/integration/a.test.ts', 'src/x.ts']) utimesSync(path.join(root, f), old, old);
    const record: IntegrationRecord = {
      finishedAt: new Date().toISOString(),
      files: ['tests/integration/a.test.ts'],
      rulesSha256: sha256File(path.join(root, 'firestore.rules')),
      indexesSha256: sha256File(path.join(root, 'firestore.indexes.json')),
      shapes: [],
    };
    return { root, record };
  }

  it('stands for the code only while the rules, indexes, test files and sources are those it ran against', () => {
    const { root, record } = project();
    expect(staleness(record, root)).toBeUndefined();
    expect(staleness(undefined, root)).toMatch(/has not passed in full/);
    writeFileSync(path.join(root, 'tests/integration/b.test.ts'), '');
    expect(staleness(record, root)).toMatch(/did not run tests\/integration\/b\.test\.ts/);
    rmSync(path.join(root, 'tests/integration/b.test.ts'));
    writeFileSync(path.join(root, 'src/x.ts'), 'changed');
    expect(staleness(record, root)).toMatch(/files under src\/ changed since/);
    writeFileSync(path.join(root, 'firestore.indexes.json'), '{"indexes":[],"fieldOverrides":[]}');
    expect(staleness(record, root)).toMatch(/firestore\.indexes\.json changed/);
  });
});
