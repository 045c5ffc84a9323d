/**
 * The demo's services directory and notices: what a resident of Wangcheng District looks up most (户籍、社保、医保、
 * 不动产、市场主体、公积金、婚姻、入学、交通、城管 …), at the halls of 望城区政务服务中心 and the offices beside it. Three
 * services are done in the app through forms of "report once" (their `formCode`s are the forms' codes).
 */

/** A service of the demo directory; `department` is a department's code. */
export type ServiceSeed = {
  name: string;
  category: string;
  summary: string;
  department: string | null;
  place: string;
  hours: string;
  phone: string;
  materials: string[];
  online?: boolean;
  formCode?: string;
};

/** A notice of the demo; `daysAgo` dates its publication. */
export type NoticeSeed = { title: string; body: string; pinned?: boolean; daysAgo: number };

const CENTER = '望城区政务服务中心（望城区金星北路二段 368 号）';
const hall = (area: string, windows: string) => `${CENTER}${area} ${windows}`;
const WORKDAYS = '周一至周五 9:00–12:00，13:30–17:30（法定节假日除外）';
const WORKDAYS_SAT = '周一至周五 9:00–17:30；周六 9:00–12:00（户籍、社保窗口延时服务）';
const ID = '居民身份证原件';
const HUKOU = '居民户口簿原件';

