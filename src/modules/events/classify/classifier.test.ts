import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/errors.ts';
import { seedCategories } from '../categories/seed.ts';
import { loadClassifier } from './classifier.ts';
import { accuracy, loadEvalTexts } from './evaluate.ts';

const classifier = loadClassifier();

// One plain case per category, written for this test (not in the corpus's templates nor the evaluation set).
const clearCases: Record<string, string> = {
  'city.road': '我们村口那段水泥路全烂了，到处是坑',
  'city.manhole': '人行道上有个井盖破了个大洞',
  'city.streetlight': '小区后面那条路的路灯坏了一排，晚上黑乎乎',
  'city.vending': '菜贩在马路边上摆摊卖菜，占道经营',
  'city.garbage': '垃圾站的垃圾三天没运走，臭得很',
  'city.illegal_building': '邻居在楼顶私自搭了个彩钢房',
  'city.advertising': '电线杆上贴满了办证小广告',
  'env.noise': '楼下酒吧天天放音乐到凌晨，吵得睡不着',
  'env.pollution': '工厂往河里偷排废水，河水都黑了',
  'construction.site': '工地晚上十二点还在打桩施工',
  'traffic.parking': '有车停在消防通道上好几天了',
  'traffic.facility': '十字路口的红绿灯坏了不亮',
  'transport.bus': '公交车等了四十分钟都不来一趟',
  'water.flood': '下雨后路口积水很深，下水道堵了',
  'water.supply': '我们小区停水一整天了，也不通知',
  'housing.property': '物业不管事，电梯坏了一个月不修',
  'labor.wage': '包工头欠了我们三个月工资不给',
  'social.insurance': '医保异地报销要什么材料',
  'market.consumer': '商家卖给我假货，不给退款',
  'market.food': '饭店的菜里吃出了一只蟑螂',
  'health.medical': '医院医生态度很差，看病排队三个小时',
  'education.school': '孩子入学被学校拒绝，说学位满了',
  'civil.assistance': '家里困难想申请低保，去哪里办',
  'safety.hazard': '楼道里有人给电动车充电，拉了电线',
  'security.order': '接到冒充公安的诈骗电话让我转账',
};

describe('the case classifier', () => {
  it('knows every seeded category', () => {
    expect([...classifier.categories].sort()).toEqual(seedCategories.map((c) => c.code).sort());
    expect(Object.keys(clearCases).sort()).toEqual(seedCategories.map((c) => c.code).sort());
  });

  it.each(Object.entries(clearCases))('puts a clear %s case first', (category, text) => {
    expect(classifier.classify(text).top[0]!.category).toBe(category);
  });

  it('returns three distinct categories, best first, with scores in 0..1 summing to at most 1', () => {
    for (const text of Object.values(clearCases)) {
      const { top } = classifier.classify(text);
      expect(top).toHaveLength(3);
      expect(new Set(top.map((g) => g.category)).size).toBe(3);
      for (const g of top) expect(g.score).toBeGreaterThanOrEqual(0);
      expect(top[0]!.score).toBeGreaterThanOrEqual(top[1]!.score);
      expect(top[1]!.score).toBeGreaterThanOrEqual(top[2]!.score);
      expect(top.reduce((s, g) => s + g.score, 0)).toBeLessThanOrEqual(1);
    }
  });

  it('still answers for a text with no known word (the prior), and ignores the address', () => {
    const { top } = classifier.classify('zzzz qqqq');
    expect(top).toHaveLength(3);
    const text = clearCases['env.noise']!;
    expect(classifier.classify(text, '望城区郭亮中路8号')).toEqual(classifier.classify(text));
  });

  it.each(['', '   ', '\n\t '])('refuses an empty text (%j) with a clear error', (text) => {
    let caught: unknown;
    try {
      classifier.classify(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: 'classify_text_empty',
      fields: [{ field: 'text', reason: 'required' }],
    });
  });

  it('reaches the issue target on the hand-written evaluation set (top-1 ≥ 80 %, top-3 ≥ 95 %)', () => {
    const texts = loadEvalTexts();
    expect(texts.length).toBeGreaterThanOrEqual(250);
    expect(new Set(texts.map((t) => t.category)).size).toBe(25);
    const result = accuracy(classifier, texts);
    expect(result.top1).toBeGreaterThanOrEqual(0.8);
    expect(result.top3).toBeGreaterThanOrEqual(0.95);
  });
});
