import { describe, expect, it } from 'vitest';
import { bindingAllowed, definitionProblems, publishProblems, storedField } from './rules.ts';

describe('definition rules', () => {
  it('lets a person’s form bind the person, a company’s the company and its filer', () => {
    expect(bindingAllowed('person', 'person.address')).toBe(true);
    expect(bindingAllowed('person', 'company.credit_code')).toBe(false);
    expect(bindingAllowed('company', 'company.credit_code')).toBe(true);
    expect(bindingAllowed('company', 'person.phone')).toBe(true);
  });

  it('accepts a sound definition and names the code and departments of a bad one', () => {
    const departments = new Map([
      [1, { active: true }],
      [2, { active: false }],
    ]);
    const fields = [
      { key: 'name', label: '姓名', type: 'text' as const, required: true, binding: 'person.name' as const },
      {
        key: 'city',
        label: '城市',
        type: 'text' as const,
        required: false,
        reuseKey: 'city',
        pattern: '.+市',
      },
    ];
    expect(
      definitionProblems(
        { code: 'abc', audience: 'person', fields, receivingDepartmentIds: [1] },
        departments,
      ),
    ).toEqual([]);
    expect(
      definitionProblems(
        { code: 'ab', audience: 'person', fields: [], receivingDepartmentIds: [2] },
        departments,
      ),
    ).toEqual([
      { field: 'code', reason: 'form_code_format' },
      { field: 'receivingDepartmentIds.0', reason: 'form_unknown_department', params: { department: 2 } },
    ]);
    expect(
      definitionProblems(
        { code: `a${'b'.repeat(41)}`, audience: 'person', fields: [], receivingDepartmentIds: [] },
        departments,
      ),
    ).toEqual([{ field: 'code', reason: 'form_code_format' }]);
    expect(publishProblems({ fields, receivingDepartmentIds: [] })).toEqual([
      { field: 'receivingDepartmentIds', reason: 'form_no_receivers' },
    ]);
  });

  it('stores a field without its empty optional parts', () => {
    expect(
      storedField({
        key: 'a',
        label: 'A',
        type: 'text',
        binding: null,
        reuseKey: '',
        options: [],
        pattern: null,
        maxLength: null,
        help: '',
      }),
    ).toEqual({ key: 'a', label: 'A', type: 'text', required: false });
  });
});
