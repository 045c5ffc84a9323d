import { addMessages } from '../../../core/messages.ts';

// The form definitions' errors and field reasons, in the 'forms' namespace.
addMessages('forms', {
  not_form_owner: {
    'zh-CN': '只有表单所属部门（或数据资源中心）可以修改该表单',
    en: "Only the form's own department (or the data center) may change it",
  },
  form_code_format: {
    'zh-CN': '表单编码须以小写字母开头，由小写字母、数字和“-”组成，3 至 41 位',
    en: 'A form code starts with a lower-case letter and has 3 to 41 lower-case letters, digits or hyphens',
  },
  form_key_format: {
    'zh-CN': '须以小写字母开头，由小写字母、数字和下划线组成',
    en: 'must start with a lower-case letter and hold only lower-case letters, digits and underscores',
  },
  form_key_twice: { 'zh-CN': '字段标识“{key}”重复', en: 'the key "{key}" is used twice' },
  form_reuse_twice: { 'zh-CN': '复用标识“{key}”重复', en: 'the reuse key "{key}" is used twice' },
  form_binding_person: {
    'zh-CN': '个人表单只能关联人口库数据项（person.*），不能关联 {binding}',
    en: "a person's form binds only population items (person.*), not {binding}",
  },
  form_binding_company: {
    'zh-CN': '企业表单只能关联法人库（company.*）或填报人（person.*）的数据项，不能关联 {binding}',
    en: "a company's form binds only legal-person items (company.*) or the filer's (person.*), not {binding}",
  },
  form_binding_twice: {
    'zh-CN': '数据项 {binding} 已被其他字段关联',
    en: '{binding} is bound by another field',
  },
  form_reuse_bound: {
    'zh-CN': '关联基础库的字段由基础库预填，不设复用标识',
    en: 'a bound field is prefilled from the registries and takes no reuse key',
  },
  form_pattern_bound: {
    'zh-CN': '关联基础库的字段不设校验规则',
    en: 'a bound field takes no pattern',
  },
  form_options_required: { 'zh-CN': '下拉选择须至少有一个选项', en: 'a choice needs at least one option' },
  form_option_twice: { 'zh-CN': '选项“{option}”重复', en: 'the option "{option}" is given twice' },
  form_options_select_only: {
    'zh-CN': '只有下拉选择字段设置选项',
    en: 'only a choice field has options',
  },
  form_pattern_type: {
    'zh-CN': '只有文本、数字和电话字段可设校验规则',
    en: 'only text, number and phone fields take a pattern',
  },
  form_pattern_invalid: {
    'zh-CN': '不是有效的正则表达式',
    en: 'is not a valid regular expression',
  },
  form_department_twice: { 'zh-CN': '接收部门重复', en: 'the department is given twice' },
  form_unknown_department: {
    'zh-CN': '部门 {department} 不存在或已停用',
    en: 'department {department} does not exist or is inactive',
  },
  form_no_fields: { 'zh-CN': '发布前须至少有一个字段', en: 'a form needs a field before it is published' },
  form_no_receivers: {
    'zh-CN': '发布前须至少选择一个接收部门',
    en: 'a form needs a receiving department before it is published',
  },
  form_code_fixed: {
    'zh-CN': '表单发布后编码不能修改',
    en: 'the code of a published form does not change',
  },
  form_audience_fixed: {
    'zh-CN': '表单发布后填报对象不能修改',
    en: 'the audience of a published form does not change',
  },
  form_already_published: { 'zh-CN': '表单已发布', en: 'The form is published already' },
  form_not_published: { 'zh-CN': '只能关闭已发布的表单', en: 'Only a published form can be closed' },
  form_not_draft: {
    'zh-CN': '只能删除草稿；已发布的表单请关闭',
    en: 'Only a draft can be deleted; close a published form instead',
  },
  form_not_publishable: {
    'zh-CN': '表单尚不能发布',
    en: 'The form cannot be published yet',
  },
});
