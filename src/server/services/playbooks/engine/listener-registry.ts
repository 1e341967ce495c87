import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { REGISTRY_STATE_DOC, type PlaybookListener } from '@/domain/playbooks/registry';
import { tenantDb } from '../../../db/tenant-db';

/** What an event can mean to a dispensary's playbooks, from its listener registry. */
export interface RegistryView {
  /** The active listeners for an event name. */
  listeners(eventName: string): PlaybookListener[];
  /** Whether the event may end runs in flight (an exit rule names it); always true without a state document. */
  mayExit(eventName: string): boolean;
  /** Whether runs may be waiting for it (a wait_for_event names it); always true without a state document. */
  mayWake(eventName: string): boolean;
}

/**
 * How long an instance trusts its copy before checking the registry's version again. A change
 * made through this instance (activate, pause, edit, delete) is seen at once (forgetRegistry);
 * one made through another instance within this long.
 */
export const REGISTRY_RECHECK_MS = 1_000;
const MAX_TENANTS = 5_000;

interface Entry {
  version: number | null;
  view: RegistryView;
  checkedAt: number;
}
const cache = new Map<string, Entry>();
const loading = new Map<string, { generation: number; promise: Promise<RegistryView> }>();
const generations = new Map<string, number>();

/**
 * The dispensary's registry, cached per instance: one small read (the version) a second at most
 * while it is unchanged, and a query of the active listeners when it changed. Concurrent callers
 * share one read.
 */
export function listenerRegistry(orgId: string): Promise<RegistryView> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.checkedAt < REGISTRY_RECHECK_MS) return Promise.resolve(hit.view);
  const generation = generations.get(orgId) ?? 0;
  const pending = loading.get(orgId);
  if (pending && pending.generation === generation) return pending.promise;
  const promise = load(orgId, hit, generation).finally(() => {
    if (loading.get(orgId)?.promise === promise) loading.delete(orgId);
  });
  loading.set(orgId, { generation, promise });
  return promise;
}

async function load(orgId: string, hit: Entry | undefined, generation: number): Promise<RegistryView> {
  const tdb = tenantDb(orgId);
  const checkedAt = Date.now();
  const state = await tdb.registryState.get(REGISTRY_STATE_DOC);
  const version = state?.version ?? null;
  if (hit && version !== null && hit.version === version) {
    if ((generations.get(orgId) ?? 0) === generation) hit.checkedAt = checkedAt;
    return hit.view;
  }
  const active = (await tdb.listeners.ref.where('active', '==', true).get()).docs.map((d) => d.data());
  const byName = new Map<string, PlaybookListener[]>();
  for (const l of active) byName.set(l.eventName, [...(byName.get(l.eventName) ?? []), l]);
  const exits = state ? new Set(state.exitEvents) : null;
  const awaited = state ? new Set(state.awaitedEvents) : null;
  const view: RegistryView = {
    listeners: (name) => byName.get(name) ?? [],
    mayExit: (name) => !exits || exits.has(name),
    mayWake: (name) => !awaited || awaited.has(name),
  };
  // A change made through this instance while this read was under way must not be overwritten by it.
  if ((generations.get(orgId) ?? 0) === generation) {
    if (cache.size >= MAX_TENANTS) cache.clear();
    cache.set(orgId, { version, view, checkedAt });
  }
  return view;
}

/** Called after a registry write commits through this instance: the next event reads it afresh. */
export function forgetRegistry(orgId: string): void {
  generations.set(orgId, (generations.get(orgId) ?? 0) + 1);
  cache.delete(orgId);
  loading.delete(orgId);
}

/** A restart loses every cached registry; tests simulate one with this. */
export function forgetCachedRegistries(): void {
  for (const orgId of [...cache.keys(), ...loading.keys()]) forgetRegistry(orgId);
}

/** Whether dispatching the event can do anything: start a run, end one, or wake one. */
export function needsDispatch(registry: RegistryView, event: Pick<CanonicalEvent, 'name' | 'customerId' | 'keys'>): boolean {
  if (registry.listeners(event.name).length) return true;
  if (event.customerId && registry.mayExit(event.name)) return true;
  return Object.values(event.keys).some(Boolean) && registry.mayWake(event.name);
}
