// Test support for the citizen app and "report once": a platform whose registries hold a few residents and a
// company, with the center, departments and residents signed in.
import { type DatabaseKind, startPlatformWithUsers } from '../../../test/databases.ts';
import { creditCodeCheck, idNumberCheck } from '../../core/cn-codes.ts';
import { systemCtx } from '../../core/context.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);
const code = (first17: string) => first17 + creditCodeCheck(first17);

/** Residents in the population registry (张三 is 望城物流's legal representative; 王五 has no account). */
export const residents = {
  zhang: {
    idNumber: id('43011219900101123'),
    name: '张三',
    phone: '13800138000',
    address: '望城区高塘岭街道郭亮中路1号',
  },
  li: {
    idNumber: id('43011219850505224'),
    name: '李四',
    phone: '13900139000',
    address: '望城区月亮岛街道银星路8号',
  },
  wang: {
    idNumber: id('43011220000808331'),
    name: '王五',
    phone: '13700137000',
    address: '望城区乌山街道团山湖路2号',
  },
} as const;

/** A company in the legal-person registry, represented by 张三. */
export const company = {
  creditCode: code('91430112MA4L00001'),
  name: '长沙望城物流有限公司',
  legalRep: residents.zhang,
  address: '望城区铜官街道书堂山路9号',
};

export const CITIZEN_PASSWORD = 'Citizen#2026x';

/**
 * A platform with the registries seeded and these accounts signed in (`as`): `admin`, `steward` (center), `cgj`
 * (城管局), `gafj` (公安分局, provider of the household register), `scjgj` (市场监管局), `wjj` (卫健局), `leader`,
 * `operator` (12345 desk), and the residents `zhang` and `li` (role citizen, their ID numbers on their accounts,
 * created by the admin: the sign-up route is tested on its own).
 */
export async function citizenPlatform(
  kind: DatabaseKind,
  now?: () => Date,
  env: Record<string, string> = {},
) {
  const platform = await startPlatformWithUsers(
    kind,
    [
      ['steward', 'SJZX', ['steward']],
      ['cgj', 'CGJ', ['department_user']],
      ['gafj', 'GAFJ', ['department_user']],
      ['scjgj', 'SCJGJ', ['department_user']],
      ['wjj', 'WJJ', ['department_user']],
      ['leader', null, ['leader']],
      ['operator', 'SJZX', ['operator']],
    ],
    'Citizen#Staff2026',
    env,
    now,
  );
  const { p, as } = platform;
  const ctx = systemCtx('test');
  await p.modules.ingest.service.ingestRecords(
    ctx,
    'gafj_household',
    Object.values(residents).map((r, i) => ({
      公民身份号码: r.idNumber,
      姓名: r.name,
      性别: i === 1 ? '女' : '男',
      出生日期: `${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}`,
      民族: '汉族',
      住址: r.address,
      联系电话: r.phone,
      户号: `4301120${i + 1}`,
    })),
  );
  await p.modules.ingest.service.ingestRecords(ctx, 'scjgj_entities', [
    {
      统一社会信用代码: company.creditCode,
      主体名称: company.name,
      主体类型: '有限责任公司',
      法定代表人: company.legalRep.name,
      法定代表人身份证号: company.legalRep.idNumber,
      成立日期: '2015-03-18',
      '注册资本（万元）': '500',
      登记状态: '存续',
      住所: company.address,
    },
  ]);
  await p.modules.ingest.service.idle();
  for (const key of ['zhang', 'li'] as const) {
    const r = residents[key];
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as.admin!,
      payload: {
        username: `resident.${key}`,
        displayName: r.name,
        departmentId: null,
        roles: ['citizen'],
        idNumber: r.idNumber,
        password: CITIZEN_PASSWORD,
      },
    });
    if (created.statusCode !== 201) throw new Error(`creating ${key}: ${created.statusCode} ${created.body}`);
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `resident.${key}`, password: CITIZEN_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'onecity_session');
    as[key] = { cookie: `onecity_session=${cookie!.value}` };
  }
  return platform;
}
