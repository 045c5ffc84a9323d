// Test support for the console side of "report once": the citizen platform (registries, departments, residents
// signed in) with the departments' ids, a valid form definition, and submissions stored as the filling side stores
// them (a submission and its deliveries), so the inbox, the export and the sharing API are tested on their own.
import type { startPlatformWithUsers } from '../../../test/databases.ts';
import type { FormField } from './fields.ts';
import { deliveries, submissions } from './schema.ts';

/** A resident of the citizen test kit's registries (its `residents`), as the answers here need them. */
type Resident = { idNumber: string; name: string; phone: string };

/**
 * The citizen test platform (citizen-test-kit.ts: registries, departments, residents `zhang` and `li` signed in)
 * with the ids of the departments the forms tests use and the residents' user ids.
 */
export async function withFormsIds(platform: Awaited<ReturnType<typeof startPlatformWithUsers>>) {
  const { p } = platform;
  const departmentIds: Record<string, number> = {};
  for (const code of ['SJZX', 'CGJ', 'GAFJ', 'SCJGJ', 'WJJ', 'RSJ', 'YBJ']) {
    const d = await p.modules.org.service.findDepartmentByCode(code);
    if (!d) throw new Error(`no department ${code}`);
    departmentIds[code] = d.id;
  }
  const userIds: Record<string, number> = {};
  for (const who of ['zhang', 'li'] as const) {
    const me = await platform.call('GET', '/api/auth/me', platform.as[who]!);
    userIds[who] = me.json().id;
  }
  return { ...platform, departmentIds, userIds };
}
export type FormsPlatform = Awaited<ReturnType<typeof withFormsIds>>;

/** The fields of a person's form: bound name and ID number, free city (reused), date, choice and yes-or-no. */
export const personFields: FormField[] = [
  { key: 'name', label: '姓名', type: 'text', required: true, binding: 'person.name' },
  { key: 'id_number', label: '公民身份号码', type: 'id_number', required: true, binding: 'person.id_number' },
  { key: 'phone', label: '联系电话', type: 'phone', required: true, binding: 'person.phone' },
  { key: 'returned_from', label: '从何地返望', type: 'text', required: true, reuseKey: 'returned_from' },
  { key: 'return_date', label: '返望日期', type: 'date', required: true },
  { key: 'transport', label: '交通方式', type: 'select', required: true, options: ['火车', '飞机', '自驾'] },
  { key: 'quarantined', label: '是否居家隔离', type: 'boolean', required: false },
  { key: 'people', label: '同行人数', type: 'number', required: false },
];

/** A person's form received by the given departments, as the console sends it. */
export function personForm(
  code: string,
  receivingDepartmentIds: number[],
  more: Record<string, unknown> = {},
) {
  return {
    code,
    title: `返望人员登记 ${code}`,
    description: '测试表单',
    audience: 'person',
    receivingDepartmentIds,
    fields: personFields,
    ...more,
  };
}

/** One submission as the filling side stores it, delivered to `departmentIds`. */
export type TestSubmission = {
  formId: number;
  formVersion: number;
  userId: number;
  subjectKind?: 'person' | 'company';
  subjectKey: string;
  subjectName: string;
  answers: Record<string, string>;
  departmentIds: number[];
  submittedAt?: Date;
  prefilledKeys?: string[];
  reusedKeys?: string[];
};

/** Stores a submission and its deliveries (in one transaction, as a submit does); returns its id. */
export async function insertSubmission(platform: FormsPlatform, s: TestSubmission): Promise<number> {
  const { db } = platform.p.database;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(submissions)
      .values({
        formId: s.formId,
        formVersion: s.formVersion,
        userId: s.userId,
        subjectKind: s.subjectKind ?? 'person',
        subjectKey: s.subjectKey,
        subjectName: s.subjectName,
        answers: s.answers,
        prefilledKeys: s.prefilledKeys ?? [],
        reusedKeys: s.reusedKeys ?? [],
        ...(s.submittedAt && { submittedAt: s.submittedAt }),
      })
      .returning({ id: submissions.id });
    if (s.departmentIds.length)
      await tx
        .insert(deliveries)
        .values(s.departmentIds.map((departmentId) => ({ submissionId: row!.id, departmentId })));
    return row!.id;
  });
}

/** A resident's answers to the person's form. */
export function answersOf(resident: Resident, more: Record<string, string> = {}) {
  return {
    name: resident.name,
    id_number: resident.idNumber,
    phone: resident.phone,
    returned_from: '湖北省武汉市',
    return_date: '2020-02-01',
    transport: '火车',
    quarantined: 'true',
    people: '2',
    ...more,
  };
}
