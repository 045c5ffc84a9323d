/**
 * What the demo district's residents call 12345 about: for each case category, its share of the calls, its months
 * (summer floods and noise, winter water pipes and unpaid wages before the Spring Festival, school places in
 * summer), how often it runs late, and a few short appeals and replies written the way callers and departments
 * write them. `{road}`, `{community}` and `{subdistrict}` are filled with the case's place.
 */

export type CaseProfile = {
  /** Relative share of all cases. */
  share: number;
  /** Relative weight of each month, January first. */
  months: readonly number[];
  /** Share of cases reported by grid inspectors on patrol rather than by phone. */
  grid: number;
  /** Share of closed cases that went past their due time. */
  late: number;
  /** Calls come at night (noise) rather than in office hours. */
  night?: boolean;
  texts: readonly string[];
  replies: readonly string[];
};

const flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] as const;
const summer = [0.7, 0.7, 0.8, 0.9, 1.1, 1.4, 1.5, 1.4, 1.1, 0.9, 0.8, 0.7] as const;
const winter = [1.6, 1.4, 1, 0.8, 0.8, 0.9, 1, 1, 0.9, 0.9, 1.1, 1.5] as const;

export const caseProfiles: Record<string, CaseProfile> = {
  'city.road': {
    share: 6,
    months: [0.8, 0.8, 1.1, 1.2, 1.2, 1.3, 1.1, 1, 1, 0.9, 0.8, 0.8],
    grid: 0.35,
    late: 0.1,
    texts: [
      '{road}人行道地砖松动翘起，老人小孩经过容易绊倒，希望尽快修复。',
      '{subdistrict}{road}路面出现大坑，下雨后积水，车辆经过溅水。',
      '{community}门口的路面塌陷了一块，晚上看不清很危险。',
    ],
    replies: ['已安排养护队对破损路面进行修补，现已恢复通行。', '已对松动地砖重新铺设，感谢反映。'],
  },
  'city.manhole': {
    share: 2,
    months: flat,
    grid: 0.4,
    late: 0.06,
    texts: [
      '{road}非机动车道上一个井盖缺失，已经有人差点掉下去，请马上处理。',
      '{community}小区外{road}井盖破损下陷，车辆经过响声很大。',
      '{road}与路口交界处的雨水井盖不见了，只放了个锥桶。',
    ],
    replies: ['已联系权属单位更换井盖，现场已恢复。', '已临时围挡并于当日更换新井盖。'],
  },
  'city.streetlight': {
    share: 4,
    months: [1.3, 1.2, 1, 0.9, 0.8, 0.8, 0.8, 0.9, 1, 1.1, 1.2, 1.3],
    grid: 0.3,
    late: 0.08,
    texts: [
      '{road}一段路灯连续几天晚上都不亮，走夜路很不安全。',
      '{community}附近{road}的路灯白天一直亮着，浪费电。',
      '{subdistrict}{road}有三盏路灯闪烁不停。',
    ],
    replies: ['经查为线路故障，已维修，路灯恢复正常。', '已更换灯具并调整开关灯时间。'],
  },
  'city.vending': {
    share: 6,
    months: [0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.3, 1.2, 1.1, 1, 0.9, 0.8],
    grid: 0.45,
    late: 0.08,
    texts: [
      '{road}人行道上每天傍晚都有流动摊贩摆摊，行人只能走机动车道。',
      '{community}门口早餐摊占道经营，油烟和垃圾很多。',
      '{road}菜市场外面占道卖菜，堵住了消防通道。',
    ],
    replies: ['城管中队已到场劝离占道摊贩，并将加强巡查。', '已规范引导摊贩入场经营。'],
  },
  'city.garbage': {
    share: 9,
    months: [1.2, 1.4, 1, 0.9, 1, 1.1, 1.2, 1.2, 1, 0.9, 0.9, 1],
    grid: 0.4,
    late: 0.07,
    texts: [
      '{community}垃圾桶满了两天没人清运，天热气味很大。',
      '{road}旁边空地被人堆了大量建筑垃圾。',
      '{community}小区门口有人乱倒装修垃圾，请清理。',
    ],
    replies: ['环卫已于当日清运完毕，并增加清运频次。', '已清理建筑垃圾，并对倾倒行为立案调查。'],
  },
  'city.illegal_building': {
    share: 3,
    months: [0.8, 0.7, 1.1, 1.2, 1.2, 1.1, 1, 1, 1.1, 1.1, 1, 0.8],
    grid: 0.3,
    late: 0.18,
    texts: [
      '{community}有住户在楼顶加盖彩钢房，担心安全问题。',
      '{road}一家门面私自搭建雨棚，占用公共通道。',
      '{community}一楼住户把院子围起来扩建。',
    ],
    replies: ['已下达限期拆除通知书，当事人已自行拆除。', '经核查已立案，正在依法处理。'],
  },
  'city.advertising': {
    share: 2,
    months: flat,
    grid: 0.4,
    late: 0.1,
    texts: [
      '{road}一块广告牌被风吹歪了，随时可能掉下来。',
      '{road}沿街店铺招牌破损，晚上灯箱漏电。',
      '{community}墙上贴满了小广告。',
    ],
    replies: ['已督促店主拆除破损招牌。', '已清理小广告并加强巡查。'],
  },
  'env.noise': {
    share: 10,
    months: summer,
    grid: 0.05,
    late: 0.1,
    night: true,
    texts: [
      '{community}楼下广场舞音响声音太大，每天晚上到十点多。',
      '{road}一家烧烤店半夜还在营业，噪音很大影响休息。',
      '{community}楼上住户深夜装修，电钻声不断。',
      '{road}酒吧音乐声很大，凌晨一两点还没停。',
    ],
    replies: ['已现场约谈经营者，要求控制音量和营业时间。', '已协调社区与广场舞队约定音量和时间。'],
  },
  'env.pollution': {
    share: 4,
    months: [1.2, 1.1, 1, 0.9, 0.9, 1, 1.1, 1.1, 0.9, 0.9, 1, 1.2],
    grid: 0.15,
    late: 0.12,
    texts: [
      '{road}附近一家工厂晚上偷排废气，气味刺鼻。',
      '{community}旁边的小河水发黑发臭。',
      '{road}有餐馆油烟直排，楼上住户不敢开窗。',
    ],
    replies: ['执法人员已现场检查，责令企业整改。', '已要求餐馆安装油烟净化设施。'],
  },
  'construction.site': {
    share: 5,
    months: [0.6, 0.5, 1, 1.2, 1.3, 1.2, 1.1, 1.1, 1.2, 1.2, 1.1, 0.8],
    grid: 0.2,
    late: 0.1,
    night: true,
    texts: [
      '{road}工地晚上十一点后还在施工，噪音太大。',
      '{road}工地渣土车不盖篷布，沿路撒漏扬尘很大。',
      '{community}旁边的工地没有围挡洒水，灰尘很大。',
    ],
    replies: ['已责令工地停止夜间施工，办理夜间施工许可前不得作业。', '已要求工地落实洒水降尘措施。'],
  },
  'traffic.parking': {
    share: 7,
    months: flat,
    grid: 0.2,
    late: 0.06,
    texts: [
      '{road}人行道上停满了车，行人没法走。',
      '{community}门口有车长期占用消防通道。',
      '{road}公交站台被私家车占用。',
    ],
    replies: ['交警已到场处理违停车辆。', '已对违停车辆贴单并加强巡逻。'],
  },
  'traffic.facility': {
    share: 3,
    months: flat,
    grid: 0.25,
    late: 0.1,
    texts: [
      '{road}路口红绿灯坏了，早高峰很乱。',
      '{road}的斑马线磨损看不清了。',
      '{road}路口绿灯时间太短，老人过不去。',
    ],
    replies: ['已维修信号灯，恢复正常运行。', '已安排重新施划标线。'],
  },
  'transport.bus': {
    share: 3,
    months: flat,
    grid: 0.02,
    late: 0.08,
    texts: [
      '{road}站的公交车经常不停站。',
      '希望增加{subdistrict}到市区的公交班次，早上等车太久。',
      '公交车司机态度不好，还没坐稳就开车。',
    ],
    replies: ['已对驾驶员进行批评教育。', '已将线路调整建议转公交公司研究。'],
  },
  'water.flood': {
    share: 3,
    months: [0.2, 0.2, 0.5, 1, 2, 3, 3, 2, 0.8, 0.3, 0.2, 0.2],
    grid: 0.3,
    late: 0.1,
    texts: [
      '{road}一下雨就积水，水深到小腿，车都过不去。',
      '{community}地下车库进水了，请尽快排水。',
      '{road}下水道堵塞，污水漫到路面上。',
    ],
    replies: ['已组织抽排，积水已退。', '已疏通排水管网，并列入改造计划。'],
  },
  'water.supply': {
    share: 5,
    months: winter,
    grid: 0.05,
    late: 0.08,
    texts: [
      '{community}从早上开始停水，也没有通知，什么时候恢复？',
      '{community}自来水发黄有异味。',
      '{community}水压太低，楼上住户用不了热水器。',
      '天冷水管冻裂了，{road}一直在漏水。',
    ],
    replies: ['因管网抢修临时停水，已于当日恢复供水。', '已冲洗管网，水质检测合格。'],
  },
  'housing.property': {
    share: 9,
    months: [1.3, 1.2, 1, 0.9, 0.9, 1, 1.1, 1.1, 1, 1, 1.1, 1.3],
    grid: 0.05,
    late: 0.12,
    texts: [
      '{community}电梯经常坏，物业不及时维修。',
      '{community}物业不作为，小区卫生很差。',
      '{community}冬天热水供应不正常，物业一直推诿。',
      '{community}物业费上涨没有经过业主同意。',
    ],
    replies: ['已约谈物业公司，限期整改。', '已督促物业修复电梯并加强维保。'],
  },
  'labor.wage': {
    share: 5,
    months: [2.2, 1.6, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 1.2, 1.8],
    grid: 0.02,
    late: 0.15,
    texts: [
      '我在{road}一个工地干活，老板拖欠三个月工资不给。',
      '公司拖欠工资，快过年了还没发。',
      '离职后公司一直不结算最后一个月的工资。',
    ],
    replies: ['劳动监察已介入，企业已支付拖欠工资。', '已告知申请劳动仲裁的途径并协调处理。'],
  },
  'social.insurance': {
    share: 4,
    months: [1.3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2],
    grid: 0.01,
    late: 0.08,
    texts: [
      '咨询一下社保卡丢了怎么补办。',
      '医保异地报销的手续太复杂，问一下流程。',
      '灵活就业人员怎么缴纳养老保险？',
    ],
    replies: ['已电话告知办理流程和所需材料。', '已解释相关政策。'],
  },
  'market.consumer': {
    share: 6,
    months: [1.2, 1.3, 1, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1.1, 1.3, 1.2],
    grid: 0.01,
    late: 0.1,
    texts: [
      '在{road}一家健身房办了卡，现在关门跑路了。',
      '{road}一家超市的价签和结账价格不一样。',
      '买的家电出了质量问题，商家不给退换。',
    ],
    replies: ['已组织双方调解，商家同意退款。', '已对商家价格违法行为立案。'],
  },
  'market.food': {
    share: 3,
    months: summer,
    grid: 0.1,
    late: 0.08,
    texts: [
      '在{road}一家餐馆吃饭后拉肚子，怀疑食材不新鲜。',
      '{community}附近超市卖过期食品。',
      '{road}一家小吃店后厨卫生很差。',
    ],
    replies: ['执法人员已现场检查，责令整改并立案调查。', '已下架过期食品并处罚。'],
  },
  'health.medical': {
    share: 3,
    months: [1.3, 1.2, 1, 0.9, 0.9, 0.9, 1, 1, 0.9, 1, 1.1, 1.3],
    grid: 0.01,
    late: 0.1,
    texts: [
      '区医院挂号排队太久，希望增加窗口。',
      '社区卫生服务中心打疫苗要等很久。',
      '对医院收费有疑问，希望核实。',
    ],
    replies: ['已转医院核实并改进服务流程。', '已向来电人解释收费标准。'],
  },
  'education.school': {
    share: 3,
    months: [0.6, 0.8, 1, 1, 1.2, 1.6, 1.6, 2, 1.6, 0.8, 0.7, 0.6],
    grid: 0.01,
    late: 0.08,
    texts: [
      '孩子今年上小学，{community}对口的是哪所学校？',
      '学校周边上下学时段交通混乱。',
      '学校课后服务收费是否合理？',
    ],
    replies: ['已告知划片招生政策。', '已转学校核实并答复。'],
  },
  'civil.assistance': {
    share: 3,
    months: [1.3, 1.2, 1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.2],
    grid: 0.05,
    late: 0.1,
    texts: [
      '家里老人行动不便，想申请居家养老服务。',
      '申请低保好几个月了还没有结果。',
      '{community}有一位独居老人需要帮助。',
    ],
    replies: ['社区已上门了解情况并协助申请。', '已告知审批进度。'],
  },
  'safety.hazard': {
    share: 2,
    months: flat,
    grid: 0.35,
    late: 0.06,
    texts: [
      '{community}楼道里堆满杂物，电动车在楼道充电。',
      '{road}一家门店违规存放液化气罐。',
      '{community}消防栓被圈进了私人院子。',
    ],
    replies: ['已组织清理楼道杂物并宣传消防安全。', '已责令门店整改。'],
  },
  'security.order': {
    share: 3,
    months: flat,
    grid: 0.05,
    late: 0.08,
    texts: [
      '接到自称客服的电话要求转账，怀疑是诈骗。',
      '{road}晚上经常有人聚集打架。',
      '{community}电动车被盗。',
    ],
    replies: ['派出所已受理并开展调查。', '已加强夜间巡逻。'],
  },
};

/** Relative calls by hour of the day (0–23) in office hours, and for night categories. */
export const hourWeights = {
  day: [
    0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.6, 3.4, 3.5, 3, 2, 2.2, 3, 3.2, 3, 2.6, 1.8, 1.6, 1.5, 1.3, 0.9,
    0.5,
  ],
  night: [
    1.5, 1, 0.5, 0.2, 0.1, 0.1, 0.2, 0.5, 0.8, 0.9, 0.9, 0.8, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.2, 1.8, 2.6,
    3.2, 3.4, 2.6,
  ],
} as const;
