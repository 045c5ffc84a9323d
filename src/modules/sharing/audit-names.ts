import { findApplicationsByIds } from './applications/repository.ts';
import { departmentName, loadDirectory, type SharingDeps } from './directory.ts';
import { findGrantsByIds } from './grants/repository.ts';

/** The ids among `ids` that are whole numbers (an entry's target id is text). */
const numbers = (ids: string[]) => ids.map(Number).filter(Number.isInteger);

/**
 * Names applications and grants on the audit page: the resource and the department that applied for it or holds
 * it, e.g. "户籍人口登记信息 · 民政局", rather than a bare number.
 */
export function nameSharingTargets(deps: SharingDeps) {
  const db = deps.database.db;
  const named = async (rows: { id: number; resourceId: number; departmentId: number }[]) => {
    const dir = await loadDirectory(deps);
    return new Map(
      rows.map((r) => [
        String(r.id),
        `${dir.resources.get(r.resourceId)?.name ?? `#${r.resourceId}`} · ${departmentName(dir, r.departmentId)}`,
      ]),
    );
  };
  deps.audit.nameTargets('application', async (ids) =>
    named(
      (await findApplicationsByIds(db, numbers(ids))).map((a) => ({
        id: a.id,
        resourceId: a.resourceId,
        departmentId: a.applicantDepartmentId,
      })),
    ),
  );
  deps.audit.nameTargets('grant', async (ids) =>
    named(
      (await findGrantsByIds(db, numbers(ids))).map((g) => ({
        id: g.id,
        resourceId: g.resourceId,
        departmentId: g.consumerDepartmentId,
      })),
    ),
  );
}
