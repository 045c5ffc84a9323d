import { systemCtx } from '../../../core/context.ts';
import type { OrgService } from '../../org/index.ts';
import type { FormAudience, FormField } from '../fields.ts';
import type { DefinitionService } from './service.ts';

// The demo district's forms of "report once": the two the data center built in the pandemic (返（来）望人员登记,
// 复工复产企业员工健康登记, see the seeds' work report) and one ordinary form, all published.

/** A demo form, its departments named by code. */
export type DemoForm = {
  code: string;
  title: string;
  description: string;
  audience: FormAudience;
  owner: string;
  receivers: string[];
  fields: FormField[];
};

const bound = (key: string, label: string, binding: FormField['binding'], type: FormField['type'] = 'text') =>
  ({ key, label, type, required: true, binding }) satisfies FormField;

export const demoForms: DemoForm[] = [
  {
    code: 'fhwry-dj',
    title: '返望人员登记',
    description:
      '从外地返回（来）望城的人员，请如实登记行程与健康状况。姓名、身份证号、住址等信息已从人口库预填，确认即可。',
    audience: 'person',
    owner: 'WJJ',
    // 卫健局 follows up health; 公安分局 checks journeys. Subdistrict offices are not receivers: every submission
    // reaches every receiver, and one office has no business with another subdistrict's returnees.
    receivers: ['WJJ', 'GAFJ'],
    fields: [
      bound('name', '姓名', 'person.name'),
      bound('id_number', '公民身份号码', 'person.id_number', 'id_number'),
      bound('phone', '联系电话', 'person.phone', 'phone'),
      bound('address', '现住址', 'person.address'),
      { ...bound('subdistrict', '所在街道（镇）', 'person.subdistrict'), required: false },
      { ...bound('community', '所在社区（村）', 'person.community'), required: false },
      {
        key: 'returned_from',
        label: '从何地返望（城市）',
        type: 'text',
        required: true,
        reuseKey: 'returned_from',
        maxLength: 40,
        help: '写到地级市，如：湖北省武汉市',
      },
      { key: 'return_date', label: '返望日期', type: 'date', required: true, reuseKey: 'return_date' },
      {
        key: 'transport',
        label: '交通方式',
        type: 'select',
        required: true,
        options: ['火车', '飞机', '长途汽车', '自驾', '其他'],
      },
      {
        key: 'train_or_flight',
        label: '车次、航班或车牌号',
        type: 'text',
        required: false,
        maxLength: 20,
      },
      {
        key: 'health_status',
        label: '当前健康状况',
        type: 'select',
        required: true,
        options: ['健康', '发热', '咳嗽、乏力等其他症状'],
      },
      { key: 'quarantined', label: '是否已居家隔离', type: 'boolean', required: true },
      {
        key: 'employer',
        label: '工作单位',
        type: 'text',
        required: false,
        reuseKey: 'employer',
        maxLength: 60,
      },
    ],
  },
  {
    code: 'fgfc-jkdj',
    title: '复工复产企业员工健康登记',
    description:
      '复工复产企业按要求登记员工返岗与健康情况。企业名称、统一社会信用代码、法定代表人已从法人库预填，确认即可。',
    audience: 'company',
    owner: 'SCJGJ',
    receivers: ['SCJGJ', 'WJJ', 'RSJ'],
    fields: [
      bound('company_name', '企业名称', 'company.name'),
      bound('credit_code', '统一社会信用代码', 'company.credit_code', 'credit_code'),
      bound('legal_rep', '法定代表人', 'company.legal_rep_name'),
      { ...bound('company_address', '住所', 'company.address'), required: false },
      {
        key: 'employee_count',
        label: '员工总数',
        type: 'number',
        required: true,
        reuseKey: 'employee_count',
        pattern: '\\d{1,6}',
        help: '整数',
      },
      { key: 'returned_count', label: '已返岗人数', type: 'number', required: true, pattern: '\\d{1,6}' },
      {
        key: 'from_outside_count',
        label: '其中外地返岗人数',
        type: 'number',
        required: true,
        pattern: '\\d{1,6}',
      },
      {
        key: 'health_check',
        label: '员工健康监测情况',
        type: 'select',
        required: true,
        options: ['每日监测，均无异常', '每日监测，有异常已报告', '尚未开展'],
      },
      { key: 'disinfection', label: '已落实场所消毒和防护物资', type: 'boolean', required: true },
      {
        key: 'contact_name',
        label: '防疫联络人',
        type: 'text',
        required: true,
        reuseKey: 'epidemic_contact',
        maxLength: 20,
      },
      {
        key: 'contact_phone',
        label: '联络人电话',
        type: 'phone',
        required: true,
        reuseKey: 'epidemic_contact_phone',
      },
    ],
  },
  {
    code: 'xsr-lhyb',
    title: '新生儿落户与医保参保',
    description: '为新生儿一次申报户口登记和城乡居民医保参保。父（母）信息已从人口库预填，确认即可。',
    audience: 'person',
    owner: 'GAFJ',
    receivers: ['GAFJ', 'YBJ'],
    fields: [
      bound('parent_name', '申报人（父或母）姓名', 'person.name'),
      bound('parent_id_number', '申报人公民身份号码', 'person.id_number', 'id_number'),
      bound('parent_address', '户籍住址', 'person.address'),
      bound('household_id', '户号', 'person.household_id'),
      { ...bound('parent_phone', '联系电话', 'person.phone', 'phone'), required: false },
      { key: 'baby_name', label: '新生儿姓名', type: 'text', required: true, maxLength: 20 },
      { key: 'baby_birth_date', label: '出生日期', type: 'date', required: true },
      { key: 'baby_sex', label: '性别', type: 'select', required: true, options: ['男', '女'] },
      {
        key: 'birth_hospital',
        label: '出生医院',
        type: 'text',
        required: true,
        maxLength: 60,
        help: '与出生医学证明一致',
      },
      {
        key: 'birth_certificate_no',
        label: '出生医学证明编号',
        type: 'text',
        required: true,
        pattern: '[A-Z]\\d{9}',
        help: '一位大写字母加九位数字，如 R430123456',
      },
      {
        key: 'insurance',
        label: '医保参保',
        type: 'select',
        required: true,
        options: ['参加城乡居民医保', '随父母参加职工医保', '暂不参保'],
      },
    ],
  },
];

/**
 * Adds the demo's forms that are missing (by code) and publishes them: run again, it changes nothing. A form of
 * the demo's code that exists is left as it is, whatever was done to it since.
 */
export async function seedDemoForms(definitions: DefinitionService, org: OrgService, forms = demoForms) {
  const ctx = systemCtx('demo');
  let created = 0;
  for (const form of forms) {
    if (await definitions.findByCode(form.code)) continue;
    const id = async (code: string) => {
      const department = await org.findDepartmentByCode(code);
      if (!department)
        throw new Error(`The demo form ${form.code} needs department ${code}, which does not exist`);
      return department.id;
    };
    const draft = await definitions.create(ctx, {
      code: form.code,
      title: form.title,
      description: form.description,
      audience: form.audience,
      ownerDepartmentId: await id(form.owner),
      receivingDepartmentIds: await Promise.all(form.receivers.map(id)),
      fields: form.fields,
    });
    await definitions.publish(ctx, draft.id);
    created++;
  }
  return { created, existing: forms.length - created };
}
