import { can, type Actor, type Role } from '../roles';

/**
 * Who a read model is shaped for: a staff role, or the system itself (cron, the playbook engine,
 * the admin CLI), which works on the full data.
 */
export type Viewer = Role | 'system';

export function viewerOf(actor: Pick<Actor, 'kind' | 'role'>): Viewer {
  if (actor.kind === 'system') return 'system';
  // A staff actor always carries a role; were one missing, it gets the narrowest view.
  return actor.role ?? 'budtender';
}

/** Lifetime value, order amounts, sales and report revenue: owners and admins (and the system). */
export function seesRevenue(viewer: Viewer): boolean {
  return viewer === 'system' || can(viewer, 'revenue:read');
}

/** The listed fields of `value` that it has: the shape of every allow-list view. */
export function pickFields<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(value, k)) out[k] = value[k];
  return out;
}

/**
 * Numbers in free-form data (event payloads, template variables) that are counts, points or
 * measures. Every other number is treated as money, so a new amount is hidden without anyone
 * remembering to list it.
 */
const NOT_MONEY = new Set([
  'quantity',
  'itemCount',
  'item_count',
  'orderCount',
  'order_count',
  'points',
  'pointsBalance',
  'points_earned',
  'age',
  'previousQuantity',
  'lowStockThreshold',
  'thcPercent',
  'cbdPercent',
  'thcMg',
  'cbdMg',
]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A copy of free-form data without its money: numbers other than counts and points are removed. */
export function withoutMoney<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => typeof v !== 'number').map((v) => withoutMoney(v)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'number' && !NOT_MONEY.has(k)) continue;
    out[k] = withoutMoney(v);
  }
  return out as T;
}

/**
 * Whether text rendered from `data` shows money: it does when rendering the same source without
 * the money gives a different text (or fails). `render` must be deterministic.
 */
export function rendersMoney(render: (data: Record<string, unknown>) => string, data: Record<string, unknown>): boolean {
  const attempt = (d: Record<string, unknown>) => {
    try {
      return { ok: true as const, text: render(d) };
    } catch {
      return { ok: false as const, text: '' };
    }
  };
  const full = attempt(data);
  const bare = attempt(withoutMoney(data));
  return !bare.ok || !full.ok || full.text !== bare.text;
}
