// The admin CLI's command registry. A command group is one file under scripts/admin/ exporting
// a CommandGroup; list it in scripts/admin/groups.ts and it appears in `--help`.
import type { Clock } from '@/domain/clock';

export interface OptionSpec {
  description: string;
  type?: 'string' | 'boolean';
  required?: boolean;
}

export interface CommandContext {
  clock: Clock;
  /** The public base URL printed in webhook URLs. */
  baseUrl: string;
}

export interface Command {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Returns what is printed: as JSON with --json, else as readable lines. */
  run(options: Record<string, string | boolean | undefined>, ctx: CommandContext): Promise<unknown>;
}

export interface CommandGroup {
  name: string;
  summary: string;
  commands: Command[];
}

export class UsageError extends Error {}

export function need(options: Record<string, string | boolean | undefined>, name: string): string {
  const v = options[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} is required.`);
  return v.trim();
}

export function optional(options: Record<string, string | boolean | undefined>, name: string): string | undefined {
  const v = options[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

export function helpText(groups: CommandGroup[], only?: CommandGroup): string {
  const lines: string[] = [];
  if (!only) {
    lines.push('npm run admin -- <group> <command> [options] [--json]', '');
    lines.push('Talks to the emulator `npm run dev` uses (FIRESTORE_EMULATOR_HOST, default 127.0.0.1:8080; FIREBASE_AUTH_EMULATOR_HOST,');
    lines.push('default 127.0.0.1:9099; project demo-bakedbot), or with --production to the project in FIREBASE_PROJECT_ID using');
    lines.push('Application Default Credentials and Google Secret Manager.', '');
    lines.push('Global options: --json (machine-readable output), --production, --base-url <url> (for printed URLs), --help', '');
  }
  for (const g of only ? [only] : groups) {
    lines.push(`${g.name}: ${g.summary}`);
    for (const c of g.commands) {
      const opts = Object.entries(c.options).map(([k, o]) =>
        o.required ? `--${k}${o.type === 'boolean' ? '' : ' <v>'}` : `[--${k}${o.type === 'boolean' ? '' : ' <v>'}]`,
      );
      lines.push(`  ${g.name} ${c.name} ${opts.join(' ')}`.trimEnd());
      lines.push(`      ${c.summary}`);
      for (const [k, o] of Object.entries(c.options)) lines.push(`      --${k.padEnd(12)} ${o.description}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Readable output: objects as "key: value" lines, arrays of objects as one line each. */
export function human(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return `${indent}—`;
  if (value instanceof Date) return `${indent}${value.toISOString()}`;
  if (Array.isArray(value))
    return value.length
      ? value.map((v) => (typeof v === 'object' && v ? `${indent}- ${oneLine(v)}` : `${indent}- ${String(v)}`)).join('\n')
      : `${indent}(none)`;
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) =>
        v && typeof v === 'object' && !(v instanceof Date)
          ? `${indent}${k}:\n${human(v, `${indent}  `)}`
          : `${indent}${k}: ${v instanceof Date ? v.toISOString() : String(v)}`,
      )
      .join('\n');
  }
  return `${indent}${String(value)}`;
}

function oneLine(v: object): string {
  return Object.entries(v)
    .filter(([, x]) => x !== null && x !== undefined && typeof x !== 'object')
    .map(([k, x]) => `${k}=${String(x)}`)
    .join('  ');
}
