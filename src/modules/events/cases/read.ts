import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CategoryService } from '../categories/service.ts';
import { chinaDayNumber, chinaInstant } from '../clock/china-time.ts';
import { eventsPolicy } from '../policy.ts';
import type { CaseDetail, CaseQuery, CaseStatus, CaseStep, CaseSummary } from './contract.ts';
import type { Classifier, PlaceResolver } from './ports.ts';
import * as repo from './repository.ts';
import { availableActions } from './transitions.ts';
import { detailOf, type Names, stepOf, summaryOf } from './views.ts';

/** Metres between two WGS-84 points (haversine). */
function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371_000 * Math.asin(Math.sqrt(h));
}

/** Character bigrams of a text, for a rough likeness of two complaints. */
function bigrams(text: string): Set<string> {
  const t = text.replace(/[\s\p{P}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** Dice similarity of two texts' bigrams, 0..1. */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

const DUPLICATE_METRES = 500;
const DUPLICATE_DAYS = 7;

/** Reading cases: lists, one case whole, the reporter's contact (audited), duplicates and suggestions for the desk. */
export function createCaseReadService(deps: {
  db: Db;
  audit: AuditService;
  categories: CategoryService;
  places: PlaceResolver;
  classifier: Classifier;
  now: () => Date;
}) {
  const { db, audit, categories } = deps;

  async function names(): Promise<Names> {
    const list = await categories.list();
    return { categories: new Map(list.map((c) => [c.code, c])), departments: await categories.departments() };
  }

  /** The cases a caller sees, or a refusal for one who sees none. */
  function scopeOf(ctx: Ctx): repo.CaseScope {
    const actor = ctx.actor;
    if (eventsPolicy.atDesk(actor) || actor?.roles.includes('leader')) return { all: true };
    if (actor?.roles.includes('department_user') && actor.departmentId !== null)
      return { departmentId: actor.departmentId };
    if (actor?.roles.includes('inspector')) return { createdBy: actor.userId };
    throw new ForbiddenError('no_cases', 'You see no cases');
  }

  async function visible(ctx: Ctx, number: string) {
    const row = await repo.findCaseByNumber(db, number);
    if (!row || !eventsPolicy.maySee(ctx.actor, row)) throw new NotFoundError('case', number);
    return row;
  }

  return {
    /** One page of the cases the caller sees. */
    async list(ctx: Ctx, q: CaseQuery) {
      const scope = scopeOf(ctx);
      const now = deps.now();
      const inbox =
        q.inbox === 'desk'
          ? ({ kind: 'desk' } as const)
          : q.inbox === 'department'
            ? ({ kind: 'department', departmentId: ctx.actor?.departmentId ?? -1 } as const)
            : undefined;
      const page = await repo.listCases(
        db,
        {
          scope,
          q: q.q,
          status: q.status,
          channel: q.channel,
          category: q.category,
          departmentId: q.departmentId,
          subdistrict: q.subdistrict,
          clock: q.clock,
          inbox,
          from: q.from ? new Date(`${q.from}T00:00:00+08:00`) : undefined,
          to: q.to ? new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000) : undefined,
          now,
        },
        q,
        { by: q.sort, order: q.order },
      );
      const n = await names();
      return { items: page.items.map((r) => summaryOf(r, n, now)), total: page.total };
    },

    /**
     * The open cases the caller sees (as the list shows them) by how soon they are due, in China-local days:
     * overdue, due later today, due in the next three days, due later. For the home page's dashboard.
     */
    async countByDue(ctx: Ctx) {
      const now = deps.now();
      const today = chinaDayNumber(now);
      return repo.countOpenByDue(db, scopeOf(ctx), {
        now,
        tomorrow: chinaInstant(today + 1),
        fourthDay: chinaInstant(today + 4),
      });
    },

    /** One case with its history and the actions the caller may take now. */
    async get(ctx: Ctx, number: string): Promise<CaseDetail> {
      const row = await visible(ctx, number);
      const [steps, [into]] = await Promise.all([
        repo.findSteps(db, row.id),
        repo.findCasesByIds(db, row.mergedInto ? [row.mergedInto] : []),
      ]);
      const actions = availableActions(
        {
          status: row.status as CaseStatus,
          extensionRequested: !!row.extensionRequest,
          supervised: row.supervised,
        },
        { desk: eventsPolicy.atDesk(ctx.actor), department: eventsPolicy.mayHandle(ctx.actor, row) },
      );
      return detailOf(
        row,
        {
          steps,
          mergedInto: into?.number ?? null,
          actions,
          canReadContact: eventsPolicy.mayReadContact(ctx.actor, row),
        },
        await names(),
        deps.now(),
      );
    },

    /** The reporter's contact unmasked, for the desk and the lead department; every read is audited. */
    async contact(ctx: Ctx, number: string) {
      const row = await visible(ctx, number);
      if (!eventsPolicy.mayReadContact(ctx.actor, row))
        await audit.deny(
          ctx,
          { targetType: 'case', targetId: number, detail: { read: 'contact' } },
          new ForbiddenError('contact_hidden', 'Only the desk and the lead department see the contact'),
        );
      await audit.recordNow(ctx, { action: 'events.read_contact', targetType: 'case', targetId: number });
      return {
        reporterName: row.reporterName,
        reporterPhone: row.reporterPhone,
        reporterEmail: row.reporterEmail,
      };
    },

    /**
     * Open cases that may be the same problem: same category (when known), within 500 m (when placed), received
     * in the last 7 days, ranked by how alike their texts are.
     */
    async duplicates(
      _ctx: Ctx,
      q: { content: string; categoryCode?: string; address?: string; lng?: number; lat?: number },
    ) {
      const point =
        q.lng !== undefined && q.lat !== undefined
          ? { lng: q.lng, lat: q.lat }
          : q.address
            ? await deps.places.resolveAddress(q.address)
            : null;
      const dLat = DUPLICATE_METRES / 111_000;
      const dLng = point ? DUPLICATE_METRES / (111_000 * Math.cos((point.lat * Math.PI) / 180)) : 0;
      const now = deps.now();
      const rows = await repo.findOpenNear(
        db,
        {
          categoryCode: q.categoryCode,
          since: new Date(now.getTime() - DUPLICATE_DAYS * 86_400_000),
          box: point
            ? {
                west: point.lng - dLng,
                east: point.lng + dLng,
                south: point.lat - dLat,
                north: point.lat + dLat,
              }
            : undefined,
        },
        200,
      );
      const n = await names();
      const items = rows
        .map((r) => ({
          row: r,
          similarity: Math.round(textSimilarity(q.content, r.content) * 100) / 100,
          distanceMetres:
            point && r.lng !== null && r.lat !== null
              ? Math.round(metres(point, { lng: r.lng, lat: r.lat }))
              : null,
        }))
        .filter(
          (x) => (x.distanceMetres === null || x.distanceMetres <= DUPLICATE_METRES) && x.similarity >= 0.15,
        )
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, 10);
      return {
        items: items.map((x) => ({
          ...summaryOf(x.row, n, now),
          similarity: x.similarity,
          distanceMetres: x.distanceMetres,
        })),
      };
    },

    /**
     * For the operations screen, whose own policy says who sees it (so not limited to what the caller's role sees):
     * the open cases placed inside `box`, nearest to `centre` first, at most `limit`, with their points.
     */
    async openInBox(
      centre: { lng: number; lat: number },
      box: repo.Box,
      limit: number,
    ): Promise<(CaseSummary & { lng: number; lat: number })[]> {
      const [rows, n] = await Promise.all([repo.findOpenInBox(db, centre, box, limit), names()]);
      const now = deps.now();
      return rows.map((r) => ({ ...summaryOf(r, n, now), lng: r.lng!, lat: r.lat! }));
    },

    /**
     * For the operations screen (not limited to what the caller's role sees): the cases of these numbers that
     * exist, each with its history, oldest step first.
     */
    async withHistory(numbers: string[]): Promise<(CaseSummary & { steps: CaseStep[] })[]> {
      const rows = await repo.findCasesByNumbers(db, [...new Set(numbers)]);
      const [steps, n] = await Promise.all([
        repo.findStepsOfCases(
          db,
          rows.map((r) => r.id),
        ),
        names(),
      ]);
      const now = deps.now();
      return rows.map((r) => ({
        ...summaryOf(r, n, now),
        steps: steps.filter((s) => s.caseId === r.id).map((s) => stepOf(s, n.departments)),
      }));
    },

    /** The categories the classifier suggests for a text, and where its address is. */
    async suggest(_ctx: Ctx, q: { content: string; address?: string }) {
      const n = await names();
      const top = deps.classifier.classify(q.content).top.map((t) => {
        const c = n.categories.get(t.category);
        return {
          category: t.category,
          name: c?.name ?? t.category,
          departmentName: c ? (n.departments.byId.get(c.departmentId)?.name ?? null) : null,
          score: t.score,
        };
      });
      const place = q.address ? await deps.places.resolveAddress(q.address) : null;
      return { top, place };
    },

    /**
     * The newest cases the caller sees of the whole district (the operations screen's feed): number, time, title,
     * category, department, subdistrict; nothing of the reporter. Only for those who see every case.
     */
    async newest(ctx: Ctx, limit = 30) {
      if (!('all' in scopeOf(ctx))) throw new ForbiddenError('no_cases', 'Only for those who see every case');
      const [rows, n] = await Promise.all([repo.newestCases(db, limit), names()]);
      return rows.map((r) => ({
        number: r.number,
        receivedAt: r.receivedAt,
        title: r.title,
        categoryCode: r.categoryCode,
        categoryName: r.categoryCode ? (n.categories.get(r.categoryCode)?.name ?? null) : null,
        departmentName: r.departmentId ? (n.departments.byId.get(r.departmentId)?.name ?? null) : null,
        subdistrictCode: r.subdistrictCode,
        urgency: r.urgency,
        status: r.status,
      }));
    },
  };
}