export const demoServices: ServiceSeed[] = [
  // 户籍办理
  {
    name: '新生儿落户与医保参保（一件事一次办）',
    category: '户籍办理',
    summary:
      '新生儿出生后，一次申报即可办理出生登记（落户）、城乡居民医保参保登记，信息自动推送公安、医保部门，无需分别跑腿。',
    department: 'GAFJ',
    place: hall('一楼 A 区', '公安户政 1–4 号窗口'),
    hours: WORKDAYS_SAT,
    phone: '0731-88081101',
    materials: ['《出生医学证明》原件', `父母双方${ID}`, `拟落户方${HUKOU}`, '父母结婚证（非婚生育可免）'],
    online: true,
    formCode: 'xsr-lhyb',
  },
  {
    name: '户口迁入（投靠、购房、就业）',
    category: '户籍办理',
    summary: '符合望城区落户条件的人员办理户口迁入，长沙市内迁移实行“一站式”办理，无需回迁出地开具准迁证。',
    department: 'GAFJ',
    place: hall('一楼 A 区', '公安户政 1–4 号窗口'),
    hours: WORKDAYS_SAT,
    phone: '0731-88081101',
    materials: [ID, HUKOU, '房屋所有权证或不动产权证书（购房落户）', '劳动合同及社保缴纳证明（就业落户）'],
  },
  {
    name: '居民身份证申领、换领、补领',
    category: '户籍办理',
    summary: '首次申领、有效期满换领、丢失补领居民身份证；可现场拍照，办理后 20 个工作日内可领取或邮寄到家。',
    department: 'GAFJ',
    place: hall('一楼 A 区', '公安户政 5–6 号窗口'),
    hours: WORKDAYS_SAT,
    phone: '0731-88081102',
    materials: [HUKOU, '原居民身份证（换领时）', '监护人身份证件（未满 16 周岁）'],
  },
  {
    name: '居住证办理',
    category: '户籍办理',
    summary: '在望城区居住半年以上，有合法稳定就业、住所或连续就读的非本区户籍人员，可申领居住证。',
    department: 'GAFJ',
    place: '各街道（镇）派出所户籍窗口',
    hours: WORKDAYS,
    phone: '0731-88081103',
    materials: [ID, '居住登记凭证', '租赁合同或房产证明', '劳动合同或就读证明'],
    online: true,
  },
  // 社会保障
  {
    name: '城乡居民养老保险参保登记',
    category: '社会保障',
    summary: '年满 16 周岁（不含在校学生）、未参加职工养老保险的本区户籍居民，可参加城乡居民基本养老保险。',
    department: 'RSJ',
    place: hall('二楼 B 区', '社保 11–14 号窗口'),
    hours: WORKDAYS_SAT,
    phone: '0731-88081201',
    materials: [ID, HUKOU, '银行卡或社会保障卡'],
    online: true,
  },
  {
    name: '社会保障卡申领与补换',
    category: '社会保障',
    summary: '首次申领、损坏换卡、丢失补卡；即时制卡窗口现场领卡，约 20 分钟。',
    department: 'RSJ',
    place: hall('二楼 B 区', '社保卡即时制卡 15 号窗口'),
    hours: WORKDAYS_SAT,
    phone: '0731-88081202',
    materials: [ID, '近期免冠彩色证件照（现场可拍）'],
  },
  {
    name: '失业保险金申领',
    category: '社会保障',
    summary: '非因本人意愿中断就业、已办理失业登记并有求职要求的参保人员，可申领失业保险金。',
    department: 'RSJ',
    place: hall('二楼 B 区', '就业服务 16 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081203',
    materials: [ID, '解除或终止劳动关系证明', '社会保障卡'],
    online: true,
  },
  {
    name: '就业创业证申领',
    category: '社会保障',
    summary: '劳动年龄内、有劳动能力和就业要求的城乡劳动者，申领《就业创业证》，享受就业创业扶持政策。',
    department: 'RSJ',
    place: hall('二楼 B 区', '就业服务 16–17 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081204',
    materials: [ID, '近期一寸免冠照片 1 张'],
  },
  // 医疗保障
  {
    name: '城乡居民医保参保缴费',
    category: '医疗保障',
    summary: '每年 9 月至 12 月集中缴纳下一年度城乡居民医保费，可在“湘医保”、银行或窗口缴费。',
    department: 'YBJ',
    place: hall('二楼 B 区', '医保 18–20 号窗口'),
    hours: WORKDAYS_SAT,
    phone: '0731-88081301',
    materials: [ID, '社会保障卡'],
    online: true,
  },
  {
    name: '异地就医备案',
    category: '医疗保障',
    summary: '长期异地居住、异地工作或转诊就医的参保人员，备案后可在就医地直接结算。',
    department: 'YBJ',
    place: hall('二楼 B 区', '医保 18–20 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081302',
    materials: [ID, '异地居住证明或个人承诺书', '转诊转院证明（转外就医）'],
    online: true,
  },
  {
    name: '门诊慢特病待遇认定',
    category: '医疗保障',
    summary: '患高血压、糖尿病等门诊慢性病或特殊疾病的参保人员，认定后门诊费用按规定报销。',
    department: 'YBJ',
    place: hall('二楼 B 区', '医保 21 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081303',
    materials: [ID, '二级及以上医院诊断证明', '近两年相关病历、检查报告'],
  },
  // 不动产登记
  {
    name: '二手房转移登记（带押过户）',
    category: '不动产登记',
    summary: '存量房买卖办理转移登记，支持“带押过户”和“交房即交证”，税费缴纳与登记一窗受理。',
    department: 'ZRZYJ',
    place: hall('三楼 C 区', '不动产登记 31–38 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081401',
    materials: ['买卖双方身份证件', '不动产权证书', '存量房买卖合同', '婚姻状况证明', '完税凭证'],
  },
  {
    name: '不动产抵押登记',
    category: '不动产登记',
    summary: '办理不动产抵押权首次登记、变更登记和注销登记，银行可通过线上“抵押登记直通车”申报。',
    department: 'ZRZYJ',
    place: hall('三楼 C 区', '不动产登记 39 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081402',
    materials: ['抵押人、抵押权人身份证明', '不动产权证书', '抵押合同', '主债权合同'],
    online: true,
  },
  {
    name: '不动产登记资料查询',
    category: '不动产登记',
    summary: '权利人查询本人名下不动产登记结果，可打印《不动产登记信息查询结果证明》。',
    department: 'ZRZYJ',
    place: hall('三楼 C 区', '自助查询区'),
    hours: WORKDAYS,
    phone: '0731-88081403',
    materials: [ID],
    online: true,
  },
  // 市场主体登记
  {
    name: '企业开办（设立登记、公章刻制、申领发票一次办）',
    category: '市场主体登记',
    summary: '企业设立登记、印章刻制、发票申领、社保登记、银行开户预约一网通办，1 个工作日内办结。',
    department: 'SCJGJ',
    place: hall('一楼 D 区', '企业开办专区 41–45 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081501',
    materials: ['全体股东、法定代表人身份证件', '公司章程', '住所使用证明'],
    online: true,
  },
  {
    name: '个体工商户设立登记',
    category: '市场主体登记',
    summary: '从事工商业经营的自然人申请个体工商户登记，材料齐全当场办结，免费发放营业执照。',
    department: 'SCJGJ',
    place: hall('一楼 D 区', '市场主体登记 46 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081502',
    materials: ['经营者身份证件', '经营场所使用证明'],
    online: true,
  },
  {
    name: '食品经营许可',
    category: '市场主体登记',
    summary: '从事食品销售和餐饮服务的经营者，申请食品经营许可证；仅销售预包装食品的实行备案。',
    department: 'SCJGJ',
    place: hall('一楼 D 区', '许可审批 47 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88081503',
    materials: ['营业执照', '法定代表人身份证件', '经营场所平面图和设备布局图', '食品安全管理制度'],
  },
  {
    name: '复工复产企业员工健康登记',
    category: '市场主体登记',
    summary:
      '复工复产企业为返岗员工登记健康状况和近期行程，由卫健、市场监管部门共同掌握，一次填报多部门共享。',
    department: 'SCJGJ',
    place: '线上办理（“我的长沙·望城专版”企业身份登录）',
    hours: '全天 24 小时',
    phone: '0731-88081504',
    materials: ['企业统一社会信用代码', '员工名单及联系方式'],
    online: true,
    formCode: 'fgfc-jkdj',
  },
  // 住房公积金
  {
    name: '住房公积金提取（租房、购房）',
    category: '住房公积金',
    summary: '无自有住房租房、购买自住住房的缴存职工提取住房公积金，租房提取可线上按月办理。',
    department: 'ZJJ',
    place: '长沙住房公积金管理中心望城管理部（望城区政务服务中心四楼）',
    hours: WORKDAYS,
    phone: '0731-88081601',
    materials: [ID, '租房合同或购房合同、发票', '本人银行卡'],
    online: true,
  },
  {
    name: '住房公积金个人贷款',
    category: '住房公积金',
    summary: '连续足额缴存 6 个月以上的职工购买自住住房，可申请住房公积金个人贷款。',
    department: 'ZJJ',
    place: '长沙住房公积金管理中心望城管理部（望城区政务服务中心四楼）',
    hours: WORKDAYS,
    phone: '0731-88081602',
    materials: ['借款人及配偶身份证件', '婚姻状况证明', '购房合同', '收入证明'],
  },
  // 婚姻登记与民政
  {
    name: '结婚登记',
    category: '婚姻登记',
    summary: '内地居民结婚登记实行全省通办，可在“湘易办”提前预约；颁证大厅可举办颁证仪式。',
    department: 'MZJ',
    place: '望城区婚姻登记处（望城区民政局一楼，郭亮中路 66 号）',
    hours: '周一至周五 9:00–12:00，13:30–17:00；5 月 20 日、七夕等特殊日期延时服务',
    phone: '0731-88081701',
    materials: ['双方居民身份证原件', '双方户口簿原件', '双方近期半身免冠合影 2 寸照片 3 张'],
  },
  {
    name: '离婚登记',
    category: '婚姻登记',
    summary: '自愿离婚的双方共同到场申请，设 30 日离婚冷静期，期满后 30 日内双方到场领取离婚证。',
    department: 'MZJ',
    place: '望城区婚姻登记处（望城区民政局一楼，郭亮中路 66 号）',
    hours: WORKDAYS,
    phone: '0731-88081702',
    materials: ['双方居民身份证原件', '双方户口簿原件', '结婚证原件', '离婚协议书 3 份'],
  },
  {
    name: '城乡最低生活保障申请',
    category: '民政服务',
    summary: '家庭人均收入低于当地低保标准、且财产符合规定的居民家庭，可向户籍所在地街道（镇）申请低保。',
    department: 'MZJ',
    place: '户籍所在地街道（镇）社会事务办',
    hours: WORKDAYS,
    phone: '0731-88081703',
    materials: ['申请人及家庭成员身份证件、户口簿', '家庭收入和财产状况声明', '经济状况核对授权书'],
  },
  {
    name: '高龄津贴申领',
    category: '民政服务',
    summary: '年满 80 周岁的本区户籍老年人按月领取高龄津贴，系统根据户籍信息主动发现、免申即享。',
    department: 'MZJ',
    place: '户籍所在地社区（村）服务站',
    hours: WORKDAYS,
    phone: '0731-88081704',
    materials: [ID, '本人银行账户'],
    online: true,
  },
  // 教育入学
  {
    name: '小学一年级新生入学登记',
    category: '教育入学',
    summary: '每年 6 月，适龄儿童按学区登记入学；房户一致、户籍与居住地信息由系统核验，减少证明材料。',
    department: 'JYJ',
    place: '线上登记（望城区义务教育入学服务平台），学区学校现场审核',
    hours: '登记期间每日 8:00–20:00',
    phone: '0731-88081801',
    materials: ['儿童户口簿', '监护人身份证件', '房屋产权证明或租赁备案证明'],
    online: true,
  },
  {
    name: '随迁子女就读申请',
    category: '教育入学',
    summary: '在望城区务工、持有居住证的非本区户籍人员，其适龄子女可申请在望城区接受义务教育。',
    department: 'JYJ',
    place: '望城区教育局招生办（月亮岛街道银星路 8 号）',
    hours: WORKDAYS,
    phone: '0731-88081802',
    materials: ['居住证', '务工或经商证明', '儿童户口簿'],
  },
  // 交通出行
  {
    name: '机动车驾驶证换证、补证',
    category: '交通出行',
    summary: '驾驶证有效期满换证、损毁换证、遗失补证，可在“交管 12123”申请邮寄。',
    department: 'GAFJ',
    place: '望城区公安分局交警大队车管所（高塘岭街道雷锋大道 1009 号）',
    hours: WORKDAYS_SAT,
    phone: '0731-88081901',
    materials: [ID, '驾驶人体检证明', '原驾驶证'],
    online: true,
  },
  {
    name: '机动车检验标志核发',
    category: '交通出行',
    summary: '6 年以内非营运小微型客车免上线检验，直接申领电子检验标志。',
    department: 'GAFJ',
    place: '望城区公安分局交警大队车管所（高塘岭街道雷锋大道 1009 号）',
    hours: WORKDAYS_SAT,
    phone: '0731-88081902',
    materials: ['机动车行驶证', '交强险保单'],
    online: true,
  },
  // 城市管理
  {
    name: '城市道路挖掘（占用）许可',
    category: '城市管理',
    summary: '因工程建设需要挖掘或临时占用城市道路的，向城管部门申请许可，并按期恢复路面。',
    department: 'CGJ',
    place: hall('三楼 E 区', '城管审批 51 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88082001',
    materials: ['申请书', '施工方案及平面图', '交通疏导方案', '施工单位资质证明'],
  },
  {
    name: '户外广告及招牌设置审批',
    category: '城市管理',
    summary: '设置户外广告、店招标牌，须符合望城区户外广告设置规划，审批通过后方可设置。',
    department: 'CGJ',
    place: hall('三楼 E 区', '城管审批 51 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88082002',
    materials: ['营业执照', '设计效果图', '场地使用证明', '安全责任承诺书'],
  },
  {
    name: '建筑垃圾处置核准',
    category: '城市管理',
    summary: '施工单位处置建筑垃圾，须核准运输车辆、路线和消纳场所，严禁随意倾倒。',
    department: 'CGJ',
    place: hall('三楼 E 区', '城管审批 52 号窗口'),
    hours: WORKDAYS,
    phone: '0731-88082003',
    materials: ['建筑垃圾处置申请表', '运输合同', '消纳场所证明'],
  },
  // 卫生健康
  {
    name: '返望人员登记',
    category: '卫生健康',
    summary:
      '从外地返回或来到望城的人员，抵达后及时登记行程和健康状况，由卫健、公安部门和所在街道共享，一次登记。',
    department: 'WJJ',
    place: '线上办理（“我的长沙·望城专版”）',
    hours: '全天 24 小时',
    phone: '0731-88082101',
    materials: [ID, '近 14 天行程'],
    online: true,
    formCode: 'fhwry-dj',
  },
  {
    name: '出生医学证明办理',
    category: '卫生健康',
    summary: '在本区助产机构出生的新生儿，由出生医院签发《出生医学证明》，办理后可一并申报落户和医保。',
    department: 'WJJ',
    place: '望城区妇幼保健院一楼出生证明办理窗口',
    hours: WORKDAYS,
    phone: '0731-88082102',
    materials: ['父母双方身份证件', '新生儿出院记录'],
  },
];

export const demoNotices: NoticeSeed[] = [
  {
    title: '望城区政务服务中心周六延时服务的通知',
    pinned: true,
    daysAgo: 3,
    body: '为方便上班族办事，自本月起，望城区政务服务中心户籍、社保、医保窗口每周六上午 9:00–12:00 提供延时服务，其他事项可通过“我的长沙·望城专版”在线办理或预约。\n\n咨询电话：0731-88081000。',
  },
  {
    title: '关于做好返望人员健康登记的提示',
    daysAgo: 6,
    body: '从外地返回或来到望城的人员，请在抵达后 24 小时内通过“我的长沙·望城专版”首页“返望人员登记”填报行程和健康信息。已登记过的身份信息和联系方式将自动带出，只需确认，无需重复填写。',
  },
  {
    title: '2026 年度城乡居民医保集中缴费开始',
    daysAgo: 12,
    body: '2026 年度城乡居民基本医疗保险集中缴费期为即日起至 12 月 31 日。参保居民可通过“湘医保”小程序、合作银行网点或政务服务中心二楼医保窗口缴费。新生儿可通过“新生儿落户与医保参保”一次办理。',
  },
  {
    title: '“一件事一次办”新生儿出生事项上线',
    daysAgo: 20,
    body: '新生儿出生登记（落户）、城乡居民医保参保登记整合为“一件事”，家长在手机上一次申报，出生医学证明、户籍、婚姻等信息由系统从基础库自动核验，材料减少 60%，办理时间由 10 个工作日缩短至 3 个工作日。',
  },
  {
    title: '政务服务中心停车场临时调整公告',
    daysAgo: 28,
    body: '因地面停车场改造，施工期间请前来办事的群众将车辆停放在金星北路西侧临时停车场，步行约 3 分钟可达中心北门。给您带来的不便，敬请谅解。',
  },
];
