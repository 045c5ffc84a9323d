/**
 * City components (城市部件) as 城管's digital city management system records them: a 16-digit code (division
 * 430112, 2-digit class, 2-digit subclass, 6-digit serial), a WGS-84 point inside the district outline, the
 * owner and a status. Classes and subclasses follow the layout of CJ/T 214 (数字化城市管理信息系统 城市部件);
 * the subclass numbers are the demo's own.
 */
import { type District, pointNear } from './places.ts';
import { type Random, weightedTable } from './random.ts';

export type ComponentStatus = '完好' | '破损' | '丢失' | '占用';

/** One component. */
export type CityComponent = {
  code: string;
  className: string;
  subclass: string;
  lng: string;
  lat: string;
  owner: string;
  status: ComponentStatus;
  subdistrict: string;
};

const OWNERS = {
  cgj: '望城区城市管理和综合执法局',
  water: '长沙水业集团望城供水公司',
  power: '国网长沙供电公司望城分公司',
  telecom: '中国电信望城分公司',
  gas: '望城新奥燃气有限公司',
  fire: '望城区消防救援大队',
  police: '长沙市公安局望城分局',
  traffic: '望城区交通运输局',
  forestry: '望城区林业局',
  housing: '望城区住房和城乡建设局',
  water_admin: '望城区水利局',
};

/** Class code, class, subclass code, subclass, owner, weight (how common). */
const subclasses = weightedTable<readonly [string, string, string, string, string]>([
  [['01', '公用设施', '01', '上水井盖', OWNERS.water], 8],
  [['01', '公用设施', '02', '污水井盖', OWNERS.cgj], 8],
  [['01', '公用设施', '03', '雨水井盖', OWNERS.cgj], 8],
  [['01', '公用设施', '04', '雨水箅子', OWNERS.cgj], 6],
  [['01', '公用设施', '05', '电力井盖', OWNERS.power], 5],
  [['01', '公用设施', '06', '通信井盖', OWNERS.telecom], 5],
  [['01', '公用设施', '07', '燃气井盖', OWNERS.gas], 3],
  [['01', '公用设施', '10', '消防栓', OWNERS.fire], 5],
  [['01', '公用设施', '12', '路灯', OWNERS.cgj], 15],
  [['01', '公用设施', '14', '变压器', OWNERS.power], 2],
  [['01', '公用设施', '16', '监控电子眼', OWNERS.police], 3],
  [['02', '道路交通', '01', '公交站亭', OWNERS.traffic], 2],
  [['02', '道路交通', '03', '交通信号灯', OWNERS.police], 2],
  [['02', '道路交通', '04', '交通标志牌', OWNERS.traffic], 3],
  [['02', '道路交通', '06', '隔离护栏', OWNERS.traffic], 3],
  [['02', '道路交通', '08', '桥梁', OWNERS.traffic], 0.5],
  [['03', '市容环境', '01', '公共厕所', OWNERS.cgj], 1],
  [['03', '市容环境', '02', '垃圾箱', OWNERS.cgj], 8],
  [['03', '市容环境', '05', '垃圾中转站', OWNERS.cgj], 0.5],
  [['03', '市容环境', '07', '户外广告牌', OWNERS.cgj], 2],
  [['04', '园林绿化', '01', '古树名木', OWNERS.forestry], 0.5],
  [['04', '园林绿化', '02', '行道树', OWNERS.cgj], 6],
  [['04', '园林绿化', '04', '绿地', OWNERS.cgj], 1],
  [['04', '园林绿化', '06', '花坛', OWNERS.cgj], 1],
  [['05', '房屋土地', '01', '宣传栏', OWNERS.housing], 1],
  [['05', '房屋土地', '04', '人防工事', OWNERS.housing], 0.3],
  [['06', '其他设施', '01', '健身设施', OWNERS.cgj], 1],
  [['06', '其他设施', '05', '水位监测站', OWNERS.water_admin], 0.3],
]);

const statuses = weightedTable<ComponentStatus>([
  ['完好', 88],
  ['破损', 7],
  ['丢失', 1],
  ['占用', 4],
]);

/** Creates the generator: serials count per class and subclass. */
export function createComponentGenerator(random: Random, district: District) {
  const serials = new Map<string, number>();
  return {
    /** The next component. */
    next(): CityComponent {
      const [classCode, className, subCode, subclass, owner] = subclasses.pick(random);
      const prefix = `430112${classCode}${subCode}`;
      const serial = (serials.get(prefix) ?? 0) + 1;
      serials.set(prefix, serial);
      const subdistrict = district.pickSubdistrict(random);
      const [lng, lat] = pointNear(random, district, subdistrict.centre);
      return {
        code: `${prefix}${String(serial).padStart(6, '0')}`,
        className,
        subclass,
        lng: lng.toFixed(6),
        lat: lat.toFixed(6),
        owner,
        status: statuses.pick(random),
        subdistrict: subdistrict.name,
      };
    },
  };
}
