import { checkCreditCode, checkIdNumber, digitsAt, isRealDate } from '../../../core/cn-codes.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { type FieldError, InputError, NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { maskIdNumber } from '../../../core/masking.ts';
import type { DepartmentDirectory } from '../../org/index.ts';
import { keyOfRef } from '../entities/refs.ts';
import { nameItems } from '../feeds.ts';
import { registryPolicy } from '../policy.ts';
import type { License, LicenseIssue } from './contract.ts';
import { type LicenseDeps, refuseOtherDepartment } from './deps.ts';
import { buildLicenseId, isLicenseTypeCode } from './id.ts';
import { departmentCreditCode } from './issuer-codes.ts';
import { issuesLicenseType, licenseTypeOf } from './license-types.ts';
import * as repo from './repository.ts';
import { type SignedLicenseFields, signLicense } from './signature.ts';
import { currentSigningKey, type SigningKey } from './signing-keys.ts';
import { holderIsPerson, registryValues, toLicense } from './view.ts';

/** The department a license is issued by, with the credit code its identifiers carry. */
type Issuer = { id: number; code: string; name: string; creditCode: string };

/** An issue request checked and normalized, with its issuer. */
type CheckedIssue = Omit<SignedLicenseFields, 'id' | 'issuerCode' | 'validFrom'> & {
  typeName: string;
  issuer: Issuer;
};

const isDate = (text: string) => isRealDate(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2));

/** The issuing department: the caller's own, or, for center staff, the one they name. */
async function issuerFor(
  deps: LicenseDeps,
  ctx: Ctx,
  requested: number | undefined,
  directory: DepartmentDirectory,
  field: string,
): Promise<Issuer> {
  const actor = ctx.actor!;
  const departmentId = requested ?? actor.departmentId;
  if (departmentId == null)
    throw new InputError('issuer_required', 'Name the issuing department', [{ field, reason: 'required' }]);
  if (!registryPolicy.mayHandleLicense(actor, departmentId))
    await refuseOtherDepartment(deps, ctx, departmentId, 'issue');
  const department = directory.byId.get(departmentId);
  if (!department?.active)
    throw new InputError(
      'unknown_department',
      `Department ${departmentId} does not exist`,
      [{ field, reason: 'invalid' }],
      { department: departmentId },
    );
  return {
    id: department.id,
    code: department.code,
    name: department.name,
    creditCode: departmentCreditCode(department.code),
  };
}

/** An issue request whose holder is known by code and name. */
type HolderGiven = LicenseIssue & { holderId: string; holderName: string };

/**
 * The holder's code and name: a holder picked from the registries (`holderRef`) is the entity's key and its name
 * there, so nobody types an 18-character code; else both must be given. `at` prefixes the field names.
 */
async function withHolder(deps: LicenseDeps, input: LicenseIssue, at = ''): Promise<HolderGiven> {
  const refuse = (field: string, reason: string): never => {
    throw new InputError('invalid_license', 'The license details are invalid', [
      { field: `${at}${field}`, reason },
    ]);
  };
  if (input.holderRef === undefined) {
    if (!input.holderId) refuse('holderId', 'required');
    if (!input.holderName) refuse('holderName', 'required');
    return input as HolderGiven;
  }
  // One holder only: a code beside a picked entity could name someone else.
  if (input.holderId !== undefined) refuse('holderId', 'holder_picked');
  if (input.holderName !== undefined) refuse('holderName', 'holder_picked');
  const registry = input.holderIdType === '111' ? 'population' : 'legal_person';
  const key = await keyOfRef(deps.database.db, registry, input.holderRef);
  const entity =
    key === undefined
      ? undefined
      : await deps.registry.get(registry, key).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
  const name = entity?.values[nameItems[registry]];
  if (!key || !name) return refuse('holderRef', 'holder_not_in_registry');
  return { ...input, holderId: key, holderName: name };
}

