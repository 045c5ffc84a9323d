import { z } from 'zod';
import { roles, type SessionUser } from '../../core/context.ts';

export const role = z.enum(roles);

export const me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  departmentId: z.number().nullable(),
  roles: z.array(role),
  mustChangePassword: z.boolean(),
}) satisfies z.ZodType<SessionUser>;
export type Me = z.infer<typeof me>;

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8).max(128),
});

export const user = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  departmentId: z.number().nullable(),
  roles: z.array(role),
  /** A citizen's ID number, linking the account to their e-licenses; null for everyone else. */
  idNumber: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const userQuery = z.object({
  q: z.string().max(100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  role: role.optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['username', 'displayName', 'created', 'lastLogin']).default('username'),
});
export type UserQuery = z.infer<typeof userQuery>;

export const userPage = z.object({ items: z.array(user), total: z.number() });

// Checked (GB 11643) by the users service, which names the problem; here only its shape.
const idNumber = z.string().trim().toUpperCase().max(18);

export const userCreate = z
  .object({
    username: z
      .string()
      .trim()
      .regex(
        /^[a-z][a-z0-9_.-]{2,31}$/,
        'lower-case letters, digits, _ . -, 3 to 32 characters, starting with a letter',
      ),
    displayName: z.string().trim().min(1).max(40),
    departmentId: z.number().int().positive().nullable(),
    roles: z.array(role).min(1).max(roles.length),
    idNumber: idNumber.nullable().optional(),
    password: z.string().min(8).max(128).optional(),
  })
  .strict();
export type UserCreate = z.infer<typeof userCreate>;

export const userUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(40),
    departmentId: z.number().int().positive().nullable(),
    roles: z.array(role).min(1).max(roles.length),
    idNumber: idNumber.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type UserUpdate = z.infer<typeof userUpdate>;

export const passwordResetBody = z.object({ password: z.string().min(8).max(128).optional() }).strict();

/** A user with the password set for them, shown once. */
export const userWithPassword = z.object({ user, password: z.string().nullable() });

export const apiToken = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});

export const tokenCreate = z
  .object({
    name: z.string().trim().min(1).max(60),
    expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();

export const tokenCreated = z.object({ token: z.string(), apiToken });

export const idParam = z.object({ id: z.coerce.number().int().positive() });
