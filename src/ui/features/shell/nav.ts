import { can, type Permission, type Role } from '@/domain/roles';

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  /** A count shown beside the label, e.g. open tasks. */
  badge?: { count: number; label: string };
}

export const NAV: NavItem[] = [
  { href: '/dashboard', label: 'Overview', permission: 'customers:read' },
  { href: '/dashboard/customers', label: 'Customers', permission: 'customers:read' },
  { href: '/dashboard/tasks', label: 'Tasks', permission: 'tasks:read' },
  { href: '/dashboard/playbooks', label: 'Playbooks', permission: 'playbooks:read' },
  { href: '/dashboard/messages', label: 'Messages', permission: 'messages:read' },
  { href: '/dashboard/outbox', label: 'Outbox', permission: 'messages:read' },
  { href: '/dashboard/campaigns', label: 'Campaigns', permission: 'messages:send' },
  { href: '/dashboard/loyalty', label: 'Loyalty', permission: 'loyalty:read' },
  { href: '/dashboard/analytics', label: 'Analytics', permission: 'analytics:read' },
  { href: '/dashboard/integrations', label: 'Integrations', permission: 'integrations:manage' },
  { href: '/dashboard/settings', label: 'Settings', permission: 'settings:manage' },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => can(role, item.permission));
}
