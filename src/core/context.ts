/** Who is asking, from where: passed to every service call. */

/**
 * `operator`: a 12345 hotline operator (话务员) of the center, who takes calls and dispatches cases; `inspector`: a
 * grid inspector (网格员) of a subdistrict office, who reports what they find on patrol. `screen`: the account of a
 * video wall or display in the operations center, which may open the IOC screen and nothing else.
 */
export const roles = [
  'admin',
  'steward',
  'department_user',
  'leader',
  'citizen',
  'operator',
  'inspector',
  'screen',
] as const;
export type Role = (typeof roles)[number];

export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  roles: Role[];
  /** How the caller proved who it is. */
  via: 'session' | 'token' | 'system';
};

/** The signed-in user as the console knows them (the answer of GET /api/auth/me). */
export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  roles: Role[];
  mustChangePassword: boolean;
};

export type Ctx = {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
};

/** The context of work done by OneCity itself (start-up seeding, CLI run by the operator). */
export function systemCtx(name = 'system'): Ctx {
  return {
    actor: {
      userId: 0,
      username: name,
      displayName: name,
      departmentId: null,
      roles: ['admin'],
      via: 'system',
    },
    ip: null,
    requestId: null,
  };
}

/** The context of a lookup one service makes of another on its own behalf, for no one in particular. */
export const lookupCtx: Ctx = Object.freeze({ actor: null, ip: null, requestId: null });
