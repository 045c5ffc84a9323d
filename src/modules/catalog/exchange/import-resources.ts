import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { DomainError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import type { DataItem, Resource, ResourceInput } from '../contract.ts';
import { diffSnapshots } from '../diff.ts';
import { isPersonalItem } from '../rules.ts';
import { type CatalogService, createCatalogService } from '../service.ts';
import { type ImportCandidate, type ImportProblem, problemsOf } from './import-draft.ts';

/** What an import did (or, on a dry run or when there are errors, would do). */
export type ImportResult = {
  dryRun: boolean;
  /** True when the changes were committed; false on a dry run or when anything was wrong. */
  saved: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
  errors: ImportProblem[];
};

/** What a reader made of an import file: resources that read cleanly, and the problems of the others. */
export type ImportBatch = {
  source: 'xlsx' | 'jsonld';
  candidates: ImportCandidate[];
  problems: ImportProblem[];
};

// Thrown inside the import transaction to undo it (dry run, or a row failed); never leaves this file.
class Rollback extends Error {}

/**
 * A refused import: each problem is a field error placed by sheet and row (or dataset), and the problem
 * document also says what the import would have done, as the response of a clean import does.
 */
export class ImportFailedError extends InputError {
  override readonly extensions: Omit<ImportResult, 'errors'>;
  constructor(result: ImportResult) {
    const count = result.errors.length;
    super('import_failed', `Nothing was imported: ${count} problems found`, result.errors, { count });
    const { errors: _, ...summary } = result;
    this.extensions = summary;
  }
}

/** An item as the catalog compares it: empty optional parts count as absent, whichever way the file wrote them. */
function comparableItem(item: DataItem) {
  const validator = Object.fromEntries(
    Object.entries(item.validator ?? {}).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && !v.length),
    ),
  );
  return {
    code: item.code,
    name: item.name,
    type: item.type,
    required: !!item.required,
    // As the catalog saves it: an item of a personal kind is personal even when the file says not.
    personal: isPersonalItem(item),
    ...(Object.keys(validator).length ? { validator } : {}),
    ...(item.description ? { description: item.description } : {}),
    ...(item.synonyms?.length ? { synonyms: item.synonyms } : {}),
  };
}

/** The fields an import can change, normalised so that "no value" is written one way only. */
function comparable(r: ResourceInput | Resource): Record<string, unknown> {
  return {
    alias: r.alias ?? null,
    name: r.name,
    classification: r.classification,
    classCode: r.classCode,
    providerDepartmentId: r.providerDepartmentId,
    summary: r.summary,
    format: r.format,
    items: r.items.map(comparableItem),
    keyItems: r.keyItems,
    shareType: r.shareType,
    shareCondition: r.shareCondition || null,
    shareBasis: r.shareBasis || null,
    openType: r.openType,
    openCondition: r.openCondition || null,
    updateCycle: r.updateCycle,
    publishDate: r.publishDate ?? null,
    relatedCodes: r.relatedCodes ?? [],
    keywords: r.keywords ?? [],
  };
}

/** The field to blame when a service refusal names none. */
function wholeFieldOf(error: DomainError) {
  if (error.code === 'not_your_resource') return 'providerDepartmentId';
  if (error.code === 'version_conflict' || error.code === 'not_found') return 'code';
  return 'name';
}

/** Imports of the catalog (XLSX, DCAT-AP): all rows are saved in one transaction, or none is. */
export function createImportService(deps: { db: Db; audit: AuditService; org: OrgService }) {
  const { db, audit, org } = deps;

  async function findExisting(catalog: CatalogService, ctx: Ctx, codeOrAlias: string) {
    try {
      return await catalog.get(ctx, codeOrAlias);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  return {
    /**
     * Saves what an import file holds: rows with a known code (or alias) update that resource when they
     * differ, others create one. All or nothing: every row is tried inside one transaction, and it is
     * rolled back when any row fails or on a dry run, so a dry run reports exactly what saving would do.
     * Any problem (on a dry run too) is thrown as an ImportFailedError naming them all.
     */
    async importResources(
      ctx: Ctx,
      batch: ImportBatch,
      opts: { dryRun: boolean },
    ): Promise<ImportResult & { errors: [] }> {
      const result: ImportResult = {
        dryRun: opts.dryRun,
        saved: false,
        created: [],
        updated: [],
        unchanged: [],
        errors: [...batch.problems],
      };
      // The catalog service asks org for the departments around each write. On PGlite a query outside
      // the open transaction would wait for it forever, so inside it they come from this one lookup.
      const departments = await org.departmentDirectory();
      const orgInTransaction: OrgService = { ...org, departmentDirectory: async () => departments };
      const changeNote = batch.source === 'xlsx' ? '批量导入（XLSX）' : '批量导入（DCAT-AP）';
      try {
        await db.transaction(async (tx) => {
          // The service's own transactions become savepoints of this one.
          const catalog = createCatalogService({ db: tx, audit, org: orgInTransaction });
          const matched = new Set<number>();
          for (const candidate of batch.candidates) {
            const { code, input, locate } = candidate;
            try {
              const existing = code
                ? await findExisting(catalog, ctx, code)
                : input.alias
                  ? await findExisting(catalog, ctx, input.alias)
                  : undefined;
              if (code && !existing) {
                result.errors.push({ ...locate('code'), reason: 'unknown_resource_code', params: { code } });
              } else if (existing && matched.has(existing.id)) {
                const field = code ? 'code' : 'alias';
                result.errors.push({
                  ...locate(field),
                  reason: 'duplicate_row',
                  params: { code: existing.code },
                });
              } else if (existing) {
                matched.add(existing.id);
                // Unchanged rows write nothing, so a department may re-import a whole catalog export.
                if (diffSnapshots(comparable(existing), comparable(input)).length === 0) {
                  result.unchanged.push(existing.code);
                } else {
                  await catalog.update(ctx, existing.code, {
                    ...input,
                    changeNote,
                    expectedVersion: existing.version,
                  });
                  result.updated.push(existing.code);
                }
              } else {
                result.created.push((await catalog.create(ctx, input)).code);
              }
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              result.errors.push(...problemsOf(error, locate, wholeFieldOf(error)));
            }
          }
          if (result.errors.length || opts.dryRun) throw new Rollback();
          await audit.record(tx, ctx, {
            action: 'catalog.import',
            targetType: 'catalog',
            detail: {
              source: batch.source,
              created: result.created.length,
              updated: result.updated.length,
              unchanged: result.unchanged.length,
            },
          });
        });
        result.saved = true;
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
      if (result.errors.length && !opts.dryRun) {
        await audit.recordNow(ctx, {
          action: 'catalog.import',
          targetType: 'catalog',
          outcome: 'failed',
          detail: { source: batch.source, errors: result.errors.length },
        });
      }
      if (result.errors.length) throw new ImportFailedError(result);
      return { ...result, errors: [] };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
