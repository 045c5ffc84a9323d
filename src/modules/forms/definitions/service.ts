import type { Ctx } from '../../../core/context.ts';
import { type Db, isUniqueViolation } from '../../../core/db.ts';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  InputError,
  NotFoundError,
} from '../../../core/errors.ts';
import { isCenterStaff } from '../../../core/policy.ts';
import type { AuditService } from '../../audit/index.ts';
import type { DepartmentDirectory, OrgService } from '../../org/index.ts';
import type { FormAudience, FormField } from '../fields.ts';
import { formsPolicy } from '../policy.ts';
import type {
  DepartmentRef,
  FormDetail,
  FormInput,
  FormPage,
  FormQuery,
  FormSummary,
  FormUpdate,
} from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';
import { definitionProblems, publishProblems, storedField } from './rules.ts';

/** A published form as the filling side reads it (the app's form page, prefill and submit). */
export type PublishedForm = {
  id: number;
  code: string;
  title: string;
  description: string | null;
  audience: FormAudience;
  version: number;
  fields: FormField[];
  ownerDepartmentId: number;
  receivingDepartmentIds: number[];
  publishedAt: string;
};

const toPublished = (row: repo.FormRow): PublishedForm => ({
  id: row.id,
  code: row.code,
  title: row.title,
  description: row.description,
  audience: row.audience,
  version: row.version,
  fields: row.fields,
  ownerDepartmentId: row.ownerDepartmentId,
  receivingDepartmentIds: row.receivingDepartmentIds,
  publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
});

/** The definition's parts an edit can change, as stored: compared to tell a real change from a repeat. */
function definitionOf(input: FormUpdate) {
  return {
    code: input.code,
    title: input.title,
    description: input.description || null,
    audience: input.audience,
    receivingDepartmentIds: input.receivingDepartmentIds,
    fields: input.fields.map(storedField),
  };
}
type Definition = ReturnType<typeof definitionOf>;

/** JSON with object keys sorted: jsonb stores a field's keys in its own order, so texts compare only this way. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Each part of the definition that differs, before and after (for the audit log). */
function changesOf(before: repo.FormRow, after: Definition) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = before[key as keyof Definition];
    if (canonical(from) !== canonical(to))
      changes[key] =
        key === 'fields'
          ? { from: (from as FormField[]).length, to: (to as FormField[]).length }
          : { from, to };
  }
  return changes;
}

/**
 * Form definitions (表单管理): a department defines forms for its own department, the center's staff for any;
 * a department sees the forms it owns and the published ones it receives. A draft is edited freely; an edit of a
 * published form is its next version (submissions keep the version they answered), and its code and audience stay.
 * Only drafts are deleted. Every change is audited.
 */
