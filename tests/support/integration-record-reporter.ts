// Writes .stack/integration-record.json when the whole integration suite has passed: the rules and
// indexes it ran against and the query shapes its index guard saw (scripts/lib/integration-record.ts).
// npm run deploy:check reads it instead of running the suite again. A partial or failed run writes nothing.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { RECORD_FILE, ROOT, integrationTestFiles, readUsage, sha256File, usageDirFor, type IntegrationRecord } from '../../scripts/lib/integration-record';

export default class IntegrationRecordReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: 'passed' | 'interrupted' | 'failed') {
    const usageDir = usageDirFor(process.pid);
    try {
      const ran = testModules.filter((m) => m.project.name === 'integration');
      if (!ran.length || reason !== 'passed' || unhandledErrors.length || ran.some((m) => m.state() !== 'passed')) return;
      const files = ran.map((m) => path.relative(ROOT, m.moduleId)).sort();
      if (integrationTestFiles().some((f) => !files.includes(f))) return;
      const record: IntegrationRecord = {
        finishedAt: new Date().toISOString(),
        files,
        rulesSha256: sha256File(path.join(ROOT, 'firestore.rules')),
        indexesSha256: sha256File(path.join(ROOT, 'firestore.indexes.json')),
        shapes: readUsage(usageDir),
      };
      mkdirSync(path.dirname(RECORD_FILE), { recursive: true });
      writeFileSync(RECORD_FILE, `${JSON.stringify(record, null, 2)}\n`);
    } finally {
      rmSync(usageDir, { recursive: true, force: true });
    }
  }
}
