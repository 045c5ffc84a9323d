import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { type FieldError, ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import { holds } from '../../../core/policy.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CategoryService } from '../../events/index.ts';
import type { DeviceService } from '../devices/service.ts';
import { iotPolicy, mayManageDevice, mayReadDevice, seesWholeDistrict } from '../policy.ts';
import type { DeviceRef } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { rules } from '../schema.ts';
import { paramsByKind, type RuleCreate, type RuleUpdate, type RuleView } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';

export type Rule = typeof rules.$inferSelect;

// The engine asks for a device's rules on every batch: each process keeps them this long (an edit made here is seen
// at once; one made by another process within this time).
const CACHE_MS = 30_000;

type Snapshot = {
  byProfile: Map<string, Rule[]>;
  byDevice: Map<number, Rule[]>;
  byId: Map<number, Rule>;
  at: number;
};

/** The telemetry keys a rule's parameters name, with the field each is in (to check them against the profile). */
function keysNamed(kind: string, params: Record<string, any>): { field: string; key: string }[] {
  switch (kind) {
    case 'threshold':
    case 'duration':
    case 'rate':
      return [{ field: 'params.key', key: params.key }];
    case 'combination':
      return (params.all as { key: string }[]).map((c, i) => ({ field: `params.all.${i}.key`, key: c.key }));
    case 'overweight':
      return ['plateKey', 'axlesKey', 'weightKey'].map((k) => ({ field: `params.${k}`, key: params[k] }));
    default:
      return [];
  }
}

/** A zod issue as a field error under `params`. */
function paramProblem(issue: { code: string; path: PropertyKey[]; message: string }): FieldError {
  const field = ['params', ...issue.path.map(String)].join('.');
  const reason =
    issue.code === 'invalid_type' && issue.message.includes('undefined')
      ? 'required'
      : issue.code === 'unrecognized_keys'
        ? 'unknown_field'
        : ['invalid_type', 'too_small', 'too_big'].includes(issue.code)
          ? issue.code
          : 'invalid';
  return { field, reason };
}

/** Alarm rules of profiles and devices: edited by the center (a department: its own devices'), read (cached) by the alarm engine. */
export function createRuleService(deps: {
  db: Db;
  audit: AuditService;
  profiles: ProfileService;
  devices: DeviceService;
  categories: Pick<CategoryService, 'find'>;
  now: () => Date;
}) {
  const { db, audit, profiles, devices, categories } = deps;
  let cache: Snapshot | undefined;

  async function snapshot(): Promise<Snapshot> {
    if (cache && Date.now() - cache.at < CACHE_MS) return cache;
    const rows = await repo.enabledRules(db);
    const byProfile = new Map<string, Rule[]>();
    const byDevice = new Map<number, Rule[]>();
    for (const r of rows) {
      if (r.deviceId !== null) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
      else if (r.profileCode) byProfile.set(r.profileCode, [...(byProfile.get(r.profileCode) ?? []), r]);
    }
    cache = { byProfile, byDevice, byId: new Map(rows.map((r) => [r.id, r])), at: Date.now() };
    return cache;
  }

  const view = (r: repo.RuleWithDevice): RuleView => ({
    id: r.id,
    profileCode: r.profileCode,
    deviceCode: r.deviceCode,
    name: r.name,
    kind: r.kind,
    params: r.params,
    severity: r.severity,
    caseCategory: r.caseCategory,
    enabled: r.enabled,
  });

  /** Whether the caller may edit a rule of this scope: the center for profiles, a device's managers for its own. */
  async function checkMayEdit(ctx: Ctx, scope: { deviceDepartmentId: number | null }, target: string) {
    if (scope.deviceDepartmentId === null) {
      if (!holds(ctx.actor, iotPolicy.configure))
        await audit.deny(
          ctx,
          { targetType: 'iot_rule', targetId: target },
          new ForbiddenError('rule_profile_center_only', 'Only the center edits the rules of profiles'),
        );
      return;
    }
    if (!mayManageDevice(ctx.actor, scope.deviceDepartmentId))
      await audit.deny(
        ctx,
        { targetType: 'iot_rule', targetId: target },
        new ForbiddenError('rule_other_department', "Only the device's department edits its rules"),
      );
  }

  /** Checks the parameters' keys against the profile, and the case category. */
  async function checkReferences(
    profileCode: string,
    kind: string,
    params: Record<string, unknown>,
    caseCategory: string | null | undefined,
  ) {
    const profile = await profiles.require(profileCode);
    const known = new Set(profile.keys.map((k) => k.key));
    const fields: FieldError[] = keysNamed(kind, params)
      .filter((k) => !known.has(k.key))
      .map((k) => ({ field: k.field, reason: 'unknown_key' }));
    if (caseCategory && !(await categories.find(caseCategory))?.active)
      fields.push({ field: 'caseCategory', reason: 'unknown_category' });
    if (fields.length) throw new InputError('invalid_input', 'The rule names what does not exist', fields);
  }

  async function requireRule(ctx: Ctx, id: number) {
    const row = await repo.findRule(db, id);
    // Another department's device rule is not shown to a department.
    if (!row || (row.deviceDepartmentId !== null && !mayReadDevice(ctx.actor, row.deviceDepartmentId)))
      throw new NotFoundError('rule', id);
    return row;
  }

  function changed() {
    cache = undefined;
  }

  return {
    /** The enabled rules that apply to a device: its profile's and its own. */
    async rulesFor(device: DeviceRef): Promise<Rule[]> {
      const s = await snapshot();
      const own = s.byDevice.get(device.id);
      const ofProfile = s.byProfile.get(device.profileCode) ?? [];
      return own ? [...ofProfile, ...own] : ofProfile;
    },

    /** Every enabled rule of a kind (the offline check's no-data rules). */
    async enabledOfKind(kind: Rule['kind']): Promise<Rule[]> {
      return [...(await snapshot()).byId.values()].filter((r) => r.kind === kind);
    },

    /** An enabled rule by id (cached), or undefined. */
    async cached(id: number): Promise<Rule | undefined> {
      return (await snapshot()).byId.get(id);
    },

    /** The rules of a profile or device the caller may see (a department: profiles' and its own devices'). */
    async list(ctx: Ctx, q: { profile?: string; device?: string }): Promise<RuleView[]> {
      let deviceId: number | undefined;
      if (q.device) deviceId = (await devices.requireReadable(ctx, q.device)).id;
      const rows = await repo.listRules(db, {
        ...(q.profile && { profileCode: q.profile }),
        ...(deviceId !== undefined && { deviceId }),
        ...(!seesWholeDistrict(ctx.actor) && { departmentId: ctx.actor?.departmentId ?? -1 }),
      });
      return rows.map(view);
    },

    /** Adds a rule to a profile (the center) or a device (the center, or the device's department). */
    async create(ctx: Ctx, input: RuleCreate): Promise<RuleView> {
      if (!input.profileCode === !input.deviceCode)
        throw new InputError('rule_scope', 'Give a profile or a device', [
          { field: input.profileCode ? 'deviceCode' : 'profileCode', reason: 'rule_scope' },
        ]);
      let device: DeviceRef | undefined;
      if (input.deviceCode) device = await devices.requireReadable(ctx, input.deviceCode);
      else if (!(await profiles.find(input.profileCode!)))
        throw new InputError('invalid_input', 'Unknown profile', [
          { field: 'profileCode', reason: 'unknown_profile_field' },
        ]);
      await checkMayEdit(ctx, { deviceDepartmentId: device?.departmentId ?? null }, input.name);
      await checkReferences(
        device?.profileCode ?? input.profileCode!,
        input.kind,
        input.params,
        input.caseCategory,
      );
      const row = await db.transaction(async (tx) => {
        const row = await repo.insertRule(tx, {
          profileCode: device ? null : input.profileCode!,
          deviceId: device?.id ?? null,
          name: input.name,
          kind: input.kind,
          params: input.params,
          severity: input.severity,
          caseCategory: input.caseCategory ?? null,
          enabled: input.enabled,
        });
        await audit.record(tx, ctx, {
          action: 'iot.rule.create',
          targetType: 'iot_rule',
          targetId: row.id,
          detail: { ...input },
        });
        return row;
      });
      changed();
      return view({
        ...row,
        deviceCode: device?.code ?? null,
        deviceDepartmentId: device?.departmentId ?? null,
      });
    },

    /** Changes a rule's name, parameters (checked against its kind), severity, case category or whether it is on. */
    async update(ctx: Ctx, id: number, input: RuleUpdate): Promise<RuleView> {
      const row = await requireRule(ctx, id);
      await checkMayEdit(ctx, row, String(id));
      let params = row.params;
      if (input.params) {
        const parsed = paramsByKind[row.kind].safeParse(input.params);
        if (!parsed.success)
          throw new InputError('invalid_input', 'Bad rule parameters', parsed.error.issues.map(paramProblem));
        params = parsed.data as Record<string, unknown>;
      }
      const profileCode = row.profileCode ?? (await devices.byCode(row.deviceCode!))!.profileCode;
      await checkReferences(profileCode, row.kind, params, input.caseCategory);
      const updated = await db.transaction(async (tx) => {
        const updated = await repo.updateRule(tx, id, {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.severity !== undefined && { severity: input.severity }),
          ...(input.caseCategory !== undefined && { caseCategory: input.caseCategory }),
          ...(input.enabled !== undefined && { enabled: input.enabled }),
          ...(input.params && { params }),
        });
        if (!updated) throw new NotFoundError('rule', id);
        await audit.record(tx, ctx, {
          action: 'iot.rule.update',
          targetType: 'iot_rule',
          targetId: id,
          detail: { ...input },
        });
        return updated;
      });
      changed();
      return view({ ...updated, deviceCode: row.deviceCode, deviceDepartmentId: row.deviceDepartmentId });
    },

    /** Deletes a rule. Its alarms stay (to be cleared by hand); no new ones are raised. */
    async remove(ctx: Ctx, id: number): Promise<void> {
      const row = await requireRule(ctx, id);
      await checkMayEdit(ctx, row, String(id));
      await db.transaction(async (tx) => {
        if (!(await repo.deleteRule(tx, id))) throw new NotFoundError('rule', id);
        await audit.record(tx, ctx, {
          action: 'iot.rule.delete',
          targetType: 'iot_rule',
          targetId: id,
          detail: {
            name: row.name,
            kind: row.kind,
            profileCode: row.profileCode,
            deviceCode: row.deviceCode,
          },
        });
      });
      changed();
    },
  };
}
export type RuleService = ReturnType<typeof createRuleService>;