export function createDefinitionService(deps: { db: Db; audit: AuditService; org: OrgService }) {
  const { db, audit, org } = deps;
  audit.nameTargets('form', async (ids) => {
    const rows = await repo.titlesOf(db, ids.map(Number).filter(Number.isSafeInteger));
    return new Map(rows.map((r) => [String(r.id), r.title]));
  });

  const refOf = (dir: DepartmentDirectory, id: number): DepartmentRef => {
    const d = dir.byId.get(id);
    return { id, code: d?.code ?? String(id), name: d?.name ?? String(id) };
  };

  /** Whether the caller reads this form: the center any, a department its own and the non-drafts it receives. */
  function mayRead(ctx: Ctx, row: repo.FormRow): boolean {
    if (isCenterStaff(ctx.actor)) return true;
    const department = ctx.actor?.departmentId ?? null;
    if (department === null) return false;
    return (
      row.ownerDepartmentId === department ||
      (row.status !== 'draft' && row.receivingDepartmentIds.includes(department))
    );
  }

  const mayEdit = (ctx: Ctx, row: repo.FormRow) => formsPolicy.mayActFor(ctx.actor, row.ownerDepartmentId);
  const receives = (ctx: Ctx, row: repo.FormRow) =>
    ctx.actor?.departmentId != null && row.receivingDepartmentIds.includes(ctx.actor.departmentId);

  function common(ctx: Ctx, dir: DepartmentDirectory, row: repo.FormRow, submissions: number) {
    return {
      id: row.id,
      code: row.code,
      title: row.title,
      audience: row.audience,
      status: row.status,
      version: row.version,
      ownerDepartment: refOf(dir, row.ownerDepartmentId),
      receivingDepartments: row.receivingDepartmentIds.map((id) => refOf(dir, id)),
      submissions,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      mayEdit: mayEdit(ctx, row),
      receives: receives(ctx, row),
    };
  }

  async function detailOf(ctx: Ctx, row: repo.FormRow, dir?: DepartmentDirectory): Promise<FormDetail> {
    const [directory, counts] = await Promise.all([
      dir ?? org.departmentDirectory(),
      repo.countSubmissions(db, [row.id]),
    ]);
    return {
      ...common(ctx, directory, row, counts.get(row.id) ?? 0),
      description: row.description,
      fields: row.fields,
    };
  }

  /**
   * The form a change is about, when the caller may change it; otherwise refused (403) and audited. Checked before
   * the change's transaction (the owner never changes), which then locks the row and reads it again.
   */
  async function editable(ctx: Ctx, id: number, action: string) {
    const row = await repo.findForm(db, id);
    if (!row) throw new NotFoundError('form', id);
    if (!mayEdit(ctx, row))
      await audit.deny(
        ctx,
        { targetType: 'form', targetId: id, detail: { action, code: 'not_form_owner' } },
        new ForbiddenError('not_form_owner', 'Only the owning department changes a form'),
      );
    return row;
  }

  /** The form locked for a change inside `tx`; gone since `editable` read it: not found. */
  async function locked(tx: Db, id: number) {
    const row = await repo.lockForm(tx, id);
    if (!row) throw new NotFoundError('form', id);
    return row;
  }

  /** Throws every problem of a definition at once (400), checked against the rules and the departments. */
  function check(dir: DepartmentDirectory, definition: Definition, more: FieldError[] = []) {
    const problems = [...more, ...definitionProblems(definition, dir.byId)];
    if (problems.length) throw new InputError('invalid_input', 'The form definition is invalid', problems);
  }

  const duplicateCode = (code: string) =>
    new ConflictError('duplicate_code', `Form code ${code} is taken`, { code }, [
      { field: 'code', reason: 'duplicate_code', params: { code } },
    ]);

  return {
    /** A page of the forms the caller sees, filtered and sorted. */
    async list(ctx: Ctx, q: FormQuery): Promise<FormPage> {
      const center = isCenterStaff(ctx.actor);
      const department = ctx.actor?.departmentId ?? null;
      if (!center && department === null) return { items: [], total: 0 };
      const [page, dir] = await Promise.all([
        repo.findForms(
          db,
          { ...(!center && { departmentId: department! }), q: q.q, status: q.status, audience: q.audience },
          { by: q.sort, order: q.order },
          q,
        ),
        org.departmentDirectory(),
      ]);
      const items: FormSummary[] = page.items.map(({ form, submissions }) => ({
        ...common(ctx, dir, form, submissions),
        fieldCount: form.fields.length,
      }));
      return { items, total: page.total };
    },

    /** One form the caller sees; others are not found (404) as if absent. */
    async get(ctx: Ctx, id: number): Promise<FormDetail> {
      const row = await repo.findForm(db, id);
      if (!row || !mayRead(ctx, row)) throw new NotFoundError('form', id);
      return detailOf(ctx, row);
    },

    /** Creates a draft; a department user's is their department's, center staff name the owner. */
    async create(ctx: Ctx, input: FormInput): Promise<FormDetail> {
      const center = isCenterStaff(ctx.actor);
      const own = ctx.actor?.departmentId ?? null;
      const owner = input.ownerDepartmentId ?? (center ? undefined : own);
      if (!center && (owner === null || owner !== own))
        await audit.deny(
          ctx,
          { targetType: 'form', detail: { action: 'create', ownerDepartmentId: owner } },
          new ForbiddenError('not_form_owner', 'A department defines forms for itself'),
        );
      const definition = definitionOf(input);
      const ownerProblems: FieldError[] =
        owner === undefined || owner === null ? [{ field: 'ownerDepartmentId', reason: 'required' }] : [];
      const dir = await org.departmentDirectory();
      if (owner != null && !dir.byId.get(owner)?.active)
        ownerProblems.push({
          field: 'ownerDepartmentId',
          reason: 'form_unknown_department',
          params: { department: owner },
        });
      check(dir, definition, ownerProblems);
      const row = await db
        .transaction(async (tx) => {
          const created = await repo.insertForm(tx, {
            ...definition,
            ownerDepartmentId: owner!,
            status: 'draft',
            version: 1,
            createdBy: ctx.actor?.userId || null,
          });
          await audit.record(tx, ctx, {
            action: 'forms.form_create',
            targetType: 'form',
            targetId: created.id,
            detail: { code: created.code, title: created.title, fields: created.fields.length },
          });
          return created;
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? duplicateCode(definition.code) : error;
        });
      return detailOf(ctx, row, dir);
    },

    /**
     * Replaces a form's definition. A form ever published gets the next version when anything changed, keeps its
     * code and audience, and must still be publishable (a field and a receiving department at least).
     */
    async update(ctx: Ctx, id: number, input: FormUpdate): Promise<FormDetail> {
      const definition = definitionOf(input);
      await editable(ctx, id, 'update');
      const dir = await org.departmentDirectory();
      const row = await db
        .transaction(async (tx) => {
          const before = await locked(tx, id);
          const released = before.publishedAt !== null;
          const fixed: FieldError[] = [];
          if (released && definition.code !== before.code)
            fixed.push({ field: 'code', reason: 'form_code_fixed' });
          if (released && definition.audience !== before.audience)
            fixed.push({ field: 'audience', reason: 'form_audience_fixed' });
          check(dir, definition, [
            ...fixed,
            ...(before.status === 'published' ? publishProblems(definition) : []),
          ]);
          const changes = changesOf(before, definition);
          if (!Object.keys(changes).length) return before;
          const version = released ? before.version + 1 : before.version;
          const after = await repo.updateForm(tx, id, { ...definition, version });
          await audit.record(tx, ctx, {
            action: 'forms.form_update',
            targetType: 'form',
            targetId: id,
            detail: {
              ...changes,
              ...(version !== before.version && { version: { from: before.version, to: version } }),
            },
          });
          return after;
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? duplicateCode(definition.code) : error;
        });
      return detailOf(ctx, row, dir);
    },

    /** Publishes a draft or reopens a closed form: residents and companies can fill it from now on. */
    async publish(ctx: Ctx, id: number): Promise<FormDetail> {
      await editable(ctx, id, 'publish');
      const dir = await org.departmentDirectory();
      const row = await db.transaction(async (tx) => {
        const before = await locked(tx, id);
        if (before.status === 'published')
          throw new ConflictError('form_already_published', 'The form is published already');
        const problems = [...publishProblems(before), ...definitionProblems(before, dir.byId)];
        if (problems.length)
          throw new InputError('form_not_publishable', 'The form cannot be published', problems);
        const after = await repo.updateForm(tx, id, { status: 'published', publishedAt: new Date() });
        await audit.record(tx, ctx, {
          action: 'forms.form_publish',
          targetType: 'form',
          targetId: id,
          detail: { code: after.code, version: after.version, from: before.status },
        });
        return after;
      });
      return detailOf(ctx, row, dir);
    },

    /** Closes a published form: no new submissions; those received stay in the inboxes. */
    async close(ctx: Ctx, id: number): Promise<FormDetail> {
      await editable(ctx, id, 'close');
      const row = await db.transaction(async (tx) => {
        const before = await locked(tx, id);
        if (before.status !== 'published')
          throw new ConflictError('form_not_published', 'Only a published form is closed');
        const after = await repo.updateForm(tx, id, { status: 'closed' });
        await audit.record(tx, ctx, {
          action: 'forms.form_close',
          targetType: 'form',
          targetId: id,
          detail: { code: after.code, version: after.version },
        });
        return after;
      });
      return detailOf(ctx, row);
    },

    /** Deletes a draft (a form ever published has submissions to keep: close it instead). */
    async remove(ctx: Ctx, id: number): Promise<void> {
      await editable(ctx, id, 'delete');
      await db.transaction(async (tx) => {
        const before = await locked(tx, id);
        if (before.status !== 'draft' || !(await repo.deleteDraft(tx, id)))
          throw new ConflictError('form_not_draft', 'Only a draft is deleted; close a published form');
        await audit.record(tx, ctx, {
          action: 'forms.form_delete',
          targetType: 'form',
          targetId: id,
          detail: { code: before.code, title: before.title },
        });
      });
    },

    /** The published form with this code, as the filling side reads it; undefined when none is published. */
    async published(code: string): Promise<PublishedForm | undefined> {
      const row = await repo.findFormByCode(db, code);
      return row?.status === 'published' ? toPublished(row) : undefined;
    },

    /** Every published form (of one audience), newest first: what the app offers to fill. */
    async publishedForms(audience?: FormAudience): Promise<PublishedForm[]> {
      return (await repo.findPublished(db, audience)).map(toPublished);
    },

    /** A form by id, whatever its status, for the module's own areas (inbox, export, sharing API). */
    findById: (id: number) => repo.findForm(db, id),

    /** A form by code, whatever its status, for the module's own areas. */
    findByCode: (code: string) => repo.findFormByCode(db, code),

    /** Whether the caller may read this form (the center, its owner, a receiver of a non-draft). */
    mayRead,
  };
}

export type DefinitionService = ReturnType<typeof createDefinitionService>;
