/**
 * The parts of an XLSX file, read in the order exceljs's stream reader needs them, from the zip's central directory.
 *
 * exceljs's stream reader reads the zip in one streaming pass, in stored order. exceljs itself (and tools like it)
 * store xl/workbook.xml last, and that pass often loses it or the end of the file: "Cannot read properties of
 * undefined (reading 'sheets')", FILE_ENDED, or sheets read twice (exceljs issue #3064). Read here first, the
 * relationships, workbook, shared strings and styles are handed to the reader, then each sheet as a stream.
 */
import fs from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';

/** Where an entry's data lies in the zip file and how it is compressed. */
type ZipEntry = { method: number; compressed: number; local: number };

/** The parts of exceljs's WorkbookReader driven here (undeclared methods; see workbook-reader.js). */
export type WorkbookInternals = {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    chunks: AsyncIterable<Buffer>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: unknown }>;
};

/** The entries of a zip file by name; an error for a file that is no zip this reads (ZIP64, say). */
async function zipDirectory(file: string): Promise<Map<string, ZipEntry>> {
  const handle = await fs.promises.open(file);
  try {
    const { size } = await handle.stat();
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error('The file is not an XLSX (zip) file');
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdOffset + cdSize > size)
      throw new Error('The zip directory cannot be read');
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
      const nameLength = cd.readUInt16LE(p + 28);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      const local = cd.readUInt32LE(p + 42);
      const header = Buffer.alloc(30);
      await handle.read(header, 0, 30, local);
      entries.set(name, {
        method: cd.readUInt16LE(p + 10),
        compressed: cd.readUInt32LE(p + 20),
        local: local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28),
      });
      p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** An entry's data, uncompressed, as a stream. */
function entryStream(file: string, entry: ZipEntry): Readable {
  if (entry.compressed === 0) return Readable.from([]);
  const raw = fs.createReadStream(file, { start: entry.local, end: entry.local + entry.compressed - 1 });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw new Error(`Zip compression method ${entry.method} is not supported`);
  return pipeline(raw, zlib.createInflateRaw(), () => {});
}

/**
 * The worksheets of an XLSX file in the workbook's order, as exceljs's stream reader gives them (each a
 * WorksheetReader to iterate row by row), the reader having first read the workbook's other parts.
 */
export async function* xlsxWorksheets(file: string, reader: WorkbookInternals): AsyncGenerator<unknown> {
  const entries = await zipDirectory(file);
  const part = (name: string) => {
    const entry = entries.get(name);
    return entry ? entryStream(file, entry) : null;
  };
  if (!entries.has('xl/_rels/workbook.xml.rels') || !entries.has('xl/workbook.xml'))
    throw new Error('The file has no workbook');
  // Each part opened as it is read: a stream nobody reads yet would hold its error with no one to take it.
  await reader._parseRels(part('xl/_rels/workbook.xml.rels')!);
  // exceljs finds a sheet's name by the target worksheets/sheetN.xml; some writers give it from the root.
  for (const rel of reader.workbookRels ?? []) rel.Target = rel.Target.replace(/^\/?xl\//, '');
  await reader._parseWorkbook(part('xl/workbook.xml')!);
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings));
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);
  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target ?? '';
    const sheetNo = target.match(/^worksheets\/sheet(\d+)\.xml$/)?.[1];
    if (!sheetNo || !entries.has(`xl/${target}`)) continue;
    for (const event of reader._parseWorksheet(part(`xl/${target}`)!, sheetNo))
      if (event.eventType === 'worksheet') yield event.value;
  }
}
