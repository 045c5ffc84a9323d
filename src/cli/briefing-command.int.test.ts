import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabaseConfig } from '../../test/databases.ts';
import { envFor, runCli } from '../../test/processes.ts';
import { systemCtx } from '../core/context.ts';
import type { ImportCase } from '../modules/events/index.ts';
import { historyCase } from '../modules/ioc/briefings/briefing-test-kit.ts';
import { briefingPeriodAt, parseBriefingPeriod } from '../modules/ioc/index.ts';
import { openPlatform } from '../server/platform.ts';

describe.each(databaseKinds)('onecity briefing on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseConfig>>;
  let env: NodeJS.ProcessEnv;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-briefing-cli-'));
  // Last week: over, whenever the test runs.
  const thisWeek = briefingPeriodAt('weekly', new Date());
  const week = parseBriefingPeriod(thisWeek.previous);

  beforeAll(async () => {
    fresh = await freshDatabaseConfig(kind);
    env = envFor(fresh.config);
    // Two cases received last week, one closed in it.
    const { database, modules } = await openPlatform(fresh.config);
    try {
      const [category] = await modules.events.categories.list();
      const kase = (number: string, over: Partial<ImportCase>) =>
        historyCase(number, category!, { receivedAt: new Date(week.start.getTime() + 3_600_000), ...over });
      await modules.events.imports.loadCases(
        systemCtx('test'),
        [
          kase('C001', {}),
          kase('C002', { status: 'closed', closedAt: new Date(week.start.getTime() + 7_200_000) }),
        ],
        { source: 'test' },
      );
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await fresh?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('makes a PDF and prints the figures it used; makes a DOCX named by the file; both kept in the archive', async () => {
    const pdf = path.join(work, 'week.pdf');
    const made = await runCli(
      ['briefing', '--period', week.code, '--format', 'pdf', '--out', pdf, '--json'],
      env,
    );
    expect(made.code, made.stderr).toBe(0);
    const figures = JSON.parse(made.stdout);
    expect(figures).toMatchObject({
      period: week.code,
      from: week.from,
      to: week.to,
      complete: true,
      cases: { received: { value: 2 }, closed: { value: 1 } },
    });
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toContain('(A4)');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(figures.number);
    expect(text).toContain('全区共受理群众诉求工单2件');

    const docx = path.join(work, 'week.docx');
    const second = await runCli(['briefing', '--period', week.code, '--out', docx], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(figures.number);
    const xml = await (await JSZip.loadAsync(fs.readFileSync(docx)))
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain(figures.number);

    const { database, modules } = await openPlatform(fresh.config);
    try {
      const archive = await modules.ioc.briefings.list(systemCtx('test'), { page: 1, pageSize: 10 });
      expect(archive.items.map((b) => [b.period, b.trigger, b.generatedByName])).toEqual([
        [week.code, 'manual', 'cli'],
        [week.code, 'manual', 'cli'],
      ]);
    } finally {
      await database.close();
    }
  });

  it('refuses a bad period or format with a clear message and status 2, before opening the database', async () => {
    const out = path.join(work, 'never.pdf');
    const cases: [string[], string][] = [
      [['--period', '2025-W53'], 'Error: --period: 2025 has only 52 weeks'],
      [
        ['--period', '2026-13'],
        'Error: --period: A period is written 2026-W49 (a week) or 2026-11 (a month)',
      ],
      [['--period', thisWeek.code], `Error: --period: The period runs until ${thisWeek.to}`],
      [['--period', '2099-W01'], 'Error: --period: The period starts on 2098-12-29'],
      [['--period', week.code, '--format', 'odt'], 'Error: --format: must be one of: docx, pdf'],
    ];
    for (const [args, error] of cases) {
      const refused = await runCli(['briefing', ...args, '--out', out], env);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain(error);
    }
    expect(fs.existsSync(out)).toBe(false);
  });
});
