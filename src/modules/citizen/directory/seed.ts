/** Seeds the demo's services directory and notices (seed-data.ts), once: a second run adds nothing. */
import { systemCtx } from '../../../core/context.ts';
import type { OrgService } from '../../org/index.ts';
import { demoNotices, demoServices } from './seed-data.ts';
import type { DirectoryServiceApi } from './service.ts';

const DAY_MS = 86_400_000;

/** Adds the demo's services and notices that are not there yet; says what it added through `progress`. */
export async function seedCitizenDirectory(
  directory: DirectoryServiceApi,
  org: OrgService,
  progress: (line: string) => void = () => {},
  now: Date = new Date(),
) {
  const departments = (await org.departmentDirectory()).byCode;
  const added = await directory.seed(
    systemCtx('demo'),
    demoServices.map((s, i) => ({
      name: s.name,
      category: s.category,
      summary: s.summary,
      departmentId: (s.department && departments.get(s.department)?.id) || null,
      place: s.place,
      hours: s.hours,
      phone: s.phone,
      materials: s.materials,
      online: s.online ?? false,
      formCode: s.formCode ?? null,
      sortOrder: (i + 1) * 10,
      active: true,
    })),
    demoNotices.map((n) => ({
      title: n.title,
      body: n.body,
      pinned: n.pinned ?? false,
      // Published at 9:30 on the day, as the center does.
      publishedAt: new Date(
        Math.floor((now.getTime() - n.daysAgo * DAY_MS) / DAY_MS) * DAY_MS + 1.5 * 3_600_000,
      ),
    })),
  );
  progress(`added ${added.services} services to the directory and ${added.notices} notices of the center`);
  return added;
}
