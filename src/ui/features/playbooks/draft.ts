import type { Playbook } from '@/domain/playbooks/playbook';
import type { Step } from '@/domain/playbooks/step-registry';
import type { Draft, Jsonify } from './types';

/** A short id unique enough within one playbook; the server keeps ids it is given. */
export function newStepId(action: string): string {
  const rand = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
  return `${action.replace(/_/g, '-').slice(0, 12)}-${rand}`;
}

/** What a freshly added step starts with: the fields it needs, so the form has something to show. */
export function newStep(action: string): Step {
  const id = newStepId(action);
  const defaults: Record<string, Record<string, unknown>> = {
    send_email: { template: '' },
    send_sms: { template: '' },
    notify_staff: { title: '', message: '', severity: 'info' },
    create_task: { title: '', description: '', dueIn: '1d', assignRole: 'admin' },
    add_tag: { tag: '' },
    remove_tag: { tag: '' },
    wait: { duration: '1d' },
    wait_for_event: { eventName: 'order.created', timeout: '1d', onEvent: [], onTimeout: [] },
    condition: { if: '', then: [], else: [] },
    ab_split: {
      variants: [
        { name: 'A', weight: 50, steps: [] },
        { name: 'B', weight: 50, steps: [] },
      ],
      holdoutPercent: 0,
    },
    ai_compose: { channel: 'email', brief: { goal: '' } },
    ai_condition: { question: '', whenUnavailable: 'else', timeoutMs: 5000, then: [], else: [] },
    webhook: { url: 'https://', eventType: 'playbook.step' },
    staff_report: { report: 'top_sellers', periodDays: 7, limit: 10 },
    award_points: { points: 100, reason: '' },
    issue_coupon: { rewardId: 'five-off', validDays: 30 },
    recommend_products: { limit: 3 },
    pops_weekly_report: { recipients: 'owners' },
  };
  return { action, id, ...(defaults[action] ?? {}) };
}

export function emptyDraft(): Draft {
  return {
    name: '',
    description: '',
    ownerAgent: 'craig',
    triggers: [{ type: 'event', eventName: 'order.created' }],
    entry: { reentry: 'never' },
    exit: { onEvents: [] },
    steps: [],
  };
}

export function draftOf(p: Pick<Jsonify<Playbook>, 'name' | 'description' | 'ownerAgent' | 'triggers' | 'entry' | 'exit' | 'steps'>): Draft {
  return {
    name: p.name,
    description: p.description,
    ownerAgent: p.ownerAgent,
    triggers: p.triggers,
    entry: p.entry,
    exit: { onEvents: p.exit.onEvents.map((e) => ({ ...e })) },
    steps: p.steps as Step[],
  };
}

/** Optional fields a cleared control leaves as "": sent as absent, so "" is never taken for a value. */
const OPTIONAL_TEXT = new Set([
  'template',
  'subject',
  'body',
  'filter',
  'kind',
  'label',
  'matchOn',
  'untilTime',
  'untilDate',
  'timeZone',
  'runKey',
  'audience',
  'tone',
  'offer',
]);

/** The draft as the API takes it. */
export function toDefinition(d: Draft): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(d, (k, v: unknown) => (OPTIONAL_TEXT.has(k) && (v === '' || (typeof v === 'string' && !v.trim())) ? undefined : v)),
  ) as Record<string, unknown>;
}

/** A stable comparison key: property order does not count as a change. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined && x !== '')
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** Reads a value at a dotted path such as `steps.1.then.0.if`. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}

/** A DOM id for the control editing a path, so error summaries can link to it. */
export function controlId(path: string): string {
  return `pb-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
