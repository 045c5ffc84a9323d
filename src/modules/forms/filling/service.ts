import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { type FieldError, ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import { maskIdNumber } from '../../../core/masking.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CitizenModule, CitizenSubject } from '../../citizen/index.ts';
import type { OrgService } from '../../org/index.ts';
import { checkAnswers } from '../answers.ts';
import type { FormField } from '../fields.ts';
import type {
  AvailableForms,
  FillField,
  FormToFill,
  RememberedList,
  SubmissionCreated,
  SubmissionDetail,
  SubmissionInput,
  SubmissionPage,
  SubmissionQuery,
} from './contract.ts';
import './messages.ts';
import { type RegistryModule, registryAnswers } from './prefill.ts';
import * as repo from './repository.ts';

/** What filling reads of the other modules (the forms module's sources). */
type Deps = {
  audit: AuditService;
  org: OrgService;
  registry: RegistryModule;
  citizen: Pick<CitizenModule, 'subjects'>;
  database: Database;
  now: () => Date;
};

const iso = (d: Date) => d.toISOString();

/** How the audit log names a subject: a person's ID number masked, a company's credit code as it is (public). */
const auditSubject = (s: CitizenSubject) => ({
  subjectKind: s.kind,
  subjectKey: s.kind === 'person' ? maskIdNumber(s.key) : s.key,
});

/** An answer as stored: text, trimmed; yes/no as `true`/`false`; nothing as the empty string. */
function answerText(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value).trim();
}

/**
 * Filling forms in the app (最多报一次), for the subject a resident acts as (themselves, or a company they
 * represent; the routes resolve it): the forms they can fill, one prefilled from the registries and from their
 * remembered answers, the submission (to every receiving department's inbox), their submissions, and the answers
 * they agreed to have reused.
 */
