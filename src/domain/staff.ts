import { z } from 'zod';
import { RoleSchema } from './roles';

export const StaffMemberSchema = z.object({
  /** The Firebase Auth uid. */
  id: z.string().min(1),
  email: z.email(),
  displayName: z.string().min(1).max(120),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  createdBy: z.string().optional(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const AddStaffInputSchema = z.object({
  email: z.email().transform((e) => e.trim().toLowerCase()),
  displayName: z.string().trim().min(1, 'Enter a name').max(120),
  role: RoleSchema,
});
export type AddStaffInput = z.infer<typeof AddStaffInputSchema>;

export const UpdateStaffInputSchema = z
  .object({
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(120).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateStaffInput = z.infer<typeof UpdateStaffInputSchema>;
