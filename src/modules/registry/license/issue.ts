import { checkCreditCode, checkIdNumber, digitsAt, isRealDate } from '../../../core/cn-codes.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { type FieldError, InputError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { maskIdNumber } from '../../../core/masking.ts';
import type { DepartmentDirectory } from '../../org/index.ts';
import { registryPolicy } from '../policy.ts';
import type { License, LicenseIssue } from './contract.ts';
import { type LicenseDeps, refuseOtherDepartment } from './deps.ts';
import { buildLicenseId, isLicenseTypeCode } from './id.ts';
import { departmentCreditCode } from './issuer-codes.ts';
import { issuesLicenseType } from './license-types.ts';
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

/** Checks one issue request; `at` prefixes the field names (a bulk issue's index). */
function checkIssue(input: LicenseIssue, issuer: Issuer, today: string, at = ''): CheckedIssue {
  const problems: FieldError[] = [];
  const holderId = input.holderId.trim().toUpperCase();
  const holderProblem =
    input.holderIdType === '111' ? checkIdNumber(holderId, today) : checkCreditCode(holderId);
  if (holderProblem) problems.push({ field: `${at}holderId`, reason: holderProblem });
  const typeCode = input.typeCode.trim().toUpperCase();
  if (!isLicenseTypeCode(typeCode)) problems.push({ field: `${at}typeCode`, reason: 'license_type_code' });
  // Center staff choose the issuer, but the type must still be that department's to issue.
  else if (!issuesLicenseType(issuer.code, typeCode))
    problems.push({ field: `${at}typeCode`, reason: 'license_type_not_issuer' });
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
    typeName: input.typeName.trim(),
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
  const checked = checkIssue(input, issuer, today);
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
    checked.push(checkIssue(input, issuers.get(input.issuerDepartmentId)!, today, `${i}.`));
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