/** Checks one issue request; `at` prefixes the field names (a bulk issue's index). */
function checkIssue(input: HolderGiven, issuer: Issuer, today: string, at = ''): CheckedIssue {
  const problems: FieldError[] = [];
  const holderId = input.holderId.trim().toUpperCase();
  const holderProblem =
    input.holderIdType === '111' ? checkIdNumber(holderId, today) : checkCreditCode(holderId);
  if (holderProblem) problems.push({ field: `${at}holderId`, reason: holderProblem });
  const typeCode = input.typeCode.trim().toUpperCase();
  const type = licenseTypeOf(typeCode);
  if (!isLicenseTypeCode(typeCode)) problems.push({ field: `${at}typeCode`, reason: 'license_type_code' });
  // Only listed types are issued, under the list's name: a typed-in type or name is refused.
  else if (!type) problems.push({ field: `${at}typeCode`, reason: 'license_type_unknown' });
  // Center staff choose the issuer, but the type must still be that department's to issue.
  else if (!issuesLicenseType(issuer.code, typeCode))
    problems.push({ field: `${at}typeCode`, reason: 'license_type_not_issuer' });
  else if (input.typeName !== undefined && input.typeName.trim() !== type.name)
    problems.push({ field: `${at}typeName`, reason: 'license_type_name', params: { name: type.name } });
  const issueDate = input.issueDate ?? today;
  if (!isDate(issueDate)) problems.push({ field: `${at}issueDate`, reason: 'date_invalid' });
  else if (issueDate > today) problems.push({ field: `${at}issueDate`, reason: 'in_future' });
  const validUntil = input.validUntil ?? null;
  if (validUntil !== null && !isDate(validUntil))
    problems.push({ field: `${at}validUntil`, reason: 'date_invalid' });
  else if (validUntil !== null && validUntil < issueDate)
    problems.push({ field: `${at}validUntil`, reason: 'before_issue_date' });
  if (problems.length) throw new InputError('invalid_license', 'The license details are invalid', problems);
  return {
    holderId,
    holderIdType: input.holderIdType,
    holderName: input.holderName.trim(),
    typeCode,
    typeName: type!.name,
    issueDate,
    validUntil,
    issuer,
  };
}

/**
 * Numbers, signs and stores licenses in the caller's transaction, returned in the order given. Serials are
 * taken per issuer and type in a fixed order, so two bulk issues at once cannot wait on each other's rows.
 */
async function store(tx: Db, ctx: Ctx, issues: CheckedIssue[]): Promise<repo.LicenseRow[]> {
  const groups = Map.groupBy(issues, (issue) => `${issue.issuer.creditCode}.${issue.typeCode}`);
  const serials = new Map<CheckedIssue, number>();
  for (const group of [...groups.keys()].sort()) {
    const members = groups.get(group)!;
    const { issuer, typeCode } = members[0]!;
    const first = await repo.allocateSerials(tx, issuer.creditCode, typeCode, members.length);
    for (const [i, issue] of members.entries()) serials.set(issue, first + i);
  }
  const keys = new Map<number, SigningKey>();
  for (const { issuer } of issues)
    if (!keys.has(issuer.id)) keys.set(issuer.id, await currentSigningKey(tx, issuer.id));
  const rows = issues.map((issue) => {
    const { issuer, typeCode } = issue;
    const key = keys.get(issuer.id)!;
    const serial = serials.get(issue)!;
    const id = buildLicenseId({ typeCode, issuerCode: issuer.creditCode, serial, version: 1 });
    const signed: SignedLicenseFields = {
      id,
      typeCode,
      holderId: issue.holderId,
      holderIdType: issue.holderIdType,
      holderName: issue.holderName,
      issuerCode: issuer.creditCode,
      issueDate: issue.issueDate,
      validFrom: issue.issueDate,
      validUntil: issue.validUntil,
    };
    return {
      licenseId: id,
      holderId: issue.holderId,
      holderIdType: issue.holderIdType,
      holderName: issue.holderName,
      typeCode,
      typeName: issue.typeName,
      issuerDepartmentId: issuer.id,
      issuerCode: issuer.creditCode,
      issueDate: issue.issueDate,
      validUntil: issue.validUntil,
      signedFields: signed as Record<string, string>,
      signature: signLicense(signed, key.privateKey),
      keyId: key.id,
      issuedBy: ctx.actor?.username ?? 'anonymous',
    };
  });
  return repo.insertLicenses(tx, rows);
}

