// The fields of a "report once" form, without zod, so the console and the app import them without the contract.

/** Registry items a form field can be bound to (prefilled from the base registries, only confirmed). */
export const bindings = {
  'person.name': { registry: 'population', item: 'name', zh: '姓名', en: 'Name' },
  'person.id_number': { registry: 'population', item: 'id_number', zh: '公民身份号码', en: 'ID number' },
  'person.sex': { registry: 'population', item: 'sex', zh: '性别', en: 'Sex' },
  'person.birth_date': { registry: 'population', item: 'birth_date', zh: '出生日期', en: 'Date of birth' },
  'person.ethnicity': { registry: 'population', item: 'ethnicity', zh: '民族', en: 'Ethnicity' },
  'person.address': { registry: 'population', item: 'address', zh: '住址', en: 'Address' },
  'person.phone': { registry: 'population', item: 'phone', zh: '联系电话', en: 'Phone' },
  'person.household_id': { registry: 'population', item: 'household_id', zh: '户号', en: 'Household number' },
  'person.subdistrict': { registry: 'population', item: 'subdistrict', zh: '街道（镇）', en: 'Subdistrict' },
  'person.community': { registry: 'population', item: 'community', zh: '社区（村）', en: 'Community' },
  'person.marital_status': {
    registry: 'population',
    item: 'marital_status',
    zh: '婚姻状况',
    en: 'Marital status',
  },
  'company.name': { registry: 'legal_person', item: 'name', zh: '企业名称', en: 'Company name' },
  'company.credit_code': {
    registry: 'legal_person',
    item: 'credit_code',
    zh: '统一社会信用代码',
    en: 'Unified social credit code',
  },
  'company.legal_rep_name': {
    registry: 'legal_person',
    item: 'legal_rep_name',
    zh: '法定代表人',
    en: 'Legal representative',
  },
  'company.legal_rep_id_number': {
    registry: 'legal_person',
    item: 'legal_rep_id_number',
    zh: '法定代表人身份号码',
    en: "Legal representative's ID number",
  },
  'company.address': { registry: 'legal_person', item: 'address', zh: '住所', en: 'Registered address' },
  'company.org_type': { registry: 'legal_person', item: 'org_type', zh: '企业类型', en: 'Type' },
  'company.status': { registry: 'legal_person', item: 'status', zh: '登记状态', en: 'Status' },
} as const;
export type Binding = keyof typeof bindings;
export const bindingCodes = Object.keys(bindings) as Binding[];

/** The kinds of answer a field takes; each has its own check. */
export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'date',
  'phone',
  'id_number',
  'credit_code',
  'select',
  'boolean',
] as const;
export type FieldType = (typeof fieldTypes)[number];

/**
 * One field of a form. A bound field (`binding`) is prefilled from the registries and only confirmed; a free field
 * with a `reuseKey` is prefilled from the person's earlier answer to the same question when they consented.
 */
export type FormField = {
  /** The answer's key in submissions and exports (a-z, 0-9, _). */
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  binding?: Binding;
  /** The question's name across forms (e.g. `employer`, `health_code_color`): answers are reused under it. */
  reuseKey?: string;
  /** The choices of a `select`. */
  options?: string[];
  /** A regular expression the answer must match (free fields). */
  pattern?: string;
  maxLength?: number;
  help?: string;
};

export const formAudiences = ['person', 'company'] as const;
export type FormAudience = (typeof formAudiences)[number];
export const formStatuses = ['draft', 'published', 'closed'] as const;
export type FormStatus = (typeof formStatuses)[number];
