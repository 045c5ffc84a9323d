/**
 * The services directory (办事指南) and the center's notices (通知公告). Residents, signed in or not, read the active
 * services and the published notices; the center's staff keep both, every change audited.
 */
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { AuditEvent, AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import type {
  AdminNoticesQuery,
  AdminServicesQuery,
  DirectoryService,
  Notice,
  NoticeInput,
  NoticePage,
  NoticeSummary,
  NoticesQuery,
  ServiceInput,
  ServicePage,
  ServicesQuery,
} from './contract.ts';
import * as repo from './repository.ts';

const EXCERPT = 80;

/** A notice as the API shows it. */
function noticeOf(row: repo.NoticeRow): Notice {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    pinned: row.pinned,
    state: row.publishedAt ? 'published' : 'draft',
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A notice in a list: its first words in one line. */
function summaryOf(row: repo.NoticeRow): NoticeSummary {
  const { body, ...rest } = noticeOf(row);
  const line = body.replace(/\s+/g, ' ').trim();
  return { ...rest, excerpt: line.length > EXCERPT ? `${line.slice(0, EXCERPT)}…` : line };
}

/** The columns of a service from what the center wrote; empty text is none. */
function serviceColumns(input: ServiceInput) {
  return {
    name: input.name,
    category: input.category,
    summary: input.summary || null,
    departmentId: input.departmentId ?? null,
    place: input.place || null,
    hours: input.hours || null,
    phone: input.phone || null,
    materials: input.materials,
    online: input.online,
    formCode: input.formCode || null,
    sortOrder: input.sortOrder,
    active: input.active,
  };
}

export type DirectoryServiceApi = ReturnType<typeof createDirectoryService>;

/** The directory and the notices. */
export function createDirectoryService(deps: {
  database: Database;
  audit: AuditService;
  org: OrgService;
  now?: () => Date;
}) {
  const clock = deps.now ?? (() => new Date());
  const db = deps.database.db;
  const { audit } = deps;

  /** Services as the API shows them, with their departments' names. */
  async function servicesOf(rows: repo.ServiceRow[]): Promise<DirectoryService[]> {
    const directory = await deps.org.departmentDirectory();
    return rows.map((row) => ({
      ...row,
      departmentName: row.departmentId === null ? null : (directory.byId.get(row.departmentId)?.name ?? null),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }

  /** Refuses a service naming a department that does not exist, or a name another service has. */
  async function checkService(input: ServiceInput, id?: number) {
    if (input.departmentId != null) {
      const directory = await deps.org.departmentDirectory();
      if (!directory.byId.has(input.departmentId))
        throw new InputError(
          'unknown_department',
          'No such department',
          [
            {
              field: 'departmentId',
              reason: 'unknown_department',
              params: { department: input.departmentId },
            },
          ],
          { department: input.departmentId },
        );
    }
    const same = await repo.findServiceByName(db, input.name);
    if (same && same.id !== id)
      throw new ConflictError('duplicate_service', 'A service of this name exists', { name: input.name }, [
        { field: 'name', reason: 'duplicate_service', params: { name: input.name } },
      ]);
  }

  async function pageOfServices(q: AdminServicesQuery): Promise<ServicePage> {
    const { items, total, categories } = await repo.findServices(db, q);
    return { items: await servicesOf(items), total, categories };
  }

  async function serviceOrThrow(id: number, activeOnly: boolean) {
    const row = await repo.findService(db, id);
    if (!row || (activeOnly && !row.active)) throw new NotFoundError('service', id);
    return (await servicesOf([row]))[0]!;
  }

  return {
    /** Searches the active services; with the categories of the search and their counts. */
    services: (q: ServicesQuery) => pageOfServices({ ...q, state: 'active' }),

    /** One active service; 404 for an unknown or inactive one. */
    service: (id: number) => serviceOrThrow(id, true),

    /** The published notices, pinned first, then the newest. */
    async notices(q: NoticesQuery): Promise<NoticePage> {
      const { items, total } = await repo.findPublishedNotices(db, clock(), q);
      return { items: items.map(summaryOf), total };
    },

    /** One published notice; 404 for a draft or an unknown one. */
    async notice(id: number): Promise<Notice> {
      const row = await repo.findPublishedNotice(db, id, clock());
      if (!row) throw new NotFoundError('notice', id);
      return noticeOf(row);
    },

    /** The console's list of services, inactive ones too. */
    adminServices: (_ctx: Ctx, q: AdminServicesQuery) => pageOfServices(q),

    /** The console's view of one service, inactive too. */
    adminService: (_ctx: Ctx, id: number) => serviceOrThrow(id, false),

    /** Adds a service to the directory. */
    async createService(ctx: Ctx, input: ServiceInput): Promise<DirectoryService> {
      await checkService(input);
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertService(tx, { ...serviceColumns(input), updatedAt: clock() });
        await audit.record(tx, ctx, {
          action: 'citizen.service_create',
          targetType: 'citizen_service',
          targetId: created.id,
          detail: { name: created.name, category: created.category },
        });
        return created;
      });
      return (await servicesOf([row]))[0]!;
    },

    /** Replaces a service's fields. */
    async updateService(ctx: Ctx, id: number, input: ServiceInput): Promise<DirectoryService> {
      await checkService(input, id);
      const row = await db.transaction(async (tx) => {
        const before = await repo.findService(tx, id);
        if (!before) throw new NotFoundError('service', id);
        const after = (await repo.updateService(tx, id, { ...serviceColumns(input), updatedAt: clock() }))!;
        const changed = Object.keys(serviceColumns(input)).filter(
          (key) =>
            JSON.stringify(before[key as keyof repo.ServiceRow]) !==
            JSON.stringify(after[key as keyof repo.ServiceRow]),
        );
        await audit.record(tx, ctx, {
          action: 'citizen.service_update',
          targetType: 'citizen_service',
          targetId: id,
          detail: { name: after.name, changed },
        });
        return after;
      });
      return (await servicesOf([row]))[0]!;
    },

    /** Removes a service from the directory. */
    async deleteService(ctx: Ctx, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const deleted = await repo.deleteService(tx, id);
        if (!deleted) throw new NotFoundError('service', id);
        await audit.record(tx, ctx, {
          action: 'citizen.service_delete',
          targetType: 'citizen_service',
          targetId: id,
          detail: { name: deleted.name },
        });
      });
    },

    /** The console's list of notices, drafts too. */
    async adminNotices(_ctx: Ctx, q: AdminNoticesQuery): Promise<NoticePage> {
      const { items, total } = await repo.findNotices(db, q);
      return { items: items.map(summaryOf), total };
    },

    /** The console's view of one notice, a draft too. */
    async adminNotice(_ctx: Ctx, id: number): Promise<Notice> {
      const row = await repo.findNotice(db, id);
      if (!row) throw new NotFoundError('notice', id);
      return noticeOf(row);
    },

    /** Writes a notice as a draft (publish it to show it to residents). */
    async createNotice(ctx: Ctx, input: NoticeInput): Promise<Notice> {
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertNotice(tx, {
          ...input,
          createdBy: ctx.actor?.userId ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await audit.record(tx, ctx, {
          action: 'citizen.notice_create',
          targetType: 'citizen_notice',
          targetId: created.id,
          detail: { title: created.title },
        });
        return created;
      });
      return noticeOf(row);
    },

    /** Changes a notice's title, text or pin (a published one stays published). */
    async updateNotice(ctx: Ctx, id: number, input: NoticeInput): Promise<Notice> {
      const row = await db.transaction(async (tx) => {
        const updated = await repo.updateNotice(tx, id, { ...input, updatedAt: clock() });
        if (!updated) throw new NotFoundError('notice', id);
        await audit.record(tx, ctx, {
          action: 'citizen.notice_update',
          targetType: 'citizen_notice',
          targetId: id,
          detail: { title: updated.title, pinned: updated.pinned },
        });
        return updated;
      });
      return noticeOf(row);
    },

    /** Publishes a draft now, or takes a published notice back to draft (`publish` false). */
    async setPublished(ctx: Ctx, id: number, publish: boolean): Promise<Notice> {
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const before = await repo.findNotice(tx, id);
        if (!before) throw new NotFoundError('notice', id);
        if (publish && before.publishedAt)
          throw new ConflictError('notice_published', 'This notice is published already', { id });
        if (!publish && !before.publishedAt)
          throw new ConflictError('notice_not_published', 'This notice is not published', { id });
        const after = (await repo.updateNotice(tx, id, {
          publishedAt: publish ? now : null,
          updatedAt: now,
        }))!;
        await audit.record(tx, ctx, {
          action: publish ? 'citizen.notice_publish' : 'citizen.notice_unpublish',
          targetType: 'citizen_notice',
          targetId: id,
          detail: { title: after.title },
        });
        return after;
      });
      return noticeOf(row);
    },

    /** Removes a notice (a published one disappears from the app at once). */
    async deleteNotice(ctx: Ctx, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const deleted = await repo.deleteNotice(tx, id);
        if (!deleted) throw new NotFoundError('notice', id);
        await audit.record(tx, ctx, {
          action: 'citizen.notice_delete',
          targetType: 'citizen_notice',
          targetId: id,
          detail: { title: deleted.title, wasPublished: deleted.publishedAt !== null },
        });
      });
    },

    /**
     * Adds the services and notices whose names and titles are not there yet (the demo's seed, run again adds
     * nothing); a notice with `publishedAt` is published then. Audited as the center's own additions.
     */
    async seed(
      ctx: Ctx,
      services: ServiceInput[],
      notices: (NoticeInput & { publishedAt: Date | null })[],
    ): Promise<{ services: number; notices: number }> {
      return db.transaction(async (tx) => {
        const events: { ctx: Ctx; event: AuditEvent }[] = [];
        for (const input of services) {
          if (await repo.findServiceByName(tx, input.name)) continue;
          const row = await repo.insertService(tx, { ...serviceColumns(input), updatedAt: clock() });
          events.push({
            ctx,
            event: {
              action: 'citizen.service_create',
              targetType: 'citizen_service',
              targetId: row.id,
              detail: { name: row.name, category: row.category },
            },
          });
        }
        const added = events.length;
        for (const input of notices) {
          if (await repo.findNoticeByTitle(tx, input.title)) continue;
          const at = input.publishedAt ?? clock();
          const row = await repo.insertNotice(tx, { ...input, createdAt: at, updatedAt: at });
          for (const action of [
            'citizen.notice_create',
            ...(row.publishedAt ? ['citizen.notice_publish'] : []),
          ])
            events.push({
              ctx,
              event: { action, targetType: 'citizen_notice', targetId: row.id, detail: { title: row.title } },
            });
        }
        if (events.length) await audit.recordMany(tx, events);
        return {
          services: added,
          notices: events.filter((e) => e.event.action === 'citizen.notice_create').length,
        };
      });
    },
  };
}
