import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../../../core/context.ts';
import { DomainError, ForbiddenError, InputError } from '../../../core/errors.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import { withReadErrors } from '../batches/errors.ts';
import type { BatchRunner } from '../batches/runner.ts';
import type { LayoutChoice } from '../contract.ts';
import { ingestPolicy } from '../policy.ts';
import { type CsvLimits, chunkRows } from '../readers/csv-parser.ts';
import { fromRecords, type LayoutOptions, openFile } from '../readers/open-source.ts';
import { previewText } from '../readers/preview.ts';
import { autoMap, headerMatcher } from './mapping.ts';
import { createUploadStore, defaultUploadLimits, type UploadLimits } from './upload-store.ts';

/**
 * Opens a file for loading; a file that cannot be parsed, or has no header, is the caller's input error (a
 * field too long keeps its own). With `hash`, the file's SHA-256 is taken while its rows are read (source.fileHash).
 */
async function openReadable(
  file: string,
  opts: { hash?: boolean; limits?: CsvLimits; layout?: LayoutOptions } = {},
) {
  const source = await openFile(file, opts).catch((error: Error) => {
    if (error instanceof DomainError) throw error;
    // A parser's message may quote the file's text: shown back short.
    const reason = previewText(error.message);
    throw new InputError(
      'unreadable_file',
      'The file cannot be read',
      [{ field: 'file', reason: 'unreadable_file', params: { reason } }],
      { reason },
    );
  });
  if (!source.headers.length) {
    // Header rows the user chose that no sheet has: said so, for the wizard to show where.
    const rows = opts.layout?.choice?.headerRows;
    if (rows) {
      const params = { rows: rows.join(',') };
      throw new InputError(
        'header_rows_invalid',
        'The chosen header rows hold no header',
        [{ field: 'layout.headerRows', reason: 'header_rows_invalid', params }],
        params,
      );
    }
    throw new InputError('empty_file', 'The file has no header', [{ field: 'file', reason: 'empty_file' }]);
  }
  return source;
}

