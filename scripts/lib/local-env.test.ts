import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localProcessEnv, METADATA_GUARD, withMetadataGuard } from './local-env';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs a script in a child started with the local stack's environment; returns its output and the guard's log. */
function runChild(script: string, extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'metadata-guard-'));
  dirs.push(dir);
  const log = path.join(dir, 'probes.log');
  const base = { ...process.env, METADATA_SERVER_DETECTION: undefined, NODE_OPTIONS: undefined, METADATA_PROBE_LOG: log, ...extraEnv };
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: localProcessEnv(base), encoding: 'utf8', timeout: 30_000 });
  return { stdout: res.stdout, stderr: res.stderr, status: res.status, log: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

describe('the local stack’s environment', () => {
  it('turns metadata-server detection off and preloads the guard once, keeping other NODE_OPTIONS', () => {
    const env = localProcessEnv({ NODE_OPTIONS: '--max-old-space-size=2048' });
    expect(env.METADATA_SERVER_DETECTION).toBe('none');
    expect(env.NODE_OPTIONS).toBe(`--max-old-space-size=2048 --import=${JSON.stringify(METADATA_GUARD)}`);
    expect(withMetadataGuard(env.NODE_OPTIONS)).toBe(env.NODE_OPTIONS);
  });

  it('keeps the real Google auth stack away from the metadata server: nothing is probed, nothing is logged', () => {
    const out = runChild(`
      import { createRequire } from 'node:module';
      const require = createRequire(process.cwd() + '/package.json');
      const gcpMetadata = require('gcp-metadata');
      const { GoogleAuth } = require('google-auth-library');
      console.log(JSON.stringify({ available: await gcpMetadata.isAvailable(), gce: await new GoogleAuth()._checkIsGCE() }));
    `);
    expect(out.stderr).not.toMatch(/MetadataLookupWarning/);
    expect(JSON.parse(out.stdout.trim())).toEqual({ available: false, gce: false });
    expect(out.log).toBe('');
  });

  it('refuses and records a connection to the metadata server that gets past METADATA_SERVER_DETECTION, and records a MetadataLookupWarning', () => {
    // 127.0.0.2 stands in for the metadata server: a guard that failed open would reach this
    // child's own listener (counted), never the real address.
    const out = runChild(
      `
      import net from 'node:net';
      import http from 'node:http';
      let reached = 0;
      const server = net.createServer((s) => { reached++; s.destroy(); }).listen(0, '127.0.0.2');
      await new Promise((r) => server.once('listening', r));
      const port = server.address().port;
      const viaNet = await new Promise((resolve) => {
        const s = net.connect(port, '127.0.0.2');
        s.on('connect', () => resolve('connected'));
        s.on('error', (e) => resolve(e.code));
      });
      const viaHttp = await new Promise((resolve) => {
        http.get('http://127.0.0.2:' + port + '/computeMetadata/v1/project/project-id', () => resolve('answered')).on('error', (e) => resolve(e.code));
      });
      const viaFetch = await fetch('http://127.0.0.2:' + port + '/').then(() => 'answered', (e) => e.cause?.code ?? e.message);
      process.emitWarning('received unexpected error', 'MetadataLookupWarning');
      await new Promise((r) => setImmediate(r));
      server.close();
      console.log(JSON.stringify({ viaNet, viaHttp, viaFetch, reached, hosts: globalThis.__bakedbotMetadataGuard.hosts }));
    `,
      { METADATA_GUARD_TEST_HOSTS: '127.0.0.2' },
    );
    const result = JSON.parse(out.stdout.trim());
    expect(result).toMatchObject({ viaNet: 'ECONNREFUSED', viaHttp: 'ECONNREFUSED', viaFetch: 'ECONNREFUSED', reached: 0 });
    expect(result.hosts).toEqual(expect.arrayContaining(['169.254.169.254', 'metadata.google.internal']));
    expect(out.log.match(/refused a connection to the metadata server \(127\.0\.0\.2\)/g)).toHaveLength(3);
    expect(out.log).toMatch(/MetadataLookupWarning: received unexpected error/);
    expect(out.stderr).toMatch(/bakedbot metadata guard/);
  });

  it('lets every other connection through', () => {
    const out = runChild(`
      import net from 'node:net';
      const server = net.createServer((s) => s.end('hi')).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const got = await new Promise((resolve, reject) => {
        const c = net.connect(server.address().port, '127.0.0.1');
        c.on('data', (d) => resolve(String(d)));
        c.on('error', reject);
      });
      server.close();
      console.log(got);
    `);
    expect(out.stdout.trim()).toBe('hi');
    expect(out.log).toBe('');
  });
});
