// Child-process plumbing shared by the dev stack, the integration-test setup and the e2e stack.
// Children run in their own process group so that a terminal Ctrl-C reaches only the
// orchestrator, which then stops each child once and in order (an emulator that receives
// two SIGINTs skips its export).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface Running {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export function startProcess(name: string, command: string, args: string[], opts: SpawnOptions & { logFile?: string; inheritOutput?: boolean } = {}): Running {
  const { logFile, inheritOutput, ...spawnOpts } = opts;
  const child = spawn(command, args, {
    ...spawnOpts,
    detached: true,
    stdio: inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  if (!inheritOutput && logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  } else if (!inheritOutput) {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000) => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      signalGroup(child.pid, signal);
      const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
      if (timedOut) signalGroup(child.pid, 'SIGKILL');
      await exited;
    })();
    return stopping;
  };
  return { name, child, exited, stop };
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

export async function waitForHttp(url: string, timeoutMs: number, isUp?: (res: Response) => boolean) {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (!isUp || isUp(res)) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${url} (${lastError})`);
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export class PortInUseError extends Error {}

export async function assertPortsFree(ports: Array<{ port: number; what: string; env: string }>, host = '127.0.0.1') {
  const taken: string[] = [];
  for (const p of ports) {
    if (!(await isPortFree(p.port, host))) {
      taken.push(`  - port ${p.port} (${p.what}) is already in use; stop what holds it or choose another with ${p.env}=<port>`);
    }
  }
  if (taken.length) throw new PortInUseError(`Cannot start the local stack:\n${taken.join('\n')}`);
}
