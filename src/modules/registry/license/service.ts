/**
 * E-licenses (无证城市): issuing (one, or thousands in one transaction), revoking, reading, a citizen's own
 * licenses and public verification. Each issue and revocation is delivered to the `license` registry as its
 * source `license`, so the registry's entity follows the license.
 */

import { checkCreditCode, checkIdNumber, digitsAt, isRealDate } from '../../../core/cn-codes.ts';
import { type Ctx, hasRole } from '../../../core/context.ts';
import type { Database, Db } from '../../../core/db.ts';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  InputError,
  NotFoundError,
} from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { maskIdNumber } from '../../../core/masking.ts';
import type { UsersService } from '../../accounts/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { DepartmentDirectory, OrgService } from '../../org/index.ts';
import type { RegistryService } from '../service.ts';
import { departmentCreditCode } from './issuer-codes.ts';
import type { License, LicenseIssue, LicenseQuery, Verification, VerifyQuery } from './contract.ts';
import './messages.ts';
import { buildLicenseId, isLicenseTypeCode } from './id.ts';
import * as repo from './repository.ts';
import { type SignedLicenseFields, signLicense } from './signature.ts';
import { verifyPresented } from './verify.ts';
import { holderIsPerson, registryValues, seesLicenseRaw, toLicense } from './view.ts';
import { currentSigningKey, type SigningKey } from './signing-keys.ts';

/** The department a license is issued by, with the credit code its identifiers carry. */
type Issuer = { id: number; code: string; name: string; creditCode: string };

/** An issue request checked and normalized, with its issuer. */
type CheckedIssue = Omit<SignedLicenseFields, 'id' | 'issuerCode' | 'validFrom'> & {
  typeName: string;
  issuer: Issuer;
};

const isDate = (text: string) => isRealDate(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2));

export type LicenseService = ReturnType<typeof createLicenseService>;

