/** The e-license error and field-reason codes, in zh-CN and en (registered once, at import). */
import { addMessages } from '../../../core/messages.ts';

addMessages('registry', {
  invalid_license: { 'zh-CN': '证照信息有误', en: 'The license details are invalid' },
  license_type_code: {
    'zh-CN': '证照类型代码应为 21 位：类型定义机构的统一社会信用代码加 3 位数字',
    en: 'a license type code has 21 characters: the defining authority’s credit code and 3 digits',
  },
  license_type_not_issuer: {
    'zh-CN': '颁证部门不能颁发此类证照',
    en: 'the issuing department does not issue this license type',
  },
  license_type_unknown: {
    'zh-CN': '不是本区颁发的证照类型，请从证照类型列表中选择',
    en: 'not a license type the district issues: choose one from the list of types',
  },
  license_type_name: {
    'zh-CN': '证照类型名称应为“{name}”',
    en: 'the license type’s name is “{name}”',
  },
  holder_picked: {
    'zh-CN': '已从基础库选择持证主体，不能再填写代码或名称',
    en: 'the holder was picked from the registries: give no code or name beside it',
  },
  holder_not_in_registry: {
    'zh-CN': '基础库中没有这个持证主体',
    en: 'no such holder in the registries',
  },
  date_invalid: { 'zh-CN': '日期无效', en: 'the date is not valid' },
  in_future: { 'zh-CN': '不能晚于今天', en: 'cannot be later than today' },
  before_issue_date: { 'zh-CN': '不能早于颁证日期', en: 'cannot be before the issue date' },
  issuer_required: {
    'zh-CN': '请指定颁证部门',
    en: 'Name the issuing department',
  },
  not_issuing_department: {
    'zh-CN': '只能办理本部门颁发的证照',
    en: 'You may only act on licenses of your own department',
  },
  license_revoked: { 'zh-CN': '证照 {id} 已注销', en: 'License {id} is already revoked' },
  no_id_number: {
    'zh-CN': '您的账号未登记身份证号，无法查看本人证照',
    en: 'Your account has no citizen ID number, so it has no licenses of its own',
  },
  verify_input: {
    'zh-CN': '请提供证照标识或二维码内容中的一项',
    en: 'Give either a license identifier or the content of its QR code',
  },
});
