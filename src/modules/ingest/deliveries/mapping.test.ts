import { describe, expect, it } from 'vitest';
import { demoResources } from '../../catalog/index.ts';
import { autoMap, headerMatcher, parseMapOption } from './mapping.ts';

const itemsOf = (alias: string) => {
  const resource = demoResources.find((r) => r.alias === alias);
  if (!resource) throw new Error(`no demo resource ${alias}`);
  return resource.items;
};
const population = itemsOf('population');
const legalPerson = itemsOf('legal_person');

describe('autoMap with the population resource', () => {
  it.each([
    ['身份证号', 'id_number'],
    ['身份证号码', 'id_number'],
    ['公民身份号码', 'id_number'],
    ['证件号码', 'id_number'],
    ['身份证', 'id_number'],
    ['id_number', 'id_number'],
    ['姓名', 'name'],
    ['名字', 'name'],
    ['性别', 'sex'],
    ['出生日期', 'birth_date'],
    ['出生年月', 'birth_date'],
    ['生日', 'birth_date'],
    ['民族', 'ethnicity'],
    ['住址', 'address'],
    ['户籍地址', 'address'],
    ['联系电话', 'phone'],
    ['手机号码', 'phone'],
    ['联系方式', 'phone'],
    ['所属街道（镇）', 'subdistrict'],
    ['街道', 'subdistrict'],
    ['所属社区（村）', 'community'],
    ['村居', 'community'],
    ['婚姻状况', 'marital_status'],
    ['婚姻状态', 'marital_status'],
    ['户号', 'household_id'],
    ['户编号', 'household_id'],
  ])('maps %s to %s', (header, code) => {
    expect(autoMap([header], population)).toEqual({ [header]: code });
  });

  it('maps a typical file header row, keeping unknown headers as null', () => {
    const headers = ['序号', '姓名', '公民身份号码', '性别', '出生日期', '手机号', '现住址', '备注'];
    expect(autoMap(headers, population)).toEqual({
      序号: null,
      姓名: 'name',
      公民身份号码: 'id_number',
      性别: 'sex',
      出生日期: 'birth_date',
      手机号: 'phone',
      现住址: 'address',
      备注: null,
    });
  });

  it('ignores spaces, ideographic spaces, underscores, dashes, asterisks and colons', () => {
    expect(autoMap([' 身份证号 ', '姓\u3000名', '*性别', '出生日期：', 'ID_NUMBER'], population)).toEqual({
      ' 身份证号 ': 'id_number',
      '姓\u3000名': 'name',
      '*性别': 'sex',
      '出生日期：': 'birth_date',
      ID_NUMBER: null, // id_number is taken by the first header
    });
    expect(autoMap(['Birth-Date', '手机_号码'], population)).toEqual({
      'Birth-Date': 'birth_date',
      手机_号码: 'phone',
    });
  });

  it('ignores brackets and what is in them, full-width or not', () => {
    expect(
      autoMap(
        ['所属街道(镇)', '所属社区（村）', '证件号码（身份证）', '姓名(必填)', '联系电话【手机】'],
        population,
      ),
    ).toEqual({
      '所属街道(镇)': 'subdistrict',
      '所属社区（村）': 'community',
      '证件号码（身份证）': 'id_number',
      '姓名(必填)': 'name',
      '联系电话【手机】': null, // square brackets are not ignored
    });
  });

  it('matches full-width letters in headers', () => {
    expect(autoMap(['ＩＤ＿ＮＵＭＢＥＲ'], population)).toEqual({ ＩＤ＿ＮＵＭＢＥＲ: 'id_number' });
  });

  it('maps an unknown header to null', () => {
    expect(autoMap(['籍贯'], population)).toEqual({ 籍贯: null });
    expect(autoMap([''], population)).toEqual({ '': null });
  });

  it('does not map the same item twice: the first header wins', () => {
    expect(autoMap(['身份证号', '公民身份号码', '证件号码'], population)).toEqual({
      身份证号: 'id_number',
      公民身份号码: null,
      证件号码: null,
    });
    expect(autoMap(['手机', '联系电话'], population)).toEqual({ 手机: 'phone', 联系电话: null });
  });

  it('gives null for every header when there are no items', () => {
    expect(autoMap(['姓名'], [])).toEqual({ 姓名: null });
  });
});

describe('autoMap with units in the item name', () => {
  it('matches 注册资本（万元） with or without its unit', () => {
    for (const header of ['注册资本（万元）', '注册资本(万元)', '注册资本', '注册资本（元）', '注册资金'])
      expect(autoMap([header], legalPerson)).toEqual({ [header]: 'registered_capital' });
  });

  it('maps the legal person resource header row', () => {
    expect(
      autoMap(
        ['统一社会信用代码', '企业名称', '法定代表人', '成立日期', '注册资本（万元）', '经营状态'],
        legalPerson,
      ),
    ).toEqual({
      统一社会信用代码: 'credit_code',
      企业名称: 'name',
      法定代表人: 'legal_rep_name',
      成立日期: 'established_on',
      '注册资本（万元）': 'registered_capital',
      经营状态: 'status',
    });
  });

  it('maps a header to the resource it is read for: 地址 is address in both', () => {
    expect(autoMap(['地址'], legalPerson)).toEqual({ 地址: 'address' });
    expect(autoMap(['地址'], population)).toEqual({ 地址: 'address' });
  });
});

describe('parseMapOption', () => {
  it('parses header=item pairs', () => {
    expect(parseMapOption('证件号=id_number,名字=name')).toEqual({ 证件号: 'id_number', 名字: 'name' });
  });

  it('trims spaces around headers and codes', () => {
    expect(parseMapOption(' 证件号 = id_number , 名字=name ')).toEqual({ 证件号: 'id_number', 名字: 'name' });
  });

  it('skips empty and incomplete pairs', () => {
    expect(parseMapOption('')).toEqual({});
    expect(parseMapOption('证件号=,=name,名字,,户号=household_id')).toEqual({ 户号: 'household_id' });
  });

  it('lets a later pair for the same header win', () => {
    expect(parseMapOption('a=x,a=y')).toEqual({ a: 'y' });
  });
});

describe('autoMap with two-row merged headers', () => {
  it('maps a column 上-下 by its lower part when the whole names no item', () => {
    expect(autoMap(['姓名', '户籍地址-街道', '户籍地址-社区', '户籍地址-门牌'], population)).toEqual({
      姓名: 'name',
      '户籍地址-街道': 'subdistrict',
      '户籍地址-社区': 'community',
      '户籍地址-门牌': null,
    });
  });

  it('prefers the whole name', () => {
    expect(autoMap(['身份证-号码'], population)).toEqual({ '身份证-号码': 'id_number' });
  });
});

describe('headerMatcher', () => {
  it('tells item names from other text', () => {
    const known = headerMatcher(population);
    expect(['身份证号', '姓名 ', 'id_number', '出生日期（年月日）'].map(known)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['望城区人口登记汇总表', '填报单位：高塘岭街道', '张三'].map(known)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
