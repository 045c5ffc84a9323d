/**
 * The case categories a district starts with: code, name, responsible department (by code) and time limit
 * (`Nh` calendar hours, `Nwd` working days). The list is data: the center edits it in the console afterwards.
 */
export type CategorySeed = { code: string; name: string; department: string; limit: string };

export const seedCategories: CategorySeed[] = [
  { code: 'city.road', name: '道路破损', department: 'CGJ', limit: '3wd' },
  { code: 'city.manhole', name: '井盖缺失或破损', department: 'CGJ', limit: '4h' },
  { code: 'city.streetlight', name: '路灯故障', department: 'CGJ', limit: '2wd' },
  { code: 'city.vending', name: '占道经营', department: 'CGJ', limit: '24h' },
  { code: 'city.garbage', name: '垃圾清运与乱堆放', department: 'CGJ', limit: '24h' },
  { code: 'city.illegal_building', name: '违法建设', department: 'CGJ', limit: '5wd' },
  { code: 'city.advertising', name: '违规广告招牌', department: 'CGJ', limit: '3wd' },
  { code: 'env.noise', name: '噪声扰民', department: 'HBJ', limit: '24h' },
  { code: 'env.pollution', name: '大气与水污染', department: 'HBJ', limit: '2wd' },
  { code: 'construction.site', name: '工地扬尘与夜间施工', department: 'ZJJ', limit: '24h' },
  { code: 'traffic.parking', name: '违法停车', department: 'GAFJ', limit: '4h' },
  { code: 'traffic.facility', name: '交通信号与设施', department: 'GAFJ', limit: '2wd' },
  { code: 'transport.bus', name: '公交出行服务', department: 'JTYSJ', limit: '5wd' },
  { code: 'water.flood', name: '积水内涝与排水', department: 'SLJ', limit: '4h' },
  { code: 'water.supply', name: '供水停水与水质', department: 'SLJ', limit: '24h' },
  { code: 'housing.property', name: '物业与小区管理', department: 'ZJJ', limit: '5wd' },
  { code: 'labor.wage', name: '拖欠工资', department: 'RSJ', limit: '5wd' },
  { code: 'social.insurance', name: '社保医保办理', department: 'YBJ', limit: '5wd' },
  { code: 'market.consumer', name: '消费维权与价格', department: 'SCJGJ', limit: '5wd' },
  { code: 'market.food', name: '食品安全', department: 'SCJGJ', limit: '24h' },
  { code: 'health.medical', name: '医疗服务', department: 'WJJ', limit: '5wd' },
  { code: 'education.school', name: '学校与招生', department: 'JYJ', limit: '5wd' },
  { code: 'civil.assistance', name: '低保救助与养老', department: 'MZJ', limit: '5wd' },
  { code: 'safety.hazard', name: '安全隐患', department: 'YJGLJ', limit: '8h' },
  { code: 'security.order', name: '治安与诈骗', department: 'GAFJ', limit: '24h' },
];