/** The audit detail of one issue; a person's ID number masked. */
const issueDetail = (row: repo.LicenseRow, issuer: Issuer) => ({
  issuer: issuer.code,
  typeCode: row.typeCode,
  typeName: row.typeName,
  holderIdType: row.holderIdType,
  holderId: holderIsPerson(row) ? maskIdNumber(row.holderId) : row.holderId,
  keyId: row.keyId,
});

/** Issues one license for the caller's department (or, for center staff, the one named). */
export async function issueLicense(deps: LicenseDeps, ctx: Ctx, input: LicenseIssue): Promise<License> {
  const today = todayInShanghai();
  const issuer = await issuerFor(
    deps,
    ctx,
    input.issuerDepartmentId,
    await deps.org.departmentDirectory(),
    'issuerDepartmentId',
  );
  const checked = checkIssue(await withHolder(deps, input), issuer, today);
  const row = await deps.database.db.transaction(async (tx) => {
    const [row] = await store(tx, ctx, [checked]);
    await repo.upsertLicenseSourceRecords(tx, [{ key: row!.licenseId, values: registryValues(row!, today) }]);
    await deps.audit.record(tx, ctx, {
      action: 'license.issue',
      targetType: 'license',
      targetId: row!.licenseId,
      detail: issueDetail(row!, issuer),
    });
    return row!;
  });
  await deps.registry.remerge('license', [row.licenseId]);
  return toLicense(row, issuer.name, true, today);
}

/**
 * Issues many licenses in one transaction (the demo loader's thousands): all are checked first, and none
 * is stored if one is refused. Their registry records commit with them; the entities are merged after.
 */
export async function issueLicenses(deps: LicenseDeps, ctx: Ctx, inputs: LicenseIssue[]): Promise<License[]> {
  if (!inputs.length) return [];
  const today = todayInShanghai();
  const directory = await deps.org.departmentDirectory();
  const issuers = new Map<number | undefined, Issuer>();
  const checked: CheckedIssue[] = [];
  for (const [i, input] of inputs.entries()) {
    if (!issuers.has(input.issuerDepartmentId))
      issuers.set(
        input.issuerDepartmentId,
        await issuerFor(deps, ctx, input.issuerDepartmentId, directory, `${i}.issuerDepartmentId`),
      );
    const given = await withHolder(deps, input, `${i}.`);
    checked.push(checkIssue(given, issuers.get(input.issuerDepartmentId)!, today, `${i}.`));
  }
  const rows = await deps.database.db.transaction(async (tx) => {
    const rows = await store(tx, ctx, checked);
    await repo.upsertLicenseSourceRecords(
      tx,
      rows.map((row) => ({ key: row.licenseId, values: registryValues(row, today) })),
    );
    // One entry per issuer and type: its serials run without a gap from the first identifier to the last.
    const groups = Map.groupBy(rows, (row) => `${row.issuerDepartmentId}.${row.typeCode}`);
    for (const issued of groups.values()) {
      // Identifiers of one issuer and type differ only in their fixed-width serial, so they sort by it.
      const ids = issued.map((row) => row.licenseId).sort();
      await deps.audit.record(tx, ctx, {
        action: 'license.issue_many',
        targetType: 'license',
        targetId: ids[0],
        detail: {
          issuer: directory.byId.get(issued[0]!.issuerDepartmentId)!.code,
          typeCode: issued[0]!.typeCode,
          count: ids.length,
          first: ids[0],
          last: ids.at(-1),
        },
      });
    }
    return rows;
  });
  const ids = rows.map((row) => row.licenseId);
  await deps.registry.remerge('license', ids);
  return rows.map((row) => toLicense(row, directory.byId.get(row.issuerDepartmentId)!.name, true, today));
}