export function createFillingService(deps: Deps) {
  const { database, audit, org, now } = deps;
  const db = database.db;
  // The audit page names a submission by its form's title.
  audit.nameTargets('form_submission', async (ids) => {
    const rows = await repo.submissionTitles(db, ids.map(Number).filter(Number.isSafeInteger));
    return new Map(rows.map((r) => [String(r.id), `${r.title} #${r.id}`]));
  });

  const subjectKey = (s: CitizenSubject): repo.SubjectKey => ({ kind: s.kind, key: s.key });
  const departmentNames = async (ids: number[]) => {
    const directory = await org.departmentDirectory();
    return ids.map((id) => directory.byId.get(id)?.name ?? String(id));
  };
  /** The departments that receive a form's answers (its owner when it names none), each once. */
  const receiversOf = (form: repo.FormRow) =>
    form.receivingDepartmentIds.length ? [...new Set(form.receivingDepartmentIds)] : [form.ownerDepartmentId];

  /** A published form the subject may fill: 404 for none, 403 with the reason for the other audience's. */
  async function fillable(subject: CitizenSubject, code: string) {
    const form = await repo.publishedForm(db, code);
    if (!form) throw new NotFoundError('form', code);
    if (form.audience !== subject.kind)
      throw form.audience === 'company'
        ? new ForbiddenError(
            'form_for_companies',
            'This form is filled by a company: act for your company first',
          )
        : new ForbiddenError('form_for_persons', 'This form is filled by a person: act for yourself first');
    return form;
  }

  /** The remembered answers of the subject by reuse key, with the title of the form each was given on. */
  async function remembered(subject: CitizenSubject) {
    const rows = await repo.rememberedOf(db, subject.userId, subject.key);
    const fromIds = [...new Set(rows.flatMap((r) => (r.fromFormId === null ? [] : [r.fromFormId])))];
    const fromForms = new Map((await repo.formsById(db, fromIds)).map((f) => [f.id, f]));
    return new Map(rows.map((r) => [r.reuseKey, { ...r, form: fromForms.get(r.fromFormId ?? -1) ?? null }]));
  }

  async function latest(subject: CitizenSubject, formIds: number[]) {
    const rows = await repo.latestSubmissions(db, subjectKey(subject), formIds);
    return new Map(rows.map((r) => [r.formId, r]));
  }

  /** A submission as its submitter reads it: answers labelled by the form, and who received it. */
  async function detailOf(row: NonNullable<Awaited<ReturnType<typeof repo.findSubmission>>>) {
    const s = row.submission;
    const prefilled = new Set(s.prefilledKeys);
    const reused = new Set(s.reusedKeys);
    const known = new Map(row.fields.map((f) => [f.key, f]));
    // The form's order; answers to fields since removed from the form after them, by key.
    const keys = [
      ...row.fields.map((f) => f.key).filter((k) => k in s.answers),
      ...Object.keys(s.answers).filter((k) => !known.has(k)),
    ];
    const deliveries = await repo.deliveriesOf(db, s.id);
    const names = await departmentNames(deliveries.map((d) => d.departmentId));
    return {
      id: row.id,
      formCode: row.formCode,
      formTitle: row.formTitle,
      formVersion: row.formVersion,
      subjectKind: row.subjectKind,
      subjectName: row.subjectName,
      submittedAt: iso(row.submittedAt),
      deliveredTo: row.deliveredTo,
      readBy: row.readBy,
      answers: keys.map((key) => ({
        key,
        label: known.get(key)?.label ?? key,
        type: known.get(key)?.type ?? null,
        value: s.answers[key]!,
        prefilled: prefilled.has(key),
        reused: reused.has(key),
      })),
      deliveries: deliveries.map((d, i) => ({
        departmentId: d.departmentId,
        departmentName: names[i]!,
        readAt: d.readAt ? iso(d.readAt) : null,
      })),
    } satisfies SubmissionDetail;
  }

  return {
    /**
     * Who a resident acts as: themselves, or the company named by the app's `x-acting-for` header (the citizen
     * module decides; 403 for a company they do not represent).
     */
    subjectOf: (ctx: Ctx, actingFor: string | null) => deps.citizen.subjects.resolve(ctx, actingFor),

    /** The published forms for the subject's kind (a person's, or a company's), and whether each was submitted. */
    async available(_ctx: Ctx, subject: CitizenSubject): Promise<AvailableForms> {
      const forms = await repo.publishedForms(db, subject.kind);
      const last = await latest(
        subject,
        forms.map((f) => f.id),
      );
      const directory = await org.departmentDirectory();
      return {
        subject: { kind: subject.kind, name: subject.name },
        items: forms.map((f) => {
          const mine = last.get(f.id);
          return {
            code: f.code,
            title: f.title,
            description: f.description,
            audience: f.audience,
            receivingDepartments: receiversOf(f).map((id) => directory.byId.get(id)?.name ?? String(id)),
            fieldCount: f.fields.length,
            prefilledCount: f.fields.filter((x) => x.binding).length,
            submitted: !!mine,
            lastSubmissionId: mine?.id ?? null,
            lastSubmittedAt: mine ? iso(mine.submittedAt) : null,
          };
        }),
      };
    },

    /**
     * The form to fill, prefilled: bound fields with the registry's value and where it came from (confirm only),
     * free fields with a reuse key with the subject's remembered answer and the form it came from. Audited: it
     * shows personal data.
     */
    async formToFill(ctx: Ctx, subject: CitizenSubject, code: string): Promise<FormToFill> {
      const form = await fillable(subject, code);
      const fromRegistry = await registryAnswers(deps, form.fields, subject);
      const memory = await remembered(subject);
      const fields = form.fields.map((f): FillField => {
        const base = {
          key: f.key,
          label: f.label,
          type: f.type,
          required: f.required,
          ...(f.options && { options: f.options }),
          ...(f.pattern !== undefined && { pattern: f.pattern }),
          ...(f.maxLength !== undefined && { maxLength: f.maxLength }),
          ...(f.help !== undefined && { help: f.help }),
          ...(f.binding && { binding: f.binding }),
          ...(f.reuseKey && { reuseKey: f.reuseKey }),
        };
        if (f.binding) {
          const answer = fromRegistry.get(f.key)!;
          return { ...base, ...answer, confirmOnly: true, reused: false, reusedFrom: null };
        }
        const kept = f.reuseKey ? memory.get(f.reuseKey) : undefined;
        return {
          ...base,
          value: kept?.value ?? null,
          confirmOnly: false,
          provenance: null,
          reused: !!kept,
          reusedFrom: kept
            ? { formTitle: kept.form?.title ?? null, consentedAt: iso(kept.consentedAt) }
            : null,
        };
      });
      const mine = (await latest(subject, [form.id])).get(form.id);
      await audit.record(db, ctx, {
        action: 'forms.prefill_read',
        targetType: 'form',
        targetId: form.id,
        detail: {
          code: form.code,
          ...auditSubject(subject),
          prefilled: fields.filter((f) => f.confirmOnly && f.value !== null).map((f) => f.key),
          reused: fields.filter((f) => f.reused).map((f) => f.key),
        },
      });
      return {
        code: form.code,
        title: form.title,
        description: form.description,
        audience: form.audience,
        version: form.version,
        subject: { kind: subject.kind, name: subject.name },
        receivingDepartments: await departmentNames(receiversOf(form)),
        fields,
        lastSubmissionId: mine?.id ?? null,
        lastSubmittedAt: mine ? iso(mine.submittedAt) : null,
      };
    },

    /**
     * Submits a form: bound answers are read from the registries here (whatever the app sent for them is
     * ignored), free answers are checked; the submission, one delivery per receiving department and, with
     * consent, the remembered answers of free fields with a reuse key are written in one transaction, audited.
     */
    async submit(
      ctx: Ctx,
      subject: CitizenSubject,
      code: string,
      input: SubmissionInput,
    ): Promise<SubmissionCreated> {
      const form = await fillable(subject, code);
      const fieldsByKey = new Map(form.fields.map((f) => [f.key, f]));
      const problems: FieldError[] = [];
      for (const key of Object.keys(input.answers))
        if (!fieldsByKey.has(key)) problems.push({ field: key, reason: 'unknown_field' });

      const fromRegistry = await registryAnswers(deps, form.fields, subject);
      const bound = form.fields.filter((f) => f.binding);
      const free = form.fields.filter((f) => !f.binding);
      const answers: Record<string, string> = {};
      const prefilledKeys: string[] = [];
      for (const f of bound) {
        const value = fromRegistry.get(f.key)?.value ?? null;
        if (value === null) {
          if (f.required) problems.push({ field: f.key, reason: 'answer_not_in_registry' });
          continue;
        }
        answers[f.key] = value;
        prefilledKeys.push(f.key);
      }
      const given: Record<string, string> = {};
      for (const f of free) {
        const raw = input.answers[f.key];
        given[f.key] = raw === undefined ? '' : answerText(raw);
      }
      problems.push(...checkAnswers(free, given, now()));
      if (prefilledKeys.length && !input.confirmPrefilled)
        problems.unshift({ field: 'confirmPrefilled', reason: 'prefill_not_confirmed' });
      if (problems.length) {
        const labelled = problems.map((p) => {
          const label = fieldsByKey.get(p.field)?.label;
          return label ? { ...p, params: { ...p.params, label } } : p;
        });
        throw new InputError('invalid_answers', 'Some answers need another look', labelled);
      }
      for (const f of free) if (given[f.key] !== '') answers[f.key] = given[f.key]!;

      const memory = await remembered(subject);
      const reusedKeys = free
        .filter(
          (f) =>
            f.reuseKey && answers[f.key] !== undefined && memory.get(f.reuseKey)?.value === answers[f.key],
        )
        .map((f) => f.key);
      const toRemember = input.rememberConsent
        ? free.filter((f) => f.reuseKey && answers[f.key] !== undefined)
        : [];
      const at = now();
      const receivers = receiversOf(form);
      const id = await db.transaction(async (tx) => {
        const row = await repo.insertSubmission(tx, {
          formId: form.id,
          formVersion: form.version,
          userId: subject.userId,
          subjectKind: subject.kind,
          subjectKey: subject.key,
          subjectName: subject.name,
          answers,
          prefilledKeys,
          reusedKeys,
          // submitted_at is left to the database (its transaction's time): the sharing API's feed of submissions
          // pages by it and must not see a row stamped earlier than transactions it has already read past.
        });
        await repo.insertDeliveries(tx, row.id, receivers);
        // One remembered answer per reuse key: when a form asks the same question twice, the first answer wins.
        const byReuseKey = new Map<string, FormField>();
        for (const f of toRemember) if (!byReuseKey.has(f.reuseKey!)) byReuseKey.set(f.reuseKey!, f);
        await repo.upsertRemembered(
          tx,
          [...byReuseKey].map(([reuseKey, f]) => ({
            userId: subject.userId,
            subjectKey: subject.key,
            reuseKey,
            value: answers[f.key]!,
            fromFormId: form.id,
            at,
          })),
        );
        await audit.record(tx, ctx, {
          action: 'forms.submit',
          targetType: 'form_submission',
          targetId: row.id,
          detail: {
            code: form.code,
            version: form.version,
            ...auditSubject(subject),
            departments: receivers,
            prefilled: prefilledKeys,
            reused: reusedKeys,
            remembered: [...byReuseKey.keys()],
          },
        });
        return row.id;
      });
      const row = await repo.findSubmission(db, id);
      return { ...(await detailOf(row!)), remembered: [...new Set(toRemember.map((f) => f.reuseKey!))] };
    },

    /** The subject's submissions, newest first. */
    async submissions(_ctx: Ctx, subject: CitizenSubject, q: SubmissionQuery): Promise<SubmissionPage> {
      const page = await repo.submissionsOf(db, subjectKey(subject), q);
      return {
        total: page.total,
        items: page.items.map((r) => ({
          id: r.id,
          formCode: r.formCode,
          formTitle: r.formTitle,
          formVersion: r.formVersion,
          subjectKind: r.subjectKind,
          subjectName: r.subjectName,
          submittedAt: iso(r.submittedAt),
          deliveredTo: r.deliveredTo,
          readBy: r.readBy,
        })),
      };
    },

    /** One of the subject's submissions (404 for anyone else's, as if it did not exist). Audited. */
    async submission(ctx: Ctx, subject: CitizenSubject, id: number): Promise<SubmissionDetail> {
      const row = await repo.findSubmission(db, id);
      if (!row || row.subjectKind !== subject.kind || row.subjectKey !== subject.key)
        throw new NotFoundError('submission', id);
      await audit.record(db, ctx, {
        action: 'forms.submission_read',
        targetType: 'form_submission',
        targetId: id,
        detail: { code: row.formCode, ...auditSubject(subject) },
      });
      return detailOf(row);
    },

    /** The answers the resident agreed to have reused for the subject, by reuse key. Audited. */
    async remembered(ctx: Ctx, subject: CitizenSubject): Promise<RememberedList> {
      const memory = await remembered(subject);
      await audit.record(db, ctx, {
        action: 'forms.remembered_read',
        detail: { ...auditSubject(subject), reuseKeys: [...memory.keys()] },
      });
      return {
        items: [...memory.values()].map((r) => ({
          reuseKey: r.reuseKey,
          label: r.form?.fields.find((f) => f.reuseKey === r.reuseKey)?.label ?? r.reuseKey,
          value: r.value,
          formTitle: r.form?.title ?? null,
          consentedAt: iso(r.consentedAt),
        })),
      };
    },

    /** Withdraws the consent to reuse one answer: it is forgotten (404 when there was none). Audited. */
    async forget(ctx: Ctx, subject: CitizenSubject, reuseKey: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await repo.deleteRemembered(tx, subject.userId, subject.key, reuseKey)))
          throw new NotFoundError('remembered answer', reuseKey);
        await audit.record(tx, ctx, {
          action: 'forms.remembered_withdraw',
          detail: { ...auditSubject(subject), reuseKey },
        });
      });
    },
  };
}
export type FillingService = ReturnType<typeof createFillingService>;
