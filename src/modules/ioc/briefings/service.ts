import { type Ctx, systemCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { Logger } from '../../../core/logger.ts';
import type { BriefingDetail, BriefingKind, BriefingSummary } from '../contract.ts';
import type { IocSources } from '../ports.ts';
import { renderCharts } from './charts.ts';
import { briefingContent } from './content.ts';
import { type BriefingDocumentFormat, type BriefingFigures, briefingFigures } from './contract.ts';
import { briefingDocx } from './docx.ts';
import { periodFigures } from './figures.ts';
import { briefingPdf } from './pdf.ts';
import { periodAsOf } from './period.ts';
import * as repo from './repository.ts';
import { owedPeriods } from './schedule.ts';

const contentTypes: Record<BriefingDocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** Who the schedule's briefings are by, in the archive and the audit log. */
function scheduleCtx(): Ctx {
  const ctx = systemCtx('schedule');
  return { ...ctx, actor: { ...ctx.actor!, displayName: '系统定时任务' } };
}

const summaryOf = (row: repo.BriefingSummaryRow): BriefingSummary => ({
  ...row,
  generatedAt: row.generatedAt.toISOString(),
});

/** Both documents of a briefing, from its figures, dated `now` (China-local). */
export async function renderBriefing(figures: BriefingFigures, now: Date) {
  const content = briefingContent(figures, todayInShanghai(now));
  const charts = renderCharts(figures);
  const [docx, pdf] = await Promise.all([briefingDocx(content, charts), briefingPdf(content, charts, now)]);
  return { docx, pdf, fileName: content.fileName };
}

/**
 * Operations briefings (运营管理简报): a week's or a month's figures from the other modules, compared with the
 * period before, written as DOCX and PDF in the center's house style and kept in the archive (ioc.briefings) with
 * who made them. Made on demand, and by the schedule: last week's on Monday from 08:00, last month's on the 1st.
 */
export function createBriefingService(deps: {
  database: Database;
  sources: IocSources;
  logger: Logger;
  now: () => Date;
}) {
  const { database, sources, logger } = deps;
  const db = database.db;
  // The audit page names a briefing by its number.
  sources.audit.nameTargets('briefing', async (ids) => {
    const names = new Map<string, string>();
    for (const id of ids) {
      const found = Number.isInteger(Number(id)) ? await repo.findBriefing(db, Number(id)) : undefined;
      if (found) names.set(id, found.number);
    }
    return names;
  });

  /** The period of `text` by the module's clock (see periodAsOf). */
  const periodOf = (text: string, mustBeOver: boolean) => periodAsOf(text, deps.now(), mustBeOver);

  async function generate(
    ctx: Ctx,
    periodText: string,
    trigger: 'schedule' | 'manual' = 'manual',
  ): Promise<BriefingSummary> {
    const period = periodOf(periodText, true);
    const started = performance.now();
    const now = deps.now();
    const figures = await periodFigures({ db, sources }, period, now);
    const documents = await renderBriefing(figures, now);
    const row = await db.transaction(async (tx) => {
      const stored = await repo.insertBriefing(tx, {
        kind: period.kind,
        period: period.code,
        periodFrom: period.from,
        periodTo: period.to,
        number: figures.number,
        figures,
        docx: documents.docx,
        pdf: documents.pdf,
        trigger,
        generatedAt: now,
        generatedBy: ctx.actor?.userId || null,
        generatedByName: ctx.actor?.displayName ?? 'system',
      });
      await sources.audit.record(tx, ctx, {
        action: 'ioc.briefing_generate',
        targetType: 'briefing',
        targetId: stored.id,
        detail: { period: period.code, number: figures.number, trigger },
      });
      return stored;
    });
    logger.info(
      { period: period.code, id: row.id, trigger, ms: Math.round(performance.now() - started) },
      'briefing generated',
    );
    return summaryOf(row);
  }

  // One schedule run at a time in this process; across processes, the database lock below.
  let running: Promise<BriefingSummary[]> | null = null;

  return {
    /** Generates the period's briefing (DOCX and PDF), keeps it in the archive (audited) and returns it. */
    generate,

    /** The figures of a period (a running one's so far), without making or keeping a briefing. */
    async figures(_ctx: Ctx, periodText: string): Promise<BriefingFigures> {
      return periodFigures({ db, sources }, periodOf(periodText, false), deps.now());
    },

    /** One page of the archive, newest period first, optionally of one kind. */
    async list(
      _ctx: Ctx,
      q: { kind?: BriefingKind; page: number; pageSize: number },
    ): Promise<{ items: BriefingSummary[]; total: number }> {
      const page = await repo.listBriefings(db, q);
      return { items: page.items.map(summaryOf), total: page.total };
    },

    /** One briefing of the archive with the figures it was written from. */
    async get(_ctx: Ctx, id: number): Promise<BriefingDetail> {
      const row = await repo.findBriefing(db, id);
      if (!row) throw new NotFoundError('briefing', id);
      // Parsed for the contract's order of keys (jsonb keeps them in an order of its own).
      const figures = briefingFigures.parse(row.figures);
      return { ...summaryOf(row), title: figures.title, figures };
    },

    /** One document of a briefing, with its file name and content type; the download is audited. */
    async document(ctx: Ctx, id: number, format: BriefingDocumentFormat) {
      const row = await repo.findDocument(db, id, format);
      if (!row) throw new NotFoundError('briefing', id);
      await sources.audit.recordNow(ctx, {
        action: 'ioc.briefing_download',
        targetType: 'briefing',
        targetId: id,
        detail: { format, period: row.period },
      });
      return {
        bytes: row.bytes,
        contentType: contentTypes[format],
        fileName: `运营管理简报_${row.number}.${format}`,
        asciiName: `briefing-${row.period}.${format}`,
      };
    },

    /**
     * Generates the briefings the schedule owes (last week's from Monday 08:00, last month's from the 1st at
     * 08:00, China time) that the archive lacks. Safe with several processes (one runs it at a time, the others
     * then find the briefings made) and idempotent; returns what it made.
     */
    runSchedule(): Promise<BriefingSummary[]> {
      running ??= database
        .exclusive('ioc-briefing-schedule', async () => {
          const owed = owedPeriods(deps.now());
          const made: BriefingSummary[] = [];
          for (const period of [owed.weekly, owed.monthly])
            if (!(await repo.hasPeriod(db, period)))
              made.push(await generate(scheduleCtx(), period, 'schedule'));
          return made;
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
  };
}
