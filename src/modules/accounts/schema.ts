import { boolean, index, integer, pgSchema, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { departments } from '../org/schema.ts';

export const accountsSchema = pgSchema('accounts');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** People and systems who sign in. Roles are a list; passwords are scrypt hashes. */
export const users = accountsSchema.table(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    roles: text('roles').array().notNull(),
    /** A citizen's ID number, linking the account to their entries in the base registries (their e-licenses). */
    idNumber: text('id_number').unique(),
    /**
     * A citizen's mobile number, given at real-name sign-up: a second name to sign in with. Not unique (a family may
     * share one phone); a number several accounts share signs in nobody, they use their ID numbers.
     */
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    active: boolean('active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    lastLoginAt: ts('last_login_at'),
    passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('users_phone_idx').on(t.phone)],
);

/** Console sessions; the id is the SHA-256 of the cookie value, so a database leak yields no live cookie. */
export const sessions = accountsSchema.table(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Personal API tokens for scripts; only the SHA-256 of the token is kept. */
export const apiTokens = accountsSchema.table(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);
