import type { Incident, IncidentView } from '../contract.ts';
import { facilityKinds } from '../contract.ts';
import type { createFacilityService } from '../facilities/service.ts';
import type { IocSources } from '../ports.ts';
import { boxAround, nearest } from './nearby.ts';
import type { IncidentRow } from './repository.ts';
import { timelineOf } from './timeline.ts';

// How many of each the screen lists near an incident: enough for its panel, never the whole district.
const NEAR_DEVICES = 20;
const NEAR_CASES = 20;
const NEAR_FACILITIES_PER_KIND = 10;
// Facilities are few (a district has hundreds), so one read takes all in the box before they are capped by kind.
const FACILITIES_IN_BOX = 500;

/** A case's title for a list: its own, or the start of what the reporter said. */
const titleOf = (c: { title: string | null; content: string }) => c.title ?? c.content.slice(0, 40);

/** The incident as the API shows it, its subdistrict named. */
export function incidentOf(row: IncidentRow, subdistrictNames: Map<string, string>): Incident {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    lng: row.lng,
    lat: row.lat,
    radiusM: row.radiusM,
    subdistrictCode: row.subdistrictCode,
    subdistrictName: row.subdistrictCode ? (subdistrictNames.get(row.subdistrictCode) ?? null) : null,
    caseNumbers: row.caseNumbers,
    alarmIds: row.alarmIds,
    startedAt: row.startedAt.toISOString(),
    startedByName: row.startedByName,
    endedAt: row.endedAt?.toISOString() ?? null,
    endedByName: row.endedByName,
    endNote: row.endNote,
  };
}

/**
 * What the screen shows of an incident: what is near it (devices, open cases, facilities, nearest first), its
 * linked cases and alarms with their timeline, and the departments that answer for them. Read for the screen as a
 * whole (its own policy says who sees it), not for one caller's role.
 */
export function createIncidentViews(deps: {
  sources: IocSources;
  facilities: ReturnType<typeof createFacilityService>;
}) {
  const { sources } = deps;

  /** The district's subdistrict names by code. */
  async function subdistrictNames(): Promise<Map<string, string>> {
    const index = await sources.org.places.index();
    return new Map(index.subdistricts.map((s) => [s.code, s.name]));
  }

  /** What is within the incident's radius. */
  async function near(row: IncidentRow) {
    const centre = { lng: row.lng, lat: row.lat };
    const box = boxAround(centre, row.radiusM);
    const [devices, cases, facilities] = await Promise.all([
      sources.iot.devices.inBox(centre, box, NEAR_DEVICES),
      sources.events.cases.openInBox(centre, box, NEAR_CASES),
      deps.facilities.inBox(centre, box, FACILITIES_IN_BOX),
    ]);
    const nearFacilities = facilityKinds
      .flatMap((kind) =>
        nearest(
          facilities.filter((f) => f.kind === kind),
          centre,
          row.radiusM,
          NEAR_FACILITIES_PER_KIND,
        ),
      )
      .sort((a, b) => a.distanceM - b.distanceM);
    return {
      devices: nearest(devices, centre, row.radiusM, NEAR_DEVICES),
      cases: nearest(cases, centre, row.radiusM, NEAR_CASES),
      facilities: nearFacilities,
    };
  }

  return {
    subdistrictNames,

    /** The incident with what is near it, its linked work, the timeline and the responsible departments. */
    async view(row: IncidentRow): Promise<IncidentView> {
      const [names, around, cases, alarms, directory] = await Promise.all([
        subdistrictNames(),
        near(row),
        sources.events.cases.withHistory(row.caseNumbers),
        sources.iot.alarms.byIds(row.alarmIds),
        sources.org.departmentDirectory(),
      ]);
      // In the order the incident lists them.
      cases.sort((a, b) => row.caseNumbers.indexOf(a.number) - row.caseNumbers.indexOf(b.number));
      alarms.sort((a, b) => row.alarmIds.indexOf(a.id) - row.alarmIds.indexOf(b.id));
      const departmentIds = new Set<number>();
      for (const id of [
        ...cases.map((c) => c.departmentId),
        ...alarms.map((a) => a.departmentId),
        ...around.cases.map((c) => c.departmentId),
        ...around.devices.map((d) => d.departmentId),
      ])
        if (id !== null) departmentIds.add(id);
      return {
        incident: incidentOf(row, names),
        near: {
          devices: around.devices.map((d) => ({
            code: d.code,
            name: d.name,
            profile: d.profileCode,
            status: d.status,
            distanceM: d.distanceM,
            lng: d.lng,
            lat: d.lat,
          })),
          cases: around.cases.map((c) => ({
            number: c.number,
            title: titleOf(c),
            status: c.status,
            distanceM: c.distanceM,
            lng: c.lng,
            lat: c.lat,
          })),
          facilities: around.facilities.map((f) => ({
            id: f.id,
            kind: f.kind,
            name: f.name,
            capacity: f.capacity,
            distanceM: f.distanceM,
            lng: f.lng,
            lat: f.lat,
          })),
        },
        linked: {
          cases: cases.map((c) => ({
            number: c.number,
            title: titleOf(c),
            status: c.status,
            departmentName: c.departmentName,
          })),
          alarms: alarms.map((a) => ({
            id: a.id,
            deviceCode: a.deviceCode,
            deviceName: a.deviceName,
            severity: a.severity,
            status: a.status,
          })),
        },
        timeline: timelineOf(row, cases, alarms),
        departments: [...departmentIds].flatMap((id) => {
          const d = directory.byId.get(id);
          return d ? [{ id: d.id, name: d.name, phone: d.phone }] : [];
        }),
      };
    },
  };
}
