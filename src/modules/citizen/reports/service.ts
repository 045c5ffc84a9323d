import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { DomainError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { UsersService } from '../../accounts/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EventsModule } from '../../events/index.ts';
import { mediaUrl, sniffImage } from '../../events/index.ts';
import type { OrgService } from '../../org/index.ts';
import type { RegistryService } from '../../registry/index.ts';
import {
  type PhotoUploaded,
  REPORT_PHOTO_MAX_BYTES,
  type ReportDetail,
  type ReportInput,
  type ReportQuery,
  type ReportSuggestion,
  type SuggestionQuery,
} from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';

/** A photo over the limit (HTTP 413), worded for the resident. */
export class PhotoTooLargeError extends DomainError {
  constructor() {
    super(413, 'photo_too_large', 'The photo is too large', { maxMb: REPORT_PHOTO_MAX_BYTES / 1024 / 1024 });
  }
}

/** Fewest characters of text the classifier is asked about (a word or two says nothing yet). */
const SUGGEST_MIN_CHARS = 4;

/**
 * Reports of problems from the citizen app (随手拍): the resident's photos (checked by their bytes, size-limited,
 * stored by the events module and remembered as theirs), suggestions while typing (category and place), the report
 * itself (a case on the `app` channel dispatched by the rules), the resident's reports and their rating of the
 * reply. Every call is the resident's own; the events module refuses anyone else's case as not found.
 */
// The module's sources are named here, not taken from services.ts, so that file and this one do not import each other.
export function createReportService(deps: {
  db: Db;
  audit: AuditService;
  org: OrgService;
  users: UsersService;
  registry: { service: RegistryService };
  events: EventsModule;
}) {
  const { db, events, org } = deps;

  /** The phone the population registry holds for the resident, or null. */
  async function registryPhone(userId: number): Promise<string | null> {
    const idNumber = await deps.users.idNumberOf(userId);
    if (!idNumber) return null;
    const person = await deps.registry.service.get('population', idNumber).catch(() => null);
    return person?.values.phone || null;
  }

  return {
    /** Stores a photo the resident took for a report; refuses what is not a JPEG, PNG or WebP of at most 5 MB. */
    async uploadPhoto(ctx: Ctx, bytes: Buffer | undefined): Promise<PhotoUploaded> {
      if (!bytes?.length) throw new InputError('photo_empty', 'Send the photo as the request body');
      if (bytes.length > REPORT_PHOTO_MAX_BYTES) throw new PhotoTooLargeError();
      if (!sniffImage(bytes)) throw new InputError('photo_not_image', 'Only JPEG, PNG and WebP photos');
      // Stored (and audited) by the events module, where the cases' photos are; remembered here as the resident's.
      const saved = await events.media.save(ctx, bytes);
      await repo.addPhoto(db, ctx.actor!.userId, saved.name);
      return { name: saved.name, contentType: saved.contentType, size: saved.size };
    },

    /** A photo the resident uploaded (for their reports); NotFoundError for anyone else's. */
    async photo(ctx: Ctx, name: string) {
      const owned = await repo.ownedPhotos(db, ctx.actor!.userId, [name]);
      if (!owned.has(name)) throw new NotFoundError('photo', name);
      return events.media.read(name);
    },

    /** The three likeliest categories of the text, and where the point (or the address) is. */
    async suggest(ctx: Ctx, q: SuggestionQuery): Promise<ReportSuggestion> {
      const text = q.text ?? '';
      const [suggested, place] = await Promise.all([
        text.length >= SUGGEST_MIN_CHARS ? events.cases.suggest(ctx, { content: text }) : { top: [] },
        q.lng !== undefined && q.lat !== undefined
          ? org.places.locate(q.lng, q.lat).then((at) => ({
              lng: q.lng!,
              lat: q.lat!,
              inDistrict: at !== null,
              subdistrictName: at?.subdistrictName ?? null,
              communityName: at?.communityName ?? null,
            }))
          : q.address
            ? org.places.resolveAddress(q.address).then((at) =>
                at
                  ? {
                      lng: at.lng,
                      lat: at.lat,
                      inDistrict: true,
                      subdistrictName: at.subdistrictName,
                      communityName: at.communityName,
                    }
                  : null,
              )
            : null,
      ]);
      return {
        categories: suggested.top
          .slice(0, 3)
          .map((c) => ({ code: c.category, name: c.name, departmentName: c.departmentName })),
        place,
      };
    },

    /**
     * Reports a problem: a case on the `app` channel, placed by the point (inside the district) or the address,
     * categorised by the resident's pick or the classifier, dispatched by the rules, with the resident's name and
     * phone (the registry's unless given) as the reporter's. Returns the report as the resident sees it.
     */
    async create(ctx: Ctx, input: ReportInput): Promise<ReportDetail> {
      const userId = ctx.actor!.userId;
      const owned = await repo.ownedPhotos(db, userId, input.photos);
      const fields = input.photos.flatMap((name, i) =>
        owned.has(name) ? [] : [{ field: `photos.${i}`, reason: 'photo_unknown' }],
      );
      if (fields.length) throw new InputError('photo_unknown', 'Upload the photos first', fields);
      const hasPoint = input.lng !== undefined && input.lat !== undefined;
      if (!hasPoint && !input.address)
        throw new InputError('place_required', 'Give the point or the address', [
          { field: input.lng === undefined ? 'lng' : 'lat', reason: 'required' },
        ]);
      if (hasPoint && !(await org.places.locate(input.lng!, input.lat!)))
        throw new InputError('outside_district', 'The point is outside the district', [
          { field: 'lng', reason: 'outside_district' },
        ]);
      const user = await deps.users.get(ctx, userId);
      const phone = input.contactPhone ?? (await registryPhone(userId));
      const row = await events.intake.receive(
        ctx,
        'app',
        {
          content: input.content,
          categoryCode: input.categoryCode || undefined,
          address: input.address || undefined,
          lng: input.lng,
          lat: input.lat,
          urgency: 'normal',
          reporterName: user.displayName,
          reporterPhone: phone ?? undefined,
          wantsReply: true,
          mediaUrls: [...new Set(input.photos)].map(mediaUrl),
          dispatch: false,
        },
        { autoDispatch: true },
      );
      return events.reporter.get(ctx, row.number);
    },

    /** One page of the resident's reports, newest first. */
    list(ctx: Ctx, q: ReportQuery) {
      return events.reporter.list(ctx, { page: q.page, pageSize: q.pageSize, stage: q.status });
    },

    /** One of the resident's reports with its timeline (the read is audited). */
    async get(ctx: Ctx, number: string): Promise<ReportDetail> {
      const report = await events.reporter.get(ctx, number);
      await deps.audit.recordNow(ctx, {
        action: 'citizen.report_read',
        targetType: 'case',
        targetId: number,
      });
      return report;
    },

    /** The resident's rating of the reply to their report (回访), once per reply. */
    rate(
      ctx: Ctx,
      number: string,
      input: { satisfaction: ReportDetail['satisfaction'] & string; comment?: string },
    ) {
      return events.reporter.rate(ctx, number, input);
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
