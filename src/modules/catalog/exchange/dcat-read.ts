import { InputError } from '../../../core/errors.ts';
import { classificationDigit, classifications, updateCycles } from '../contract.ts';
import { CLASS_CODE_SCHEME, EU_ACCESS_RIGHT, EU_FREQUENCY, frequencyCodes } from './dcat-write.ts';
import { checkDraft, type Draft, type ImportCandidate, type ImportProblem } from './import-draft.ts';
import type { ImportBatch } from './import-resources.ts';
import type { DepartmentRef } from './xlsx-write.ts';

// Reads the compacted JSON-LD the export writes (the same prefixes). It is not a general JSON-LD processor:
// a document with another context would need expanding first, which no installed library does.

type Node = Record<string, unknown>;

/** The JSON-LD property that holds each contract field, for naming it in problems. */
const propertyOf: Record<string, string> = {
  code: 'dct:identifier',
  alias: 'adms:identifier',
  name: 'dct:title',
  summary: 'dct:description',
  providerDepartmentId: 'dct:publisher',
  keywords: 'dcat:keyword',
  publishDate: 'dct:issued',
  updateCycle: 'dct:accrualPeriodicity',
  classification: 'dct:type',
  classCode: 'dcat:theme',
  format: 'dcat:distribution',
  relatedCodes: 'dct:relation',
  shareType: 'onecity:shareType',
  shareCondition: 'onecity:shareCondition',
  shareBasis: 'onecity:shareBasis',
  openType: 'onecity:openType',
  openCondition: 'onecity:openCondition',
  keyItems: 'onecity:keyItems',
  items: 'onecity:items',
};

const isNode = (v: unknown): v is Node => !!v && typeof v === 'object' && !Array.isArray(v);
const many = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** A literal's text: a plain value, a value object, or the Chinese one of several language-tagged values. */
function text(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    const zh = v.find((x) => isNode(x) && String(x['@language'] ?? '').startsWith('zh'));
    return text(zh ?? v[0]);
  }
  if (isNode(v)) return text(v['@value'] ?? v['@id']);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim();
  return undefined;
}

