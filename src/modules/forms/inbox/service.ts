import type { Readable } from 'node:stream';
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import type { Lang } from '../../../core/messages.ts';
import { isCenterStaff } from '../../../core/policy.ts';
import type { AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import type { DefinitionService } from '../definitions/service.ts';
import type { Binding, FieldType, FormField } from '../fields.ts';
import type { ExportQuery, InboxAnswer, InboxDetail, InboxPage, InboxQuery } from './contract.ts';
import { maskAnswer, maskSubject } from './masking.ts';
import './messages.ts';
import * as repo from './repository.ts';
import { type ExportColumn, submissionsWorkbook } from './xlsx.ts';

// Rows read from the database per step of an export's stream.
const EXPORT_BATCH = 1000;

const shanghai = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** The export's fixed headers, in either language. */
const headers = {
  'zh-CN': {
    id: '提交编号',
    at: '提交时间',
    name: '填报对象',
    key: { person: '公民身份号码', company: '统一社会信用代码' },
    version: '表单版本',
    yes: '是',
    no: '否',
  },
  en: {
    id: 'Submission',
    at: 'Submitted',
    name: 'Subject',
    key: { person: 'ID number', company: 'Credit code' },
    version: 'Form version',
    yes: 'Yes',
    no: 'No',
  },
} as const;

/**
 * The inbox (收件箱) of "report once": the submissions delivered to a department, read by its users unmasked (each
 * reading audited, the first marking the delivery read) and exported as XLSX; the center's staff see every
 * department's, masked, unless their own department is the one receiving.
 */
export function createInboxService(deps: {
  db: Db;
  audit: AuditService;
  org: OrgService;
  definitions: DefinitionService;
  now?: () => Date;
}) {
  const { db, audit, org, definitions } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * Whose inbox a request reads: a department user their own department's (asking for another's is refused and
   * audited), center staff the department asked for or every department's (undefined); null: none.
   */
  async function inboxOf(ctx: Ctx, asked: number | undefined): Promise<number | undefined | null> {
    const own = ctx.actor?.departmentId ?? null;
    if (isCenterStaff(ctx.actor)) return asked;
    if (asked !== undefined && asked !== own)
      await audit.deny(
        ctx,
        { targetType: 'department', targetId: asked, detail: { code: 'not_your_inbox' } },
        new ForbiddenError('not_your_inbox', "Another department's inbox"),
      );
    return own;
  }

  return {
    /** One page of the inbox asked for, newest first, subjects masked, with its unread count. */
    async list(ctx: Ctx, q: InboxQuery): Promise<InboxPage> {
      const department = await inboxOf(ctx, q.departmentId);
      if (department === null) return { items: [], total: 0, unread: 0 };
      const filter: repo.InboxFilter = {
        departmentId: department,
        formId: q.formId,
        q: q.q,
        read: q.read === undefined ? undefined : q.read === 'true',
        from: q.from,
        to: q.to,
      };
      const [page, unread, dir] = await Promise.all([
        repo.findInbox(db, filter, q),
        repo.countUnread(db, department),
        org.departmentDirectory(),
      ]);
      return {
        items: page.items.map((r) => {
          const subject = maskSubject(r.subjectKind, r.subjectName, r.subjectKey);
          return {
            submissionId: r.submissionId,
            departmentId: r.departmentId,
            department: dir.byId.get(r.departmentId)?.name ?? String(r.departmentId),
            form: { id: r.formId, code: r.formCode, title: r.formTitle },
            formVersion: r.formVersion,
            subjectKind: r.subjectKind,
            subjectName: subject.name,
            subjectKey: subject.key,
            submittedAt: r.submittedAt.toISOString(),
            readAt: r.readAt?.toISOString() ?? null,
          };
        }),
        total: page.total,
        unread,
      };
    },

    /**
     * One submission with its answers. A user of a receiving department reads it whole, the reading is audited as
     * a read of personal data and the first one marks the delivery read; center staff read it masked (audited too);
     * anyone else finds nothing (404).
     */
    async detail(ctx: Ctx, submissionId: number): Promise<InboxDetail> {
      const submission = await repo.findSubmission(db, submissionId);
      const delivered = submission ? await repo.findDeliveries(db, submissionId) : [];
      const own = ctx.actor?.departmentId ?? null;
      const addressee = own !== null && delivered.some((d) => d.departmentId === own);
      if (!submission || (!addressee && !isCenterStaff(ctx.actor)))
        throw new NotFoundError('submission', submissionId);
      const form = await definitions.findById(submission.formId);
      if (!form) throw new NotFoundError('submission', submissionId);
      const masked = !addressee;
      const at = now();
      const wasUnread = await db.transaction(async (tx) => {
        const marked = addressee ? await repo.markRead(tx, submissionId, own!, at) : false;
        await audit.record(tx, ctx, {
          action: 'forms.submission_read',
          targetType: 'form_submission',
          targetId: submissionId,
          detail: {
            form: form.code,
            subjectKind: submission.subjectKind,
            masked,
            ...(addressee && { department: own }),
          },
        });
        return marked;
      });
      const dir = await org.departmentDirectory();
      const subject = masked
        ? maskSubject(submission.subjectKind, submission.subjectName, submission.subjectKey)
        : { name: submission.subjectName, key: submission.subjectKey };
      return {
        submissionId,
        form: { id: form.id, code: form.code, title: form.title, version: form.version },
        formVersion: submission.formVersion,
        subjectKind: submission.subjectKind,
        subjectName: subject.name,
        subjectKey: subject.key,
        submittedAt: submission.submittedAt.toISOString(),
        masked,
        answers: answersOf(form.fields, submission, masked),
        deliveries: delivered.map((d) => ({
          departmentId: d.departmentId,
          department: dir.byId.get(d.departmentId)?.name ?? String(d.departmentId),
          readAt: (d.departmentId === own && wasUnread ? at : d.readAt)?.toISOString() ?? null,
        })),
      };
    },

    /**
     * A form's submissions as XLSX (streamed): one column per question (its label), after the submission's
     * number, time, subject and form version. A receiving department's user exports what it was sent, unmasked;
     * center staff export a department's or all, masked unless their own department is the receiver asked for.
     * The export is audited with its row count; anyone else is refused (403, audited).
     */
    async exportXlsx(
      ctx: Ctx,
      formId: number,
      q: ExportQuery,
      lang: Lang,
    ): Promise<{ stream: Readable; fileName: string }> {
      const form = await definitions.findById(formId);
      if (!form || !definitions.mayRead(ctx, form)) throw new NotFoundError('form', formId);
      const own = ctx.actor?.departmentId ?? null;
      const center = isCenterStaff(ctx.actor);
      const department = center ? q.departmentId : ((await inboxOf(ctx, q.departmentId)) ?? undefined);
      const receives =
        department !== undefined &&
        (form.receivingDepartmentIds.includes(department) ||
          (await repo.hasDeliveries(db, formId, department)));
      if (!center && (department === undefined || !receives))
        await audit.deny(
          ctx,
          { targetType: 'form', targetId: formId, detail: { action: 'export', code: 'not_receiver' } },
          new ForbiddenError('not_receiver', 'Only a receiving department exports the submissions'),
        );
      const masked = !(receives && department === own);
      const filter: repo.ExportFilter = { formId, departmentId: department, from: q.from, to: q.to };
      const rows = await repo.countExport(db, filter);
      await audit.recordNow(ctx, {
        action: 'forms.submissions_export',
        targetType: 'form',
        targetId: formId,
        detail: { code: form.code, rows, masked, department: department ?? null, from: q.from, to: q.to },
      });
      const text = headers[lang];
      const fields = form.fields;
      const keyed = new Set(fields.map((f) => f.key));
      const show = (f: { type: FieldType | null; binding?: Binding | null }, value: string | undefined) => {
        if (value === undefined || value === '') return null;
        const shown = masked ? maskAnswer({ binding: f.binding, type: f.type }, value) : value;
        if (f.type === 'boolean' && (shown === 'true' || shown === 'false'))
          return shown === 'true' ? text.yes : text.no;
        if (f.type === 'number' && !masked && /^-?\d{1,15}(\.\d+)?$/.test(shown)) return Number(shown);
        return shown;
      };
      // Answers to questions a later version removed keep their own columns, headed by their key.
      const removed = (await repo.findAnswerKeys(db, filter)).filter((key) => !keyed.has(key));
      const columns: ExportColumn<repo.SubmissionRow>[] = [
        { header: text.id, width: 10, value: (r) => r.id },
        { header: text.at, width: 20, value: (r) => shanghai.format(r.submittedAt) },
        {
          header: text.name,
          width: 24,
          value: (r) =>
            masked ? maskSubject(r.subjectKind, r.subjectName, r.subjectKey).name : r.subjectName,
        },
        {
          header: text.key[form.audience],
          width: 22,
          value: (r) => (masked ? maskSubject(r.subjectKind, r.subjectName, r.subjectKey).key : r.subjectKey),
        },
        { header: text.version, width: 10, value: (r) => r.formVersion },
        ...fields.map((f) => ({
          header: f.label,
          value: (r: repo.SubmissionRow) => show(f, r.answers[f.key]),
        })),
        ...removed.map((key) => ({
          header: key,
          value: (r: repo.SubmissionRow) => show({ type: null }, r.answers[key]),
        })),
      ];
      const title = `${form.title}（${form.code}）`;
      return {
        stream: submissionsWorkbook(form.title, title, columns, batchesOf(filter)),
        fileName: `form-${form.code}-submissions.xlsx`,
      };
    },
  };

  /** An export's submissions in batches, oldest first. */
  async function* batchesOf(filter: repo.ExportFilter): AsyncGenerator<repo.SubmissionRow[]> {
    let after = 0;
    for (;;) {
      const batch = await repo.findExportBatch(db, filter, after, EXPORT_BATCH);
      if (batch.length) yield batch;
      if (batch.length < EXPORT_BATCH) return;
      after = batch.at(-1)!.id;
    }
  }
}

/** A submission's answers in the form's order, then answers to questions no longer asked; masked when asked. */
function answersOf(fields: FormField[], submission: repo.SubmissionRow, masked: boolean): InboxAnswer[] {
  const prefilled = new Set(submission.prefilledKeys);
  const reused = new Set(submission.reusedKeys);
  const asked = new Set(fields.map((f) => f.key));
  const answer = (
    key: string,
    label: string,
    type: FieldType | null,
    binding: Binding | null,
  ): InboxAnswer => {
    const value = submission.answers[key];
    const shown =
      value === undefined || value === '' ? null : masked ? maskAnswer({ binding, type }, value) : value;
    return {
      key,
      label,
      type,
      binding,
      value: shown,
      prefilled: prefilled.has(key),
      reused: reused.has(key),
    };
  };
  return [
    ...fields.map((f) => answer(f.key, f.label, f.type, f.binding ?? null)),
    ...Object.keys(submission.answers)
      .filter((key) => !asked.has(key))
      .map((key) => answer(key, key, null, null)),
  ];
}

export type InboxService = ReturnType<typeof createInboxService>;
