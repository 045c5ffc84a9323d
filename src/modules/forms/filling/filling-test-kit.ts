// Test support for filling forms: forms put straight into the forms table (the console's definitions are tested on
// their own), two for persons and one for companies, sharing reuse keys, and a department's opening of a
// submission.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { FormAudience, FormField, FormStatus } from '../fields.ts';
import { deliveries, forms } from '../schema.ts';

/** A form as a test wants it: receiving departments by code, the first of them its owner. */
export type TestForm = {
  code: string;
  title: string;
  audience: FormAudience;
  receivers: string[];
  fields: FormField[];
  status?: FormStatus;
  description?: string;
};

/** 返望人员登记: the person's identity and address from the registries, where from and how they are asked once. */
export const returneeForm: TestForm = {
  code: 'returnee',
  title: '返望人员登记',
  audience: 'person',
  receivers: ['WJJ', 'GAFJ'],
  description: '返回望城区的人员请如实登记。',
  fields: [
    { key: 'name', label: '姓名', type: 'text', required: true, binding: 'person.name' },
    {
      key: 'id_number',
      label: '公民身份号码',
      type: 'id_number',
      required: true,
      binding: 'person.id_number',
    },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, binding: 'person.phone' },
    { key: 'address', label: '住址', type: 'text', required: true, binding: 'person.address' },
    { key: 'marital', label: '婚姻状况', type: 'text', required: false, binding: 'person.marital_status' },
    { key: 'from_city', label: '出发地', type: 'text', required: true, maxLength: 50 },
    { key: 'back_on', label: '返望日期', type: 'date', required: true },
    {
      key: 'health_code',
      label: '健康码颜色',
      type: 'select',
      required: true,
      options: ['绿码', '黄码', '红码'],
      reuseKey: 'health_code_color',
    },
    { key: 'temperature', label: '体温（℃）', type: 'number', required: false },
    { key: 'fever', label: '近14天是否发热', type: 'boolean', required: true },
    { key: 'employer', label: '工作单位', type: 'text', required: false, reuseKey: 'employer' },
    {
      key: 'emergency_phone',
      label: '紧急联系人电话',
      type: 'phone',
      required: false,
      reuseKey: 'emergency_phone',
    },
  ],
};

/** 新生儿落户与医保参保: asks the parent's employer and emergency phone again, which the returnee form remembers. */
export const newbornForm: TestForm = {
  code: 'newborn',
  title: '新生儿落户与医保参保',
  audience: 'person',
  receivers: ['GAFJ', 'YBJ'],
  fields: [
    { key: 'parent_name', label: '申请人姓名', type: 'text', required: true, binding: 'person.name' },
    { key: 'household', label: '户号', type: 'text', required: true, binding: 'person.household_id' },
    { key: 'baby_name', label: '新生儿姓名', type: 'text', required: true, maxLength: 20 },
    { key: 'baby_born_on', label: '出生日期', type: 'date', required: true },
    { key: 'work', label: '申请人工作单位', type: 'text', required: false, reuseKey: 'employer' },
    { key: 'contact', label: '紧急联系电话', type: 'phone', required: false, reuseKey: 'emergency_phone' },
  ],
};

/** 复工复产企业员工健康登记: the company's registration from the legal-person registry, the rest asked. */
export const resumptionForm: TestForm = {
  code: 'resumption',
  title: '复工复产企业员工健康登记',
  audience: 'company',
  receivers: ['WJJ', 'SCJGJ'],
  fields: [
    { key: 'company', label: '企业名称', type: 'text', required: true, binding: 'company.name' },
    {
      key: 'credit_code',
      label: '统一社会信用代码',
      type: 'credit_code',
      required: true,
      binding: 'company.credit_code',
    },
    {
      key: 'legal_rep',
      label: '法定代表人',
      type: 'text',
      required: true,
      binding: 'company.legal_rep_name',
    },
    { key: 'filled_by', label: '填报人', type: 'text', required: true, binding: 'person.name' },
    { key: 'staff', label: '在岗员工人数', type: 'number', required: true, reuseKey: 'staff_count' },
    { key: 'all_healthy', label: '员工均无发热等症状', type: 'boolean', required: true },
  ],
};

/** A form that is still a draft: no one may fill it. */
export const draftForm: TestForm = {
  code: 'draft_only',
  title: '尚未发布的表单',
  audience: 'person',
  receivers: ['CGJ'],
  status: 'draft',
  fields: [{ key: 'q', label: '问题', type: 'text', required: true }],
};

/** Stores forms (published unless they say otherwise), receiving departments named by code; returns their ids. */
export async function putForms(db: Db, departmentIds: Map<string, number>, list: TestForm[]) {
  const ids: Record<string, number> = {};
  for (const f of list) {
    const receivers = f.receivers.map((code) => {
      const id = departmentIds.get(code);
      if (id === undefined) throw new Error(`no department ${code}`);
      return id;
    });
    const status = f.status ?? 'published';
    const [row] = await db
      .insert(forms)
      .values({
        code: f.code,
        title: f.title,
        description: f.description ?? null,
        audience: f.audience,
        ownerDepartmentId: receivers[0]!,
        receivingDepartmentIds: receivers,
        fields: f.fields,
        status,
        publishedAt: status === 'published' ? new Date() : null,
      })
      .returning({ id: forms.id });
    ids[f.code] = row!.id;
  }
  return ids;
}

/** A receiving department opens a submission in its inbox (the console's side, not under test here). */
export async function markRead(db: Db, submissionId: number, departmentId: number, at: Date) {
  await db
    .update(deliveries)
    .set({ readAt: at })
    .where(and(eq(deliveries.submissionId, submissionId), eq(deliveries.departmentId, departmentId)));
}
