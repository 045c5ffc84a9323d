import type { Lang, Template } from '../../core/messages.ts';

/**
 * Names of the classification codes (类-项-目-细目) that the district uses. The national guide (政务信息资源目录
 * 编制指南) lists the 项 of the base class — 人口, 法人单位, 自然资源和空间地理, 社会信用, 电子证照 — but leaves their
 * numbers to each catalog; ours follow the codes the demo resources were registered under, which put 电子证照 at
 * 104 and 社会信用 at 105. A code without a name here is still valid: it is shown by its digits.
 */
const classNames: Record<string, Template> = {
  // The three classes (the first digit), as the guide names them.
  '1': { 'zh-CN': '基础信息资源', en: 'Base resources' },
  '2': { 'zh-CN': '主题信息资源', en: 'Thematic resources' },
  '3': { 'zh-CN': '部门信息资源', en: 'Departmental resources' },
  // 基础信息资源类
  '101': { 'zh-CN': '人口基础信息', en: 'Population' },
  '101001': { 'zh-CN': '实有人口', en: 'Resident population' },
  '102': { 'zh-CN': '法人单位基础信息', en: 'Legal entities' },
  '102001': { 'zh-CN': '法人单位登记', en: 'Legal entity registration' },
  '103': { 'zh-CN': '自然资源和空间地理基础信息', en: 'Natural resources and geospatial' },
  '103001': { 'zh-CN': '城市部件', en: 'City components' },
  '104': { 'zh-CN': '电子证照基础信息', en: 'Electronic licences' },
  '104001': { 'zh-CN': '电子证照目录', en: 'Licence directory' },
  '105': { 'zh-CN': '社会信用基础信息', en: 'Social credit' },
  // 主题信息资源类: the themes of the district's shared projects.
  '203': { 'zh-CN': '交通运输', en: 'Transport' },
  '203001': { 'zh-CN': '科技治超', en: 'Overload enforcement' },
  '205': { 'zh-CN': '生态环保', en: 'Ecology and environment' },
  '205001': { 'zh-CN': '水文监测', en: 'Hydrological monitoring' },
  '206': { 'zh-CN': '城乡建设', en: 'Urban and rural construction' },
  '206001': { 'zh-CN': '智慧工地', en: 'Construction sites' },
  // 部门信息资源类: 项 301 is the district's own departments, one 目 per department.
  '301': { 'zh-CN': '区政务部门', en: 'District departments' },
  '301001': { 'zh-CN': '公安', en: 'Public security' },
  '301002': { 'zh-CN': '民政', en: 'Civil affairs' },
  '301003': { 'zh-CN': '市场监管', en: 'Market regulation' },
  '301004': { 'zh-CN': '卫生健康', en: 'Health' },
  '301010': { 'zh-CN': '教育', en: 'Education' },
};

/** The name of a classification code (类 1, 项 101, 目 101001 …) in `lang`, or null when the catalog has none. */
export function className(classCode: string, lang: Lang): string | null {
  return classNames[classCode]?.[lang] ?? null;
}

/** The lengths of a classification code's levels: 类 (1), 项 (3), 目 (6), 细目 (9). */
export const classLevelLengths = [1, 3, 6, 9] as const;
