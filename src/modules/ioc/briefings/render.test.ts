import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { changeCell, rateChangeCell } from './content.ts';
import type { BriefingFigures } from './contract.ts';
import { compare, compareRate } from './figures.ts';
import { renderBriefing } from './service.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-briefing-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A week's figures as the service would read them, with a value in every part. */
function sampleFigures(): BriefingFigures {
  const days = [
    '2026-11-30',
    '2026-12-01',
    '2026-12-02',
    '2026-12-03',
    '2026-12-04',
    '2026-12-05',
    '2026-12-06',
  ];
  return {
    period: '2026-W49',
    kind: 'weekly',
    from: '2026-11-30',
    to: '2026-12-06',
    number: '望数运简〔2026〕第49期',
    title: '2026年第49周（11月30日—12月6日）',
    issuer: '望城区数据资源中心',
    previous: { period: '2026-W48', from: '2026-11-23', to: '2026-11-29' },
    complete: true,
    cases: {
      received: compare(1234, 1100),
      closed: compare(1180, 1200),
      onTimeRate: compareRate(0.9612, 0.95),
      satisfactionRate: compareRate(0.9345, 0.94),
      reopenRate: compareRate(0.021, 0.021),
      meanHandlingHours: 30.5,
      openAtEnd: compare(321, 300),
      overdueAtEnd: compare(17, 20),
      daily: days.map((date, i) => ({ date, received: 150 + i * 10, closed: 140 + i * 12 })),
      topCategories: [
        { code: 'city.manhole', name: '井盖缺失破损', count: 300, previous: 250 },
        { code: 'city.litter', name: '暴露垃圾', count: 200, previous: 210 },
        { code: 'city.noise', name: '噪音扰民', count: 150, previous: 100 },
      ],
      topSubdistricts: [{ code: '430112001', name: '高塘岭街道', count: 400 }],
      byDepartment: [{ departmentId: 8, name: '城管局', received: 700, closed: 690, onTimeRate: 0.97 }],
    },
    alarms: {
      raised: compare(88, 0),
      bySeverity: { critical: 3, major: 20, minor: 40, warning: 25 },
      byType: [{ profileCode: 'manhole', name: '智能井盖', count: 50 }],
    },
    devices: {
      at: '2026-12-07T00:00:00.000Z',
      total: 2000,
      online: 1900,
      offline: 80,
      fault: 20,
      onlineRate: 0.95,
    },
    sharing: {
      calls: compare(56789, 50000),
      served: 56000,
      refused: 12,
      byDepartment: [{ departmentId: 2, name: '公安分局', calls: 30000 }],
    },
    aggregation: {
      records: compare(45678, 40000),
      batches: compare(12, 10),
      rejected: compare(34, 40),
      failedBatches: 1,
    },
    registries: {
      people: compare(800123, 800000),
      legalPersons: compare(52000, 51990),
      licenses: compare(120000, 119000),
      components: compare(30000, 30000),
    },
    notable: {
      incidents: [
        {
          id: 1,
          title: '雷锋大道内涝',
          startedAt: '2026-12-02T06:00:00.000Z',
          endedAt: '2026-12-02T10:30:00.000Z',
          subdistrictName: '雷锋街道',
        },
      ],
      overdueCases: [
        {
          number: '202611200001',
          title: '小区门口路灯不亮已经两周了',
          categoryName: '路灯故障',
          departmentName: '城管局',
          dueAt: '2026-11-21T08:00:00.000Z',
          overdueDays: 15,
        },
      ],
      repeatedAlarms: [
        {
          deviceCode: 'WL-0007',
          deviceName: '雷锋大道积水监测点',
          typeName: '积水监测',
          ruleName: '积水超警戒',
          severity: 'major',
          count: 9,
        },
      ],
    },
  };
}

describe('the briefing documents', () => {
  it('write changes the way a reader expects', () => {
    expect(changeCell(compare(1234, 1100))).toBe('+134（+12.2%）');
    expect(changeCell(compare(90, 100))).toBe('−10（−10.0%）');
    expect(changeCell(compare(5, 5))).toBe('持平');
    expect(changeCell(compare(5, 0))).toBe('+5');
    expect(rateChangeCell(compareRate(0.9612, 0.95))).toBe('+1.1个百分点');
    expect(rateChangeCell(compareRate(null, 0.95))).toBe('—');
  });

  it('make a DOCX and a PDF in the house style with the figures, opened by standard tools', async () => {
    const made = await renderBriefing(sampleFigures(), new Date('2026-12-07T00:05:00Z'));
    expect(made.fileName).toBe('运营管理简报_望数运简〔2026〕第49期');

    const zip = await JSZip.loadAsync(made.docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      '望城区数据资源中心',
      '运营管理简报',
      '望数运简〔2026〕第49期',
      '2026年12月7日',
      '一、总体情况',
      '二、城市管理（12345 工单）',
      '三、城市感知（设备与告警）',
      '四、数据归集与共享',
      '五、重点事项',
      '受理工单1,234件',
      '+134（+12.2%）',
      '雷锋大道内涝',
      '202611200001',
    ])
      expect(text, expected).toContain(expected);
    expect(xml).toContain('w:eastAsia="Noto Sans SC"');
    expect(xml).toContain('w:color="C00000"'); // the red masthead
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(4);

    const pdf = path.join(work, 'briefing.pdf');
    fs.writeFileSync(pdf, made.pdf);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toContain('望数运简〔2026〕第49期');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const shown = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of [
      '望城区数据资源中心',
      '运营管理简报',
      '望数运简〔2026〕第49期',
      '一、总体情况',
      '受理工单1,234件',
      '+134（+12.2%）',
      '图1本周每日受理与办结工单',
      '井盖缺失破损', // a chart's label, drawn as vector text
      '雷锋大道内涝',
    ])
      expect(shown, expected).toContain(expected);
  });

  it('make a DOCX that a word processor (LibreOffice) opens and shows with its figures', async () => {
    const made = await renderBriefing(sampleFigures(), new Date('2026-12-07T00:05:00Z'));
    const docx = path.join(work, 'opened.docx');
    fs.writeFileSync(docx, made.docx);
    const out = path.join(work, 'libreoffice');
    // A profile of its own: LibreOffice will not start on a profile another instance holds.
    const profile = `-env:UserInstallation=file://${path.join(work, 'libreoffice-profile')}`;
    execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', out, docx], {
      timeout: 150_000,
      stdio: 'ignore',
    });
    const pdf = path.join(out, 'opened.pdf');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+[2-9]/);
    const shown = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of [
      '运营管理简报',
      '望数运简〔2026〕第49期',
      '一、总体情况',
      '1,234',
      '+134（+12.2%）',
      '雷锋大道内涝',
    ])
      expect(shown, expected).toContain(expected);
  }, 180_000);
});
