import ExcelJS from 'exceljs';
import type { Ctx } from '../../../core/context.ts';
import { type FieldError, InputError } from '../../../core/errors.ts';
import { fieldChanges } from '../../../core/field-changes.ts';
import type { DepartmentDirectory } from '../../org/index.ts';
import { mayManageDevice, mayReadDevice } from '../policy.ts';
import type { Profile } from '../profiles/service.ts';
import { checkDevice, type DeviceInput } from './checks.ts';
import type { ImportResult } from './contract.ts';
import type { DeviceDeps } from './deps.ts';
import { insertChecked, type NewDevice, withToken } from './register.ts';
import * as repo from './repository.ts';

/** The workbook's columns: the Chinese header the template has, the English one also taken, the input field. */
const COLUMNS = [
  { zh: '编码', en: 'code', field: 'code', required: true },
  { zh: '类型', en: 'profile', field: 'profileCode', required: true },
  { zh: '名称', en: 'name', field: 'name', required: true },
  { zh: '经度', en: 'lng', field: 'lng', required: true },
  { zh: '纬度', en: 'lat', field: 'lat', required: true },
  { zh: '权属部门', en: 'department', field: 'departmentId', required: false },
  { zh: '部件编码', en: 'component', field: 'componentCode', required: false },
  { zh: '安装日期', en: 'installed_on', field: 'installedOn', required: false },
] as const;

const SHEET = '设备';

/** The text a person sees in a cell, whatever Excel stored (rich text, formula result, hyperlink, date). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

const normalHeader = (text: string) => text.replace(/[*＊\s]/g, '').toLowerCase();

/** A number cell (or text of one); the text itself when it is not a number, so the check names the field. */
function numberOf(raw: ExcelJS.CellValue, text: string): unknown {
  if (typeof raw === 'number') return raw;
  if (!text) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** A date cell as YYYY-MM-DD: a date, an Excel serial number, or text such as 2026/5/1 or 2026年5月1日. */
function dateOf(raw: ExcelJS.CellValue, text: string): string | undefined {
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'number')
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(raw) * 86_400_000).toISOString().slice(0, 10);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text || undefined;
}

/** A department by code or name. */
function departmentOf(directory: DepartmentDirectory, text: string) {
  return directory.byCode.get(text) ?? directory.byCode.get(text.toUpperCase()) ?? directory.byName.get(text);
}

/** A profile by code or Chinese (or English) name. */
function profileOf(profiles: Profile[], text: string) {
  return profiles.find(
    (p) => p.code === text || p.name === text || p.nameEn.toLowerCase() === text.toLowerCase(),
  );
}

/** One filled row: its Excel row number and its cells by the column's field (or attribute key). */
type Row = { row: number; cells: Map<string, ExcelJS.CellValue> };