/** The last segment of an IRI (…/frequency/DAILY → DAILY), for node references or plain strings. */
function iriCode(v: unknown, base: string): string | undefined {
  const iri = isNode(v) ? text(v['@id']) : text(v);
  return iri?.startsWith(base) ? iri.slice(base.length) : iri?.split(/[/#]/).at(-1);
}

/** A list, whether written plainly or as an @list object. */
function list(v: unknown): unknown[] {
  return isNode(v) && Array.isArray(v['@list']) ? v['@list'] : many(v);
}

/** The contract fields of one dcat:Dataset; problems with single properties are added to `problems`. */
function readDataset(
  ds: Node,
  departments: Pick<DepartmentRef, 'id' | 'code' | 'name'>[],
  problem: (field: string, reason: string, params?: Record<string, unknown>) => void,
): Draft {
  const publisher = many(ds['dct:publisher']).find(isNode);
  const publisherCode = text(publisher?.['dct:identifier']);
  const publisherName = text(publisher?.['foaf:name']);
  const department = publisherCode
    ? departments.find((d) => d.code === publisherCode)
    : departments.find((d) => d.name === publisherName);
  if (publisher && !department)
    problem('providerDepartmentId', 'unknown_department_code', { value: publisherCode ?? publisherName });

  const periodicity = ds['dct:accrualPeriodicity'];
  const frequency = periodicity === undefined ? undefined : iriCode(periodicity, EU_FREQUENCY);
  const updateCycle =
    frequency === 'UPDATE_CONT'
      ? 'realtime'
      : updateCycles.find((c) => frequencyCodes[c] === frequency || c === frequency);
  if (frequency && !updateCycle)
    problem('updateCycle', 'unknown_label', {
      value: frequency,
      values: Object.values(frequencyCodes).join(', '),
    });

  // The exact share and open types are ours; a plain DCAT-AP dataset has only its EU access right.
  let shareType = text(ds['onecity:shareType']);
  let openType = text(ds['onecity:openType']);
  if (!shareType && !openType && ds['dct:accessRights'] !== undefined) {
    const right = iriCode(ds['dct:accessRights'], EU_ACCESS_RIGHT);
    const fromRight: Record<string, [string, string]> = {
      PUBLIC: ['unconditional', 'open'],
      RESTRICTED: ['conditional', 'closed'],
      NON_PUBLIC: ['none', 'closed'],
    };
    if (right && fromRight[right]) [shareType, openType] = fromRight[right];
    else problem('shareType', 'unknown_label', { value: right, values: Object.keys(fromRight).join(', ') });
  }

  const themes = many(ds['dcat:theme']).filter(isNode);
  const theme =
    themes.find((t) => text(t['skos:inScheme']) === CLASS_CODE_SCHEME) ??
    themes.find((t) => t['skos:notation']);
  const classCode = text(theme?.['skos:notation']);
  const typeCode = text(many(ds['dct:type']).filter(isNode)[0]?.['skos:notation']);
  const classification =
    typeCode ?? classifications.find((c) => classCode && classificationDigit[c] === classCode[0]);
  const distribution = many(ds['dcat:distribution']).filter(isNode)[0];
  const issued = text(ds['dct:issued']);
  const alias = text(many(ds['adms:identifier']).filter(isNode)[0]?.['skos:notation']);
  const items = ds['onecity:items'];
  return {
    alias: alias ?? null,
    name: text(ds['dct:title']),
    classification,
    classCode,
    providerDepartmentId: department?.id,
    summary: text(ds['dct:description']),
    format: text(many(distribution?.['dct:format']).filter(isNode)[0]?.['skos:notation']),
    items: isNode(items) && '@value' in items ? items['@value'] : items,
    keyItems: list(ds['onecity:keyItems']).map(text),
    shareType,
    shareCondition: text(ds['onecity:shareCondition']) ?? null,
    shareBasis: text(ds['onecity:shareBasis']) ?? null,
    openType,
    openCondition: text(ds['onecity:openCondition']) ?? null,
    updateCycle,
    publishDate: issued ?? null,
    relatedCodes: many(ds['dct:relation']).map((r) => (isNode(r) ? text(r['dct:identifier']) : text(r))),
    keywords: many(ds['dcat:keyword']).map(text),
  };
}

/** Where a contract field sits in dataset `index`: its property, and an item's position and key. */
function locator(index: number) {
  return (field: string) => {
    const [top, position, ...rest] = field.split('.');
    const property = propertyOf[top!] ?? top!;
    const at = position === undefined ? '' : `[${position}]${rest.length ? `.${rest.join('.')}` : ''}`;
    return { dataset: index, field: `${property}${at}` };
  };
}

const samePlace = (a: ImportProblem, b: ImportProblem) => a.dataset === b.dataset && a.field === b.field;

/** Reads a DCAT-AP catalog (as the export writes it) into resources to import. */
export function readDcatCatalog(
  doc: unknown,
  departments: Pick<DepartmentRef, 'id' | 'code' | 'name'>[],
): ImportBatch {
  if (!isNode(doc) || doc['dcat:dataset'] === undefined)
    throw new InputError('not_a_dcat_catalog', 'The document is not a dcat:Catalog with dcat:dataset', [
      { field: 'dcat:dataset', reason: 'required' },
    ]);
  const problems: ImportProblem[] = [];
  const candidates: ImportCandidate[] = [];
  many(doc['dcat:dataset']).forEach((ds, index) => {
    const locate = locator(index);
    if (!isNode(ds)) {
      problems.push({ dataset: index, field: '', reason: 'invalid' });
      return;
    }
    const readProblems: ImportProblem[] = [];
    const draft = readDataset(ds, departments, (field, reason, params) =>
      readProblems.push({ ...locate(field), reason, params }),
    );
    const checked = checkDraft(draft, locate);
    problems.push(
      ...readProblems,
      ...checked.problems.filter((p) => !readProblems.some((q) => samePlace(p, q))),
    );
    if (checked.input && !readProblems.length)
      candidates.push({ code: text(ds['dct:identifier']) || null, input: checked.input, locate });
  });
  return { source: 'jsonld', candidates, problems };
}
