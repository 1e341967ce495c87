// The environment of every process the local stack starts (Next, firebase-tools, next build) and of
// the orchestrator itself: no process on a developer's machine may look for the cloud metadata
// server. METADATA_SERVER_DETECTION=none is what google-auth-library and gcp-metadata (every copy
// in node_modules) honour; the guard, preloaded through NODE_OPTIONS into Node children, refuses
// and records any connection that gets past it (see metadata-guard.mjs).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const METADATA_GUARD = path.join(import.meta.dirname, 'metadata-guard.mjs');

/** NODE_OPTIONS plus the guard's --import, once; quoted so a path with spaces survives. */
export function withMetadataGuard(nodeOptions: string | undefined): string {
  const current = nodeOptions?.trim() ?? '';
  if (current.includes(METADATA_GUARD)) return current;
  return `${current} --import=${JSON.stringify(METADATA_GUARD)}`.trim();
}

export function localProcessEnv(base: Readonly<Record<string, string | undefined>> = process.env): NodeJS.ProcessEnv {
  return { ...base, METADATA_SERVER_DETECTION: 'none', NODE_OPTIONS: withMetadataGuard(base.NODE_OPTIONS) } as unknown as NodeJS.ProcessEnv;
}

/** For the orchestrator's own process, which seeds through firebase-admin before any child starts. */
export async function guardThisProcess(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.NODE_OPTIONS = withMetadataGuard(process.env.NODE_OPTIONS);
  await import(pathToFileURL(METADATA_GUARD).href);
}
