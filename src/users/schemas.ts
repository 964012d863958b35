/** The shapes /api/users and PATCH /api/me accept and answer. */
import { z } from 'zod';
import { ROLES } from '../core/auth/roles.ts';

/** The shortest password Relais accepts (ANSSI recommends at least 12 characters). */
export const PASSWORD_MIN_LENGTH = 12;

const zPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `Au moins ${PASSWORD_MIN_LENGTH} caractères / at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(1024);
const zEmail = z.string().trim().toLowerCase().pipe(z.email().max(320));
const zDisplayName = z.string().trim().min(1).max(200);
const zLocale = z.enum(['fr', 'en']);
const zPracticeIds = z.array(z.uuid()).max(1000);

export const userIdParams = z.object({ id: z.uuid() });

export const userView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  locale: zLocale,
  active: z.boolean(),
  practitionerId: z.uuid().nullable(),
  /** The practices an agent or trainer works for; dedicated = the practice's own secretary. */
  practices: z.array(z.object({ practiceId: z.uuid(), dedicated: z.boolean() })),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const userList = z.object({ users: z.array(userView) });

export const listUsersQuery = z.strictObject({
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const createUserBody = z.strictObject({
  email: zEmail,
  displayName: zDisplayName,
  role: z.enum(ROLES),
  password: zPassword,
  locale: zLocale.optional(),
  /** Agents and trainers only: the practices they work for. */
  practiceIds: zPracticeIds.optional(),
  /** A subset of practiceIds: the practices whose dedicated secretary this user is. */
  dedicatedPracticeIds: zPracticeIds.optional(),
  /** Practitioner users only: the practitioner they are. */
  practitionerId: z.uuid().optional(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  email: zEmail.optional(),
  displayName: zDisplayName.optional(),
  role: z.enum(ROLES).optional(),
  password: zPassword.optional(),
  locale: zLocale.optional(),
  active: z.boolean().optional(),
  practiceIds: zPracticeIds.optional(),
  dedicatedPracticeIds: zPracticeIds.optional(),
  practitionerId: z.uuid().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const updateMeBody = z.strictObject({
  displayName: zDisplayName.optional(),
  locale: zLocale.optional(),
  /** Required to set newPassword. */
  currentPassword: z.string().min(1).max(1024).optional(),
  newPassword: zPassword.optional(),
});
export type UpdateMeInput = z.infer<typeof updateMeBody>;
