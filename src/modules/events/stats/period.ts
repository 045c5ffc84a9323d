import { lookupCtx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import type { OrgService } from '../../org/index.ts';
import type { CategoryService } from '../categories/service.ts';
import { chinaInstant, dateOfDayNumber, dayNumberOf } from '../clock/china-time.ts';
import type { Figures } from './contract.ts';
import * as repo from './period-repository.ts';
import { figuresOf, rate } from './views.ts';

const LONGEST_OVERDUE = 5;

/**
 * A period's flow of cases: received in it, closed in it (with the rates of those closed: on time, satisfied,
 * reopened), per day, per lead department, per category and subdistrict; and what was open, and overdue, when it
 * ended, with the longest overdue. Asked again later it gives the same figures, because it counts from the
 * times the cases carry; only a case's history rewritten afterwards changes them (a closed case reopened, a
 * case merged or moved to another department later).
 */
export type PeriodFlow = {
  from: string;
  to: string;
  /** `received` is the cases received in the period; the rest of the figures are of the cases closed in it. */
  totals: Figures;
  openAtEnd: number;
  overdueAtEnd: number;
  days: { date: string; received: number; closed: number }[];
  byDepartment: {
    departmentId: number | null;
    departmentName: string | null;
    received: number;
    closed: number;
    onTime: number;
    onTimeRate: number | null;
  }[];
  /** Every category of the cases received, most cases first. */
  byCategory: { categoryCode: string | null; categoryName: string | null; received: number }[];
  bySubdistrict: { subdistrictCode: string | null; subdistrictName: string | null; received: number }[];
  longestOverdue: {
    number: string;
    title: string;
    categoryName: string | null;
    departmentName: string | null;
    subdistrictName: string | null;
    receivedAt: string;
    dueAt: string;
    /** Whole days past due at the period's end (or at the late reply). */
    overdueDays: number;
  }[];
};

/** The period flow of the cases (for the operations center's briefings; whole-district figures). */
export function periodFlowReads(deps: { db: Db; org: OrgService; categories: CategoryService }) {
  const { db } = deps;
  return {
    /**
     * The flow of the China-local days `from`–`to` (both included). Whole-district figures: the caller (the
     * operations center) checks who may read them.
     */
    async periodFlow(q: { from: string; to: string }): Promise<PeriodFlow> {
      const first = dayNumberOf(q.from);
      const last = dayNumberOf(q.to);
      const start = chinaInstant(first);
      const end = chinaInstant(last + 1);
      const [received, closed, open, overdue, departments, categories, subdistricts] = await Promise.all([
        repo.receivedIn(db, start, end),
        repo.closedIn(db, start, end),
        repo.openAtEnd(db, end),
        repo.longestOverdueAt(db, end, LONGEST_OVERDUE),
        deps.categories.departments(),
        deps.categories.list(),
        deps.org.listDivisions(lookupCtx, { level: 'subdistrict' }),
      ]);
      const department = (id: number | null) =>
        id === null ? null : (departments.byId.get(id)?.name ?? null);
      const category = (code: string | null) =>
        code === null ? null : (categories.find((c) => c.code === code)?.name ?? code);
      const subdistrict = (code: string | null) =>
        code === null ? null : (subdistricts.find((s) => s.code === code)?.name ?? code);
      const receivedOf = (kind: repo.ReceivedRow['kind']) => received.filter((r) => r.kind === kind);
      const closedOf = (kind: repo.ClosedRow['kind']) => closed.filter((r) => r.kind === kind);
      const closedTotal = closedOf('total')[0];
      const totals = figuresOf({
        received: receivedOf('total')[0]?.received ?? 0,
        closed: closedTotal?.closed ?? 0,
        on_time: closedTotal?.on_time ?? 0,
        called_back: closedTotal?.called_back ?? 0,
        satisfied: closedTotal?.satisfied ?? 0,
        reopened: closedTotal?.reopened ?? 0,
        handling_hours: closedTotal?.handling_hours ?? null,
      });
      const receivedByDay = new Map(receivedOf('day').map((r) => [r.day, r.received]));
      const closedByDay = new Map(closedOf('day').map((r) => [r.day, r.closed]));
      const days = [];
      for (let day = first; day <= last; day++) {
        const date = dateOfDayNumber(day);
        days.push({ date, received: receivedByDay.get(date) ?? 0, closed: closedByDay.get(date) ?? 0 });
      }
      const byDepartment = new Map<number | null, PeriodFlow['byDepartment'][number]>();
      const row = (id: number | null) =>
        byDepartment.get(id) ?? {
          departmentId: id,
          departmentName: department(id),
          received: 0,
          closed: 0,
          onTime: 0,
          onTimeRate: null,
        };
      for (const r of receivedOf('department'))
        byDepartment.set(r.department_id, { ...row(r.department_id), received: r.received });
      for (const r of closedOf('department'))
        byDepartment.set(r.department_id, {
          ...row(r.department_id),
          closed: r.closed,
          onTime: r.on_time,
          onTimeRate: rate(r.on_time, r.closed),
        });
      // Ties in a stable order (by code), so the same figures list alike every time.
      const most = <T extends { received: number; key: string }>(a: T, b: T) =>
        b.received - a.received || a.key.localeCompare(b.key);
      const keyed = <T>(key: string | null, row: T) => ({ ...row, key: key ?? '' });
      const unkeyed = <T extends { key: string }>({ key: _key, ...row }: T) => row;
      return {
        from: q.from,
        to: q.to,
        totals,
        openAtEnd: open.open,
        overdueAtEnd: open.overdue,
        days,
        byDepartment: [...byDepartment.values()].sort(
          (a, b) =>
            b.received - a.received || b.closed - a.closed || (a.departmentId ?? 0) - (b.departmentId ?? 0),
        ),
        byCategory: receivedOf('category')
          .map((r) =>
            keyed(r.category_code, {
              categoryCode: r.category_code,
              categoryName: category(r.category_code),
              received: r.received,
            }),
          )
          .sort(most)
          .map(unkeyed),
        bySubdistrict: receivedOf('subdistrict')
          .map((r) =>
            keyed(r.subdistrict_code, {
              subdistrictCode: r.subdistrict_code,
              subdistrictName: subdistrict(r.subdistrict_code),
              received: r.received,
            }),
          )
          .sort(most)
          .map(unkeyed),
        longestOverdue: overdue.map((c) => ({
          number: c.number,
          title: c.title ?? c.content,
          categoryName: category(c.category_code),
          departmentName: department(c.department_id),
          subdistrictName: subdistrict(c.subdistrict_code),
          receivedAt: c.received_at,
          dueAt: c.due_at,
          overdueDays: c.overdue_days,
        })),
      };
    },
  };
}
