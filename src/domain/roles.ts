import { z } from 'zod';

export const RoleSchema = z.enum(['owner', 'admin', 'budtender']);
export type Role = z.infer<typeof RoleSchema>;
export const ALL_ROLES: readonly Role[] = RoleSchema.options;

/** What each role may do. Pages, nav and API wrappers all read this one table. */
export const PERMISSIONS = {
  'staff:manage': ['owner'],
  'settings:manage': ['owner', 'admin'],
  // Seeing or rotating a signing secret that receivers outside BakedBot trust.
  'secrets:manage': ['owner'],
  'customers:read': ['owner', 'admin', 'budtender'],
  'customers:write': ['owner', 'admin'],
  // The customer page's counter work: staff notes, and consent recorded in person (docs/crm.md, The customer page).
  'customers:note': ['owner', 'admin', 'budtender'],
  'customers:consent': ['owner', 'admin', 'budtender'],
  // Privacy requests: download everything held about one customer, or erase them (docs/crm.md, Privacy requests).
  'customers:privacy': ['owner'],
  // Saved segments: defining an audience is campaign work (docs/crm.md, Saved segments); listing and the live count are customers:read.
  'segments:manage': ['owner', 'admin'],
  'analytics:read': ['owner', 'admin'],
  // Lifetime value, order amounts, sales figures. Enforced on the data (src/domain/views), not by hiding it in pages.
  'revenue:read': ['owner', 'admin'],
  'integrations:manage': ['owner', 'admin'],
  'playbooks:read': ['owner', 'admin', 'budtender'],
  'playbooks:write': ['owner', 'admin'],
  'messages:send': ['owner', 'admin'],
  'messages:read': ['owner', 'admin', 'budtender'],
  'loyalty:read': ['owner', 'admin', 'budtender'],
  // The counter's work: look up, sign up, text a PIN, redeem, cancel an unused redemption.
  'loyalty:redeem': ['owner', 'admin', 'budtender'],
  // PIN overrides and refused coupon reuses, read back by the people who answer for them.
  'loyalty:audit': ['owner', 'admin'],
  // The programme's settings: owners change them, admins read them, budtenders neither (margins, tier thresholds).
  'loyalty-settings:read': ['owner', 'admin'],
  'loyalty-settings:write': ['owner'],
  // Opening balances from another provider: owners import (it credits points), admins read the reports.
  'loyalty-import:write': ['owner'],
  'loyalty-import:read': ['owner', 'admin'],
  // Budtenders work only tasks assigned to budtenders; the task services enforce that per task.
  'tasks:read': ['owner', 'admin', 'budtender'],
  'tasks:write': ['owner', 'admin', 'budtender'],
  'tasks:create': ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Claims carried by every staff member's Firebase Auth token. */
export const StaffClaimsSchema = z.object({
  orgId: z.string().min(1),
  role: RoleSchema,
});
export type StaffClaims = z.infer<typeof StaffClaimsSchema>;

export interface Actor {
  kind: 'staff' | 'system';
  uid: string;
  email?: string;
  role?: Role;
}

export const systemActor = (name: string): Actor => ({ kind: 'system', uid: `system:${name}` });
