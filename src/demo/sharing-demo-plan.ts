/**
 * The demo district's sharing applications (共享申请): who asks which department for what, why, on which legal
 * basis, and what became of it. Together they show every state of an application, so the sharing console of a
 * new installation has an inbox, decisions, narrowed items and live grants to look at.
 */
import type { DecisionInput } from '../modules/sharing/contract.ts';

/** A step after applying: an approver's decision (by the stage the application waits at), or a withdrawal. */
export type DemoSharingStep = DecisionInput | { withdraw: string };

/** One application of the demo: the resource by alias, the applying department by code, and its steps. */
export type DemoSharingApplication = {
  resource: string;
  applicant: string;
  purpose: string;
  legalBasis: string;
  items: string[];
  rawItems?: string[];
  rowFilter?: Record<string, string>;
  consumingSystem: string;
  /** The period asked for: from the day of loading, this many years. */
  years: number;
  expectedDailyCalls: number;
  steps: DemoSharingStep[];
};

/** The applications, in the order they are made (so their ids are the same at every load). */
export const demoSharingApplications: DemoSharingApplication[] = [
  // 有条件共享 through both stages; the provider narrows the items; the grant is limited to one subdistrict.
  {
    resource: 'population',
    applicant: 'WJJ',
    purpose:
      '家庭医生签约服务试点：签约前核验居民身份和户籍所在社区，按社区分配家庭医生团队，并电话预约首次随访。',
    legalBasis:
      '《中华人民共和国基本医疗卫生与健康促进法》第三十一条；《关于推进家庭医生签约服务的指导意见》（国医改办发〔2016〕1号）',
    items: [
      'id_number',
      'name',
      'sex',
      'birth_date',
      'phone',
      'subdistrict',
      'community',
      'marital_status',
      'household_id',
    ],
    rowFilter: { subdistrict: '高塘岭街道' },
    consumingSystem: '望城区家庭医生签约服务系统',
    years: 1,
    expectedDailyCalls: 800,
    steps: [
      {
        decision: 'approve',
        items: ['id_number', 'name', 'sex', 'birth_date', 'phone', 'subdistrict', 'community'],
        reason: '婚姻状况、户号与签约服务无关，按最小必要原则核减；试点期间仅限高塘岭街道。',
      },
      { decision: 'approve', reason: '同意。姓名、身份证号、联系电话按规定脱敏提供。' },
    ],
  },
  // 有条件共享 through both stages; the plate number is served unmasked (a raw item) for enforcement.
  {
    resource: 'jtysj_weigh_in_motion',
    applicant: 'GAFJ',
    purpose:
      '公安交警与交通运输部门联合治超：对不停车检测发现的超限车辆核查车牌，比对机动车登记信息后依法查处。',
    legalBasis:
      '《公路安全保护条例》第六十六条；《超限运输车辆行驶公路管理规定》第四十二条（交通运输部令2021年第12号）',
    items: [
      'record_id',
      'station',
      'plate',
      'passed_at',
      'axles',
      'gross_weight_t',
      'limit_t',
      'overload_rate',
    ],
    rawItems: ['plate'],
    consumingSystem: '公安交警非现场执法平台',
    years: 1,
    expectedDailyCalls: 2000,
    steps: [
      { decision: 'approve', reason: '同意。车牌号仅限超限超载执法使用，不得向第三方提供。' },
      { decision: 'approve', reason: '同意，纳入联合治超数据共享清单。' },
    ],
  },
  // 无条件共享: granted at once.
  {
    resource: 'scjgj_entities',
    applicant: 'MZJ',
    purpose:
      '社会救助家庭经济状况核对：核查最低生活保障、特困人员供养申请人及其家庭成员名下登记的市场主体及经营状态。',
    legalBasis: '《社会救助暂行办法》第十一条；《最低生活保障审核确认办法》（民发〔2021〕57号）第二十条',
    items: [
      'credit_code',
      'name',
      'legal_rep_name',
      'legal_rep_id_number',
      'status',
      'registered_capital',
      'established_on',
    ],
    consumingSystem: '社会救助家庭经济状况核对系统',
    years: 2,
    expectedDailyCalls: 300,
    steps: [],
  },
  {
    resource: 'legal_person',
    applicant: 'JTYSJ',
    purpose:
      '道路运输经营许可审批和年度核查：核验申请企业的统一社会信用代码、登记状态和住所，申请人免交营业执照复印件。',
    legalBasis: '《中华人民共和国道路运输条例》第二十四条；《优化营商环境条例》第三十五条',
    items: ['credit_code', 'name', 'org_type', 'status', 'address', 'legal_rep_name', 'established_on'],
    consumingSystem: '道路运输管理信息系统',
    years: 2,
    expectedDailyCalls: 200,
    steps: [],
  },
  // Waiting for the providing department (公安分局).
  {
    resource: 'gafj_household',
    applicant: 'RSJ',
    purpose: '城乡居民基本养老保险参保扩面：比对户籍人口与参保登记，找出适龄未参保人员，由社区上门宣传动员。',
    legalBasis: '《中华人民共和国社会保险法》第二十条、第二十二条',
    items: ['id_number', 'name', 'sex', 'birth_date', 'subdistrict', 'community'],
    consumingSystem: '人社局社会保险经办系统',
    years: 1,
    expectedDailyCalls: 1500,
    steps: [],
  },
  // Approved by the providing department (民政局), waiting for the center.
  {
    resource: 'mzj_marriage',
    applicant: 'ZJJ',
    purpose: '公共租赁住房申请审核：核验申请人及共同申请人的婚姻状况，确认家庭成员构成和住房保障资格。',
    legalBasis: '《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条、第十条',
    items: ['id_number', 'name', 'marital_status', 'registered_on'],
    consumingSystem: '住房保障信息管理系统',
    years: 1,
    expectedDailyCalls: 100,
    steps: [{ decision: 'approve', reason: '同意，仅限公共租赁住房资格审核使用。' }],
  },
  // Rejected by the providing department, with its reason.
  {
    resource: 'gafj_household',
    applicant: 'CGJ',
    purpose: '占道经营和流动摊贩管理：按当事人姓名查询户籍住址和联系电话，便于送达责令整改通知书。',
    legalBasis: '《城市市容和环境卫生管理条例》第十四条',
    items: ['id_number', 'name', 'address', 'phone'],
    rawItems: ['address', 'phone'],
    consumingSystem: '数字城管综合执法系统',
    years: 1,
    expectedDailyCalls: 50,
    steps: [
      {
        decision: 'reject',
        reason:
          '批量查询户籍住址和联系电话超出执法送达所需范围。个案送达请依法向公安机关发起协查，核验身份可申请人口基础信息（脱敏）。',
      },
    ],
  },
  // Withdrawn by the applicant while it waited.
  {
    resource: 'population',
    applicant: 'JYJ',
    purpose: '义务教育新生入学报名：核验适龄儿童及其监护人的户籍信息，确定所属学区。',
    legalBasis: '《中华人民共和国义务教育法》第十二条',
    items: ['id_number', 'name', 'birth_date', 'address', 'subdistrict', 'community', 'household_id'],
    rawItems: ['address'],
    consumingSystem: '望城区义务教育招生入学服务平台',
    years: 1,
    expectedDailyCalls: 3000,
    steps: [{ withdraw: '改为通过电子证照库核验居民户口簿，本申请撤回。' }],
  },
];