/** Importing devices from a workbook, and the template to fill in. */
export function deviceImport(deps: DeviceDeps, forgetTokens: () => void) {
  const { db } = deps;

  /** The sheet's header positions by field, and the problems of a missing column. */
  function readRows(sheet: ExcelJS.Worksheet, profiles: Profile[]) {
    const errors: ImportResult['errors'] = [];
    const positions = new Map<string, number>();
    const headerOf = new Map<string, string>();
    const attributeKeys = new Map<string, string>();
    for (const p of profiles)
      for (const a of p.attributes) {
        attributeKeys.set(normalHeader(a.name), a.key);
        attributeKeys.set(normalHeader(a.key), a.key);
        attributeKeys.set(normalHeader(a.nameEn), a.key);
      }
    sheet.getRow(1).eachCell((cell, col) => {
      const header = cellText(cell.value);
      const h = normalHeader(header);
      const column = COLUMNS.find((c) => normalHeader(c.zh) === h || c.en === h);
      const field =
        column?.field ?? (attributeKeys.has(h) ? `attributes.${attributeKeys.get(h)}` : undefined);
      if (field && !positions.has(field)) {
        positions.set(field, col);
        headerOf.set(field, header);
      }
    });
    for (const c of COLUMNS)
      if (c.required && !positions.has(c.field))
        errors.push({ sheet: sheet.name, row: 1, field: c.zh, reason: 'missing_column' });
    const rows: Row[] = [];
    if (!errors.length)
      sheet.eachRow((r, rowNumber) => {
        if (rowNumber === 1) return;
        const cells = new Map([...positions].map(([field, col]) => [field, r.getCell(col).value]));
        if ([...cells.values()].some((v) => cellText(v))) rows.push({ row: rowNumber, cells });
      });
    return { rows, errors, headerOf };
  }

  /** A row's cells as device input (unchecked); what cannot be read is named in `errors`. */
  function inputOf(r: Row, profiles: Profile[], directory: DepartmentDirectory, errors: FieldError[]) {
    const raw = (field: string) => r.cells.get(field) ?? null;
    const text = (field: string) => cellText(raw(field));
    const input: DeviceInput = {
      code: text('code') || undefined,
      name: text('name') || undefined,
      lng: numberOf(raw('lng'), text('lng')),
      lat: numberOf(raw('lat'), text('lat')),
    };
    const profileText = text('profileCode');
    if (profileText) input.profileCode = profileOf(profiles, profileText)?.code ?? profileText;
    const departmentText = text('departmentId');
    if (departmentText) {
      const department = departmentOf(directory, departmentText);
      if (department) input.departmentId = department.id;
      else
        errors.push({
          field: 'departmentId',
          reason: 'unknown_department',
          params: { department: departmentText },
        });
    }
    if (text('componentCode')) input.componentCode = text('componentCode');
    if (text('installedOn')) input.installedOn = dateOf(raw('installedOn'), text('installedOn'));
    const attributes: Record<string, unknown> = {};
    for (const field of r.cells.keys())
      if (field.startsWith('attributes.') && text(field)) {
        const key = field.slice('attributes.'.length);
        attributes[key] = numberOf(raw(field), text(field));
      }
    const profile = profiles.find((p) => p.code === input.profileCode);
    // A column of another profile's attribute is left alone for this row; the row's own ones are checked.
    const own = Object.entries(attributes).filter(([k]) => profile?.attributes.some((a) => a.key === k));
    for (const [k, v] of own) {
      const def = profile!.attributes.find((a) => a.key === k)!;
      if (def.type === 'string') attributes[k] = String(v);
    }
    if (own.length) input.attributes = Object.fromEntries(own);
    return input;
  }

  /** Why a row's code cannot be written at all (then its other cells are not checked), or undefined. */
  function blockingProblem(
    ctx: Ctx,
    code: string,
    input: DeviceInput,
    before: repo.DeviceRow | undefined,
    seen: Set<string>,
  ): FieldError | undefined {
    if (code && seen.has(code)) return { field: 'code', reason: 'duplicate_in_file', params: { code } };
    if (!before) return undefined;
    // Another department's device is not shown to a department user: its code is just taken.
    if (!mayReadDevice(ctx.actor, before.departmentId)) return { field: 'code', reason: 'duplicate_code' };
    if (!mayManageDevice(ctx.actor, before.departmentId)) return { field: 'code', reason: 'forbidden' };
    if (before.status === 'retired') return { field: 'code', reason: 'device_retired' };
    if (input.profileCode !== before.profileCode) return { field: 'profileCode', reason: 'invalid' };
    return undefined;
  }

  return {
    /**
     * Imports devices from a workbook (the template's sheet 设备, or the first): new codes are registered with new
     * tokens (returned this once), existing ones updated (their tokens kept). All or nothing: with any bad row
     * nothing is written and every problem is listed. `dryRun` checks and counts without writing.
     */
    async importXlsx(ctx: Ctx, file: Buffer, opts: { dryRun?: boolean } = {}): Promise<ImportResult> {
      const workbook = new ExcelJS.Workbook();
      try {
        await workbook.xlsx.load(file as unknown as ArrayBuffer);
      } catch {
        throw new InputError('not_a_workbook', 'The upload is not an XLSX workbook');
      }
      const sheet = workbook.getWorksheet(SHEET) ?? workbook.worksheets[0];
      if (!sheet) throw new InputError('no_device_sheet', 'The workbook has no sheet');
      const [profiles, directory] = await Promise.all([deps.profiles.list(), deps.org.departmentDirectory()]);
      const { rows, errors, headerOf } = readRows(sheet, profiles);
      const existing = new Map(
        (
          await repo.findByCodes(db, rows.map((r) => cellText(r.cells.get('code') ?? null)).filter(Boolean))
        ).map((d) => [d.code, d]),
      );
      const created: NewDevice[] = [];
      const updated: { before: repo.DeviceRow; values: Partial<repo.DeviceValues> }[] = [];
      const seen = new Set<string>();
      for (const r of rows) {
        const problems: FieldError[] = [];
        const input = inputOf(r, profiles, directory, problems);
        const code = typeof input.code === 'string' ? input.code : '';
        const before = existing.get(code);
        const blocking = blockingProblem(ctx, code, input, before, seen);
        seen.add(code);
        if (blocking) problems.push(blocking);
        else {
          const { code: _c, profileCode: _p, ...change } = input;
          const checked = await checkDevice(deps, ctx, before ? change : input, directory, before);
          problems.push(...checked.errors);
          if (checked.foreignDepartment) problems.push({ field: 'departmentId', reason: 'other_department' });
          if (!problems.length) {
            if (before) updated.push({ before, values: checked.values });
            else created.push(withToken(checked.values));
          }
        }
        for (const p of problems)
          errors.push({
            sheet: sheet.name,
            row: r.row,
            field: headerOf.get(p.field) ?? p.field,
            reason: p.reason,
          });
      }
      const counts = { created: created.length, updated: updated.length };
      if (errors.length) return { created: 0, updated: 0, errors };
      if (opts.dryRun) return { ...counts, errors };
      await db.transaction(async (tx) => {
        await insertChecked(deps, tx, ctx, created);
        for (const u of updated) {
          await repo.updateDevice(tx, u.before.id, { ...u.values, updatedAt: deps.now() });
          await deps.audit.record(tx, ctx, {
            action: 'iot.device.update',
            targetType: 'iot_device',
            targetId: u.before.code,
            detail: { ...fieldChanges(u.before, u.values), via: 'import' },
          });
        }
      });
      if (updated.length) forgetTokens();
      return { ...counts, errors, tokens: created.map((d) => ({ code: d.values.code, token: d.token })) };
    },

    /** The workbook to fill in: the columns (with every profile's attributes), and the profiles and departments. */
    async template(): Promise<Buffer> {
      const [profiles, directory] = await Promise.all([deps.profiles.list(), deps.org.departmentDirectory()]);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(SHEET);
      const attributeNames = [...new Set(profiles.flatMap((p) => p.attributes.map((a) => a.name)))];
      sheet.addRow([...COLUMNS.map((c) => (c.required ? `${c.zh}*` : c.zh)), ...attributeNames]);
      sheet.getRow(1).font = { bold: true };
      sheet.columns.forEach((c) => {
        c.width = 16;
      });
      const types = workbook.addWorksheet('设备类型');
      types.addRow(['类型编码', '类型名称', '属性']);
      for (const p of profiles) types.addRow([p.code, p.name, p.attributes.map((a) => a.name).join('、')]);
      const departments = workbook.addWorksheet('部门');
      departments.addRow(['部门编码', '部门名称']);
      for (const d of directory.all) if (d.active) departments.addRow([d.code, d.name]);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    },
  };
}
