import { and, desc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { type Db, type Paging, pageOf } from '../../../core/db.ts';
import type { BriefingKind } from '../contract.ts';
import { briefings, incidents } from '../schema.ts';

export type BriefingRow = typeof briefings.$inferSelect;
export type BriefingValues = typeof briefings.$inferInsert;

// The archive lists and reads briefings without their documents (hundreds of kilobytes each); a download reads
// the one document asked for.
const summaryColumns = {
  id: briefings.id,
  kind: briefings.kind,
  period: briefings.period,
  periodFrom: briefings.periodFrom,
  periodTo: briefings.periodTo,
  number: briefings.number,
  trigger: briefings.trigger,
  generatedAt: briefings.generatedAt,
  generatedByName: briefings.generatedByName,
  docxBytes: sql<number>`octet_length(${briefings.docx})::int`,
  pdfBytes: sql<number>`octet_length(${briefings.pdf})::int`,
};
export type BriefingSummaryRow = {
  id: number;
  kind: BriefingKind;
  period: string;
  periodFrom: string;
  periodTo: string;
  number: string;
  trigger: 'schedule' | 'manual';
  generatedAt: Date;
  generatedByName: string;
  docxBytes: number;
  pdfBytes: number;
};

/** Stores a generated briefing; returns it without its documents. */
export async function insertBriefing(db: Db, values: BriefingValues): Promise<BriefingSummaryRow> {
  const [row] = await db.insert(briefings).values(values).returning(summaryColumns);
  return row as BriefingSummaryRow;
}

/** One page of the archive, newest period first (then newest version), optionally of one kind. */
export function listBriefings(db: Db, q: Paging & { kind?: BriefingKind }) {
  const where = q.kind ? eq(briefings.kind, q.kind) : undefined;
  const query = db
    .select(summaryColumns)
    .from(briefings)
    .where(where)
    .orderBy(desc(briefings.periodFrom), desc(briefings.generatedAt), desc(briefings.id));
  return pageOf<BriefingSummaryRow>(query as never, db.$count(briefings, where), q);
}

/** One briefing without its documents, with its figures; undefined when there is none. */
export async function findBriefing(db: Db, id: number) {
  const [row] = await db
    .select({ ...summaryColumns, figures: briefings.figures })
    .from(briefings)
    .where(eq(briefings.id, id));
  return row as (BriefingSummaryRow & { figures: unknown }) | undefined;
}

/** One document of a briefing, with what names its file; undefined when there is none. */
export async function findDocument(db: Db, id: number, format: 'docx' | 'pdf') {
  const [row] = await db
    .select({
      period: briefings.period,
      kind: briefings.kind,
      number: briefings.number,
      bytes: format === 'docx' ? briefings.docx : briefings.pdf,
    })
    .from(briefings)
    .where(eq(briefings.id, id));
  return row;
}

/** Whether the archive holds a briefing of the period (any version, however generated). */
export async function hasPeriod(db: Db, period: string): Promise<boolean> {
  return (await db.$count(briefings, eq(briefings.period, period))) > 0;
}

/**
 * The emergency-mode incidents open at any time in [start, end), in the order they started. The operations center
 * owns the incidents table, so the briefings read it here.
 */
export function incidentsDuring(db: Db, start: Date, end: Date) {
  return db
    .select({
      id: incidents.id,
      title: incidents.title,
      subdistrictCode: incidents.subdistrictCode,
      startedAt: incidents.startedAt,
      endedAt: incidents.endedAt,
    })
    .from(incidents)
    .where(and(lt(incidents.startedAt, end), or(isNull(incidents.endedAt), gte(incidents.endedAt, start))))
    .orderBy(incidents.startedAt, incidents.id);
}
