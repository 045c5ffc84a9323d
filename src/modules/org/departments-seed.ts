/** The departments every demo district starts with; editable in the console afterwards. */

export type DepartmentKind = 'center' | 'department' | 'subdistrict';

export type DepartmentSeed = { code: string; name: string; kind: DepartmentKind; divisionCode?: string };

export const CENTER_CODE = 'SJZX';

export const seedDepartments: DepartmentSeed[] = [
  { code: CENTER_CODE, name: '数据资源中心', kind: 'center' },
  { code: 'GAFJ', name: '公安分局', kind: 'department' },
  { code: 'SCJGJ', name: '市场监管局', kind: 'department' },
  { code: 'MZJ', name: '民政局', kind: 'department' },
  { code: 'WJJ', name: '卫健局', kind: 'department' },
  { code: 'JTYSJ', name: '交通运输局', kind: 'department' },
  { code: 'SLJ', name: '水利局', kind: 'department' },
  { code: 'CGJ', name: '城管局', kind: 'department' },
  { code: 'ZJJ', name: '住建局', kind: 'department' },
  { code: 'JYJ', name: '教育局', kind: 'department' },
  { code: 'RSJ', name: '人社局', kind: 'department' },
  { code: 'YBJ', name: '医保局', kind: 'department' },
  { code: 'ZRZYJ', name: '自然资源局', kind: 'department' },
  { code: 'YJGLJ', name: '应急管理局', kind: 'department' },
  { code: 'CZJ', name: '财政局', kind: 'department' },
  { code: 'HBJ', name: '生态环境分局', kind: 'department' },
];

/** A subdistrict or town office, one per subdistrict division, coded by the division code. */
export function subdistrictOffice(division: { code: string; name: string }): DepartmentSeed {
  const office = division.name.endsWith('镇') ? '人民政府' : '办事处';
  return {
    code: division.code,
    name: `${division.name}${office}`,
    kind: 'subdistrict',
    divisionCode: division.code,
  };
}