/** The e-license service; `registry` receives every issued or revoked license. */
export function createLicenseService(deps: {
  database: Database;
  audit: AuditService;
  org: OrgService;
  users: UsersService;
  registry: RegistryService;
}) {
  const { audit, org, users, registry } = deps;
  const db = deps.database.db;

  /** Refuses (and audits) `action` on the licenses of another department. */
  const deny = (ctx: Ctx, targetId: string | number, action: string) =>
    audit.deny(
      ctx,
      { targetType: 'license', targetId, detail: { action } },
      new ForbiddenError('not_issuing_department', 'You may only act on licenses of your own department'),
    );

  /** The issuing department: the caller's own, or, for center staff, the one they name. */
  async function issuerFor(
    ctx: Ctx,
    requested: number | undefined,
    directory: DepartmentDirectory,
    field: string,
  ): Promise<Issuer> {
    const actor = ctx.actor!;
    const departmentId = requested ?? actor.departmentId;
    if (departmentId == null)
      throw new InputError('issuer_required', 'Name the issuing department', [{ field, reason: 'required' }]);
    const own = hasRole(actor, 'department_user') && actor.departmentId === departmentId;
    if (!own && !hasRole(actor, 'admin', 'steward')) await deny(ctx, departmentId, 'issue');
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

  const issueDetail = (row: repo.LicenseRow, issuer: Issuer) => ({
    issuer: issuer.code,
    typeCode: row.typeCode,
    typeName: row.typeName,
    holderIdType: row.holderIdType,
    holderId: holderIsPerson(row) ? maskIdNumber(row.holderId) : row.holderId,
    keyId: row.keyId,
  });

  /** Audits a read of licenses whose holders are people, shown unmasked. */
  async function auditRawRead(ctx: Ctx, rows: repo.LicenseRow[], detail: Record<string, unknown> = {}) {
    const personal = rows.filter(holderIsPerson).map((r) => r.licenseId);
    if (!personal.length) return;
    await audit.recordNow(ctx, {
      action: 'data.read_personal',
      targetType: 'license',
      targetId: personal.length === 1 ? personal[0] : undefined,
      detail: { licenses: personal, ...detail },
    });
  }

  const departmentName = async (id: number) =>
    (await org.departmentDirectory()).byId.get(id)?.name ?? String(id);

  return {
    /** Issues one license for the caller's department (or, for center staff, the one named). */
    async issue(ctx: Ctx, input: LicenseIssue): Promise<License> {
      const today = todayInShanghai();
      const issuer = await issuerFor(
        ctx,
        input.issuerDepartmentId,
        await org.departmentDirectory(),
        'issuerDepartmentId',
      );
      const checked = checkIssue(input, issuer, today);
      const row = await db.transaction(async (tx) => {
        const [row] = await store(tx, ctx, [checked]);
        await repo.upsertLicenseSourceRecords(tx, [
          { key: row!.licenseId, values: registryValues(row!, today) },
        ]);
        await audit.record(tx, ctx, {
          action: 'license.issue',
          targetType: 'license',
          targetId: row!.licenseId,
          detail: issueDetail(row!, issuer),
        });
        return row!;
      });
      await registry.remerge('license', [row.licenseId]);
      return toLicense(row, issuer.name, true, today);
    },

    /**
     * Issues many licenses in one transaction (the demo loader's thousands): all are checked first, and none
     * is stored if one is refused. Their registry records commit with them; the entities are merged after.
     */
    async issueMany(ctx: Ctx, inputs: LicenseIssue[]): Promise<License[]> {
      if (!inputs.length) return [];
      const today = todayInShanghai();
      const directory = await org.departmentDirectory();
      const issuers = new Map<number | undefined, Issuer>();
      const checked: CheckedIssue[] = [];
      for (const [i, input] of inputs.entries()) {
        if (!issuers.has(input.issuerDepartmentId))
          issuers.set(
            input.issuerDepartmentId,
            await issuerFor(ctx, input.issuerDepartmentId, directory, `${i}.issuerDepartmentId`),
          );
        checked.push(checkIssue(input, issuers.get(input.issuerDepartmentId)!, today, `${i}.`));
      }
      const rows = await db.transaction(async (tx) => {
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
          await audit.record(tx, ctx, {
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
      await registry.remerge('license', ids);
      return rows.map((row) => toLicense(row, directory.byId.get(row.issuerDepartmentId)!.name, true, today));
    },

    /**
     * Brings the license registry in line with the licenses: delivers those whose registry entity is missing
     * (a stop between an issue's commit and its merge) or says another status (run out since). Run at start
     * and periodically; returns how many it delivered.
     */
    async syncRegistry(): Promise<number> {
      const today = todayInShanghai();
      const rows = await repo.licensesOutOfSync(db, today);
      if (!rows.length) return 0;
      await repo.upsertLicenseSourceRecords(
        db,
        rows.map((row) => ({ key: row.licenseId, values: registryValues(row, today) })),
      );
      const ids = rows.map((row) => row.licenseId);
      await registry.remerge('license', ids);
      return rows.length;
    },

    /** Revokes a license of the caller's department (center staff: any); revoking twice is a conflict. */
    async revoke(ctx: Ctx, id: string, reason: string): Promise<License> {
      const today = todayInShanghai();
      const found = await repo.findLicense(db, id);
      if (!found) throw new NotFoundError('license', id);
      if (!seesLicenseRaw(ctx, found.issuerDepartmentId)) await deny(ctx, id, 'revoke');
      const row = await db.transaction(async (tx) => {
        const before = (await repo.findLicense(tx, id, true))!;
        if (before.revokedAt)
          throw new ConflictError('license_revoked', `License ${id} is already revoked`, { id });
        const row = await repo.revokeLicense(tx, id, ctx.actor?.username ?? 'anonymous', reason);
        await repo.upsertLicenseSourceRecords(tx, [{ key: id, values: registryValues(row, today) }]);
        await audit.record(tx, ctx, {
          action: 'license.revoke',
          targetType: 'license',
          targetId: id,
          detail: { reason },
        });
        return row;
      });
      await registry.remerge('license', [id]);
      return toLicense(row, await departmentName(row.issuerDepartmentId), true, today);
    },

    /** One license; the holder is masked unless the caller is center staff or the issuing department. */
    async get(ctx: Ctx, id: string): Promise<License> {
      const row = await repo.findLicense(db, id);
      if (!row) throw new NotFoundError('license', id);
      const raw = seesLicenseRaw(ctx, row.issuerDepartmentId);
      if (raw) await auditRawRead(ctx, [row]);
      return toLicense(row, await departmentName(row.issuerDepartmentId), raw, todayInShanghai());
    },

    /** One page of licenses, newest first, each masked unless the caller sees it raw. */
    async list(ctx: Ctx, q: LicenseQuery): Promise<{ items: License[]; total: number }> {
      const today = todayInShanghai();
      const { items, total } = await repo.findLicenses(db, q, today);
      const directory = await org.departmentDirectory();
      const raw = items.filter((row) => seesLicenseRaw(ctx, row.issuerDepartmentId));
      await auditRawRead(ctx, raw, { page: q.page });
      return {
        items: items.map((row) =>
          toLicense(row, directory.byId.get(row.issuerDepartmentId)?.name ?? '', raw.includes(row), today),
        ),
        total,
      };
    },

    /** The licenses held under the caller's own ID number (set on their account), with their QR payloads. */
    async mine(ctx: Ctx): Promise<License[]> {
      const idNumber = await users.idNumberOf(ctx.actor!.userId);
      if (!idNumber) throw new ForbiddenError('no_id_number', 'Your account has no citizen ID number');
      const today = todayInShanghai();
      const rows = await repo.findLicensesOfPerson(db, idNumber);
      await auditRawRead(ctx, rows, { own: true });
      const directory = await org.departmentDirectory();
      return rows.map((row) =>
        toLicense(row, directory.byId.get(row.issuerDepartmentId)?.name ?? '', true, today),
      );
    },

    /** The public verdict on a license identifier or QR content: valid, expired, revoked or forged. */
    async verify(q: VerifyQuery): Promise<Verification> {
      if (!q.id === !q.qr)
        throw new InputError('verify_input', 'Give either a license identifier or QR content', [
          { field: q.id ? 'qr' : 'id', reason: q.id ? 'invalid' : 'required' },
        ]);
      return verifyPresented(db, departmentName, q, todayInShanghai());
    },
  };
}