/** Deliveries of data into resources: files from disk (the CLI), uploads from the console, pushed and pulled records. */
export function createDeliveryService(deps: {
  dataDir: string;
  catalog: CatalogService;
  runner: BatchRunner;
  /** How long a CSV field and record may be (config: ingestMaxFieldChars, ingestMaxRecordChars). */
  limits?: CsvLimits;
  /** Each department's quota of uploads waiting to be loaded, and how long they wait before they are swept. */
  uploadLimits?: UploadLimits;
  /** The files that batches running now read (never swept). */
  runningFiles: () => Promise<string[]>;
}) {
  const { catalog, limits } = deps;
  const uploads = createUploadStore(
    path.join(deps.dataDir, 'uploads'),
    deps.uploadLimits ?? defaultUploadLimits,
    deps.runningFiles,
  );
  const { start, run } = deps.runner;

  async function resourceFor(ctx: Ctx, codeOrAlias: string): Promise<Resource> {
    const resource = await catalog.get(ctx, codeOrAlias).catch(() => {
      throw new InputError(
        'unknown_resource',
        'Unknown resource',
        [{ field: 'resource', reason: 'invalid' }],
        { resource: codeOrAlias },
      );
    });
    if (!ingestPolicy.mayDeliverTo(ctx.actor, resource)) {
      throw new ForbiddenError('not_your_resource_data', 'Not your resource');
    }
    return resource;
  }

  /** The department a delivery is recorded from, when the caller names one: refused unless they may act for it. */
  function sourceFor(ctx: Ctx, departmentId: number | null | undefined) {
    if (departmentId != null && !ingestPolicy.mayDeliverAs(ctx.actor, departmentId))
      throw new ForbiddenError('not_your_department_delivery', 'Not your department', {
        department: departmentId,
      });
    return departmentId;
  }

  /** The automatic mapping with the caller's overrides, checked against the resource's items. */
  function finalMapping(
    resource: Resource,
    headers: string[],
    overrides: Record<string, string | null> = {},
  ) {
    const mapping = { ...autoMap(headers, resource.items), ...overrides };
    for (const [header, code] of Object.entries(overrides)) {
      if (!headers.includes(header))
        throw new InputError('invalid_input', 'Unknown column', [
          { field: `mapping.${header}`, reason: 'invalid' },
        ]);
      if (code && !resource.items.some((i) => i.code === code)) {
        throw new InputError(
          'unknown_item',
          'Unknown item',
          [{ field: `mapping.${header}`, reason: 'unknown_item', params: { code } }],
          { code },
        );
      }
    }
    const targets = Object.values(mapping).filter((code): code is string => !!code);
    const twice = targets.find((code, i) => targets.indexOf(code) !== i);
    if (twice) {
      throw new InputError(
        'item_mapped_twice',
        'Two columns map to one item',
        [{ field: 'mapping', reason: 'item_mapped_twice', params: { code: twice } }],
        { code: twice },
      );
    }
    const mapped = new Set(targets);
    for (const key of resource.keyItems) {
      if (!mapped.has(key))
        throw new InputError(
          'unmapped_key',
          'A key item has no column',
          [{ field: 'mapping', reason: 'unmapped_key', params: { code: key } }],
          { code: key },
        );
    }
    return mapping;
  }

  /** The stored upload's path; an InputError once it is gone. */
  /** The caller's department's file of an upload (another department's is not found by its hash). */
  function uploadedFile(ctx: Ctx, uploadId: string) {
    const file = uploads.fileOf(ctx.actor, uploadId);
    if (!file) {
      throw new InputError('unknown_upload', 'The upload is gone', [
        { field: 'uploadId', reason: 'unknown_upload' },
      ]);
    }
    return file;
  }

  /**
   * What the wizard shows of an upload: format, encoding, headers, mapping, the first data rows, and what was
   * detected in the whole file (read to its end, so that every sheet and the totals at the bottom are seen).
   */
  async function previewOf(
    ctx: Ctx,
    resource: Resource,
    args: { uploadId: string; fileName: string; layout?: LayoutChoice },
  ) {
    const layout = { known: headerMatcher(resource.items), choice: args.layout };
    const source = await openReadable(uploadedFile(ctx, args.uploadId), { limits, layout });
    const sample: string[][] = [];
    const take = (rows: string[][]) =>
      sample.push(...rows.slice(0, 5 - sample.length).map((row) => row.map(previewText)));
    // A CSV file is read to its end as spans, without making strings of all its values.
    if (source.csv) {
      for await (const chunk of source.csv) if (sample.length < 5) take(chunkRows(chunk));
    } else for await (const rows of source.batches) if (sample.length < 5) take(rows);
    return {
      uploadId: args.uploadId,
      fileName: args.fileName,
      format: source.format,
      encoding: source.encoding,
      headers: source.headers,
      mapping: autoMap(source.headers, resource.items),
      sample,
      layout: source.layout?.() ?? null,
      firstRows: (source.firstRows ?? [])
        .slice(0, 12)
        .map((r) => ({ row: r.number, cells: r.cells.map(previewText) })),
    };
  }

  /** Starts loading records (which may still be arriving); returns the batch id at once and the finished batch later. */
  async function startRecords(
    ctx: Ctx,
    resourceCode: string,
    records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
    sourceKind: 'push' | 'pull' = 'push',
  ) {
    const resource = await resourceFor(ctx, resourceCode);
    const source = await fromRecords('json', records);
    const mapping = finalMapping(resource, source.headers);
    return start(ctx, resource, withReadErrors(source), { sourceKind, mapping });
  }

  return {
    /**
     * Loads a file from disk (the CLI): format and encoding detected, headers mapped automatically plus overrides.
     * `receivedAt` dates a delivery received in the past (the demo district's month of deliveries); only in-process
     * callers give it: no route and no command option reaches this method with one.
     */
    async ingestFile(
      ctx: Ctx,
      args: {
        resource: string;
        file: string;
        mapping?: Record<string, string>;
        sourceDepartmentId?: number | null;
        onProgress?: (rows: number) => void;
        receivedAt?: Date;
      },
    ) {
      const resource = await resourceFor(ctx, args.resource);
      const sourceDepartmentId = sourceFor(ctx, args.sourceDepartmentId);
      if (args.receivedAt && !(args.receivedAt.getTime() <= Date.now()))
        throw new InputError('received_in_future', 'A delivery cannot be received in the future', [
          { field: 'receivedAt', reason: 'received_in_future' },
        ]);
      // Hashed as it is read, so the file is read once; the batch records the hash when it is done.
      const layout = { known: headerMatcher(resource.items) };
      const source = await openReadable(args.file, { hash: true, limits, layout });
      const mapping = finalMapping(resource, source.headers, args.mapping);
      return run(
        ctx,
        resource,
        withReadErrors(source),
        {
          sourceKind: 'file',
          mapping,
          fileName: path.basename(args.file),
          storedFile: path.resolve(args.file),
          sourceDepartmentId,
          receivedAt: args.receivedAt,
        },
        args.onProgress,
      );
    },

    /** Keeps an uploaded file under the data directory and shows its detected encoding, headers, mapping and first rows. */
    async upload(ctx: Ctx, args: { resource: string; fileName: string; body: NodeJS.ReadableStream }) {
      const resource = await resourceFor(ctx, args.resource);
      const ext = path.extname(args.fileName).slice(1).toLowerCase();
      const { uploadId, file } = await uploads.receive(
        ctx.actor,
        args.body,
        ['csv', 'txt', 'xlsx', 'json', 'ndjson', 'jsonl'].includes(ext) ? ext : 'csv',
      );
      // A file that cannot be read is no use to anyone: it is not kept.
      return previewOf(ctx, resource, { uploadId, fileName: args.fileName }).catch(async (error) => {
        await fs.promises.rm(file, { force: true });
        throw error;
      });
    },

    /** Reads an upload again with the header rows and sheets the user chose in the wizard. */
    async preview(
      ctx: Ctx,
      args: { resource: string; uploadId: string; fileName: string; layout?: LayoutChoice },
    ) {
      const resource = await resourceFor(ctx, args.resource);
      return previewOf(ctx, resource, args);
    },

    /** Starts loading an uploaded file with the mapping the user confirmed; returns the batch id at once. */
    async startUpload(
      ctx: Ctx,
      args: {
        resource: string;
        uploadId: string;
        fileName: string;
        mapping?: Record<string, string | null>;
        sourceDepartmentId?: number;
        layout?: LayoutChoice;
      },
    ) {
      const resource = await resourceFor(ctx, args.resource);
      const sourceDepartmentId = sourceFor(ctx, args.sourceDepartmentId);
      const file = uploadedFile(ctx, args.uploadId);
      const layout = { known: headerMatcher(resource.items), choice: args.layout };
      const source = await openReadable(file, { limits, layout });
      const mapping = finalMapping(resource, source.headers, args.mapping);
      const { batchId, finished } = await start(ctx, resource, withReadErrors(source), {
        sourceKind: 'file',
        mapping,
        fileName: args.fileName,
        fileHash: args.uploadId.split('.')[0],
        storedFile: file,
        sourceDepartmentId,
      });
      finished.catch(() => {}); // a failure is recorded on the batch, which the console polls
      return { batchId };
    },

    /** Loads records pushed by a departmental system, or pulled from one (JSON objects keyed by item code or column name). */
    async ingestRecords(
      ctx: Ctx,
      resourceCode: string,
      records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
      sourceKind: 'push' | 'pull' = 'push',
    ) {
      return (await startRecords(ctx, resourceCode, records, sourceKind)).finished;
    },

    startRecords,

    /** Deletes uploads older than their keep time that no running batch reads (the server's housekeeping). */
    sweepUploads: () => uploads.sweep(),
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
