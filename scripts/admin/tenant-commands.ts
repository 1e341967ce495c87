import { systemActor } from '@/domain/roles';
import { RoleSchema } from '@/domain/roles';
import { tenantsCollection } from '@/server/db/tenant-db';
import { addStaff } from '@/server/services/staff/add-staff';
import { createTenant } from '@/server/services/tenants/create-tenant';
import { need, optional, UsageError, type CommandGroup } from './registry';

export const tenantCommands: CommandGroup = {
  name: 'tenant',
  summary: 'dispensaries',
  commands: [
    {
      name: 'create',
      summary: 'Create a dispensary; prints its id.',
      options: {
        name: { description: 'Display name', required: true },
        id: { description: 'Id (default: from the name)' },
        'time-zone': { description: 'IANA zone (default America/New_York)' },
      },
      async run(o, ctx) {
        const tenant = await createTenant({ clock: ctx.clock }, { name: need(o, 'name'), id: optional(o, 'id'), timeZone: optional(o, 'time-zone') });
        return { id: tenant.id, name: tenant.name, timeZone: tenant.timeZone };
      },
    },
    {
      name: 'list',
      summary: 'List dispensaries.',
      options: {},
      async run() {
        const snap = await tenantsCollection().ref.orderBy('name').get();
        return snap.docs.map((d) => ({ id: d.id, name: d.data().name, timeZone: d.data().timeZone }));
      },
    },
  ],
};

export const staffCommands: CommandGroup = {
  name: 'staff',
  summary: 'staff logins',
  commands: [
    {
      name: 'add',
      summary: 'Add a staff member; prints their one-time password.',
      options: {
        tenant: { description: 'Dispensary id', required: true },
        email: { description: 'Email', required: true },
        role: { description: 'owner | admin | budtender', required: true },
        name: { description: 'Display name (default: the email)' },
      },
      async run(o, ctx) {
        const role = RoleSchema.safeParse(need(o, 'role'));
        if (!role.success) throw new UsageError('--role must be owner, admin or budtender.');
        const orgId = need(o, 'tenant');
        await tenantsCollection().getOrThrow(orgId);
        const email = need(o, 'email').toLowerCase();
        const res = await addStaff(
          { orgId, actor: systemActor('admin-cli'), clock: ctx.clock },
          { email, displayName: optional(o, 'name') ?? email, role: role.data },
        );
        return { uid: res.staff.id, email: res.staff.email, role: res.staff.role, temporaryPassword: res.temporaryPassword };
      },
    },
  ],
};
