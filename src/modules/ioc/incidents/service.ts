import { announceChange } from '../../../core/changes.ts';
import type { Ctx } from '../../../core/context.ts';
import { type Database, isUniqueViolation } from '../../../core/db.ts';
import { ConflictError, type FieldError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { Incident, IncidentInput, IncidentView, ScreenMode } from '../contract.ts';
import type { createFacilityService } from '../facilities/service.ts';
import type { IocSources } from '../ports.ts';
import type { createScreenLive } from '../screen/live.ts';
import * as repo from './repository.ts';
import { createIncidentViews, incidentOf } from './view.ts';

const DEFAULT_RADIUS_M = 1000;

/** The refusal while an incident is open. */
const stillOpen = (open: { title: string }) =>
  new ConflictError('incident_open', `Incident "${open.title}" is open`, { title: open.title });

/**
 * Emergency mode (平战结合): the duty officer switches the screen to an incident (a place, a radius, the cases and
 * alarms it concerns) and back to routine. One incident is open at a time; both switches are audited, and every
 * screen on every process is told the new mode.
 */
export function createIncidentService(deps: {
  database: Database;
  sources: IocSources;
  facilities: ReturnType<typeof createFacilityService>;
  live: ReturnType<typeof createScreenLive>;
  logger: Logger;
  now: () => Date;
}) {
  const { database, sources, live, logger } = deps;
  const db = database.db;
  const views = createIncidentViews(deps);
  sources.audit.nameTargets('ioc_incident', async (ids) => {
    const rows = await repo.titlesOf(db, ids.map(Number).filter(Number.isSafeInteger));
    return new Map(rows.map((r) => [String(r.id), r.title]));
  });

  async function mode(): Promise<ScreenMode> {
    const open = await repo.findOpen(db);
    return open ? { mode: 'emergency', view: await views.view(open) } : { mode: 'routine', view: null };
  }

  /** Tells every screen the mode (after the switch is committed); a failure to tell does not undo the switch. */
  async function tellScreens(now: ScreenMode) {
    try {
      await live.broadcast({ type: 'mode', mode: now });
      await announceChange(database, 'incident');
    } catch (err) {
      logger.warn({ err }, 'telling the screens the new mode failed');
    }
  }

  /** The bad fields of an incident to start: a place outside the district, cases and alarms that do not exist. */
  async function check(input: { lng: number; lat: number; caseNumbers: string[]; alarmIds: number[] }) {
    const errors: FieldError[] = [];
    const [place, cases, alarms] = await Promise.all([
      sources.org.places.locate(input.lng, input.lat),
      sources.events.cases.withHistory(input.caseNumbers),
      sources.iot.alarms.byIds(input.alarmIds),
    ]);
    if (!place) errors.push({ field: 'lng', reason: 'incident_outside_district' });
    const numbers = new Set(cases.map((c) => c.number));
    for (const [i, number] of input.caseNumbers.entries())
      if (!numbers.has(number))
        errors.push({ field: `caseNumbers.${i}`, reason: 'incident_unknown_case', params: { number } });
    const ids = new Set(alarms.map((a) => a.id));
    for (const [i, id] of input.alarmIds.entries())
      if (!ids.has(id))
        errors.push({ field: `alarmIds.${i}`, reason: 'incident_unknown_alarm', params: { id } });
    if (errors.length) throw new InputError('invalid_input', 'The incident is invalid', errors);
    return place!;
  }

  return {
    /** The screen's mode: routine, or the open incident with what is near it. */
    async mode(_ctx: Ctx): Promise<ScreenMode> {
      return mode();
    },

    /** Switches the screen to an incident (audited); refused while another is open. */
    async start(ctx: Ctx, input: IncidentInput): Promise<IncidentView> {
      const open = await repo.findOpen(db);
      if (open) throw stillOpen(open);
      const caseNumbers = [...new Set((input.caseNumbers ?? []).map((n) => n.trim()))];
      const alarmIds = [...new Set(input.alarmIds ?? [])];
      const place = await check({ lng: input.lng, lat: input.lat, caseNumbers, alarmIds });
      const actor = ctx.actor;
      const row = await db
        .transaction(async (tx) => {
          const made = await repo.insertIncident(tx, {
            title: input.title.trim(),
            description: input.description?.trim() || null,
            lng: input.lng,
            lat: input.lat,
            radiusM: input.radiusM ?? DEFAULT_RADIUS_M,
            subdistrictCode: place.subdistrictCode,
            caseNumbers,
            alarmIds,
            startedAt: deps.now(),
            startedBy: actor?.userId || null,
            startedByName: actor?.displayName || actor?.username || 'system',
          });
          await sources.audit.record(tx, ctx, {
            action: 'ioc.emergency.start',
            targetType: 'ioc_incident',
            targetId: made.id,
            detail: {
              title: made.title,
              lng: made.lng,
              lat: made.lat,
              radiusM: made.radiusM,
              subdistrictCode: made.subdistrictCode,
              caseNumbers,
              alarmIds,
            },
          });
          return made;
        })
        .catch(async (error) => {
          // Another officer started one between the check and the insert: the unique index refused this one.
          if (!isUniqueViolation(error)) throw error;
          const other = await repo.findOpen(db);
          throw stillOpen(other ?? { title: '' });
        });
      const view = await views.view(row);
      await tellScreens({ mode: 'emergency', view });
      return view;
    },

    /** Returns the screen to routine (audited); refused when the incident has ended already. */
    async end(ctx: Ctx, id: number, note?: string): Promise<Incident> {
      const before = await repo.findById(db, id);
      if (!before) throw new NotFoundError('incident', id);
      const ended = (at: Date) =>
        new ConflictError('incident_ended', `Incident ${id} has ended`, { endedAt: at.toISOString() });
      if (before.endedAt) throw ended(before.endedAt);
      const actor = ctx.actor;
      const endNote = note?.trim() || null;
      const row = await db.transaction(async (tx) => {
        const done = await repo.endIncident(tx, id, {
          endedAt: deps.now(),
          endedBy: actor?.userId || null,
          endedByName: actor?.displayName || actor?.username || 'system',
          endNote,
        });
        if (!done) return undefined;
        await sources.audit.record(tx, ctx, {
          action: 'ioc.emergency.end',
          targetType: 'ioc_incident',
          targetId: id,
          detail: { title: done.title, note: endNote },
        });
        return done;
      });
      // Someone else ended it between the read and the update.
      if (!row) throw ended((await repo.findById(db, id))?.endedAt ?? deps.now());
      await tellScreens(await mode());
      return incidentOf(row, await views.subdistrictNames());
    },

    /** Past and open incidents, newest first. */
    async list(
      _ctx: Ctx,
      q: { page: number; pageSize: number },
    ): Promise<{ items: Incident[]; total: number }> {
      const [page, names] = await Promise.all([repo.listIncidents(db, q), views.subdistrictNames()]);
      return { items: page.items.map((r) => incidentOf(r, names)), total: page.total };
    },
  };
}
