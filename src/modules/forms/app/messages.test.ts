// The app's forms pages have every string in both languages, and every answer problem the checks can report.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formsAppMessages } from './messages.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('forms app strings', () => {
  it('has the same keys in Chinese and English, none empty', () => {
    const zh = Object.keys(formsAppMessages.zh).sort();
    expect(Object.keys(formsAppMessages.en).sort()).toEqual(zh);
    for (const lang of ['zh', 'en'] as const)
      expect(Object.entries(formsAppMessages[lang]).filter(([, text]) => !text.trim())).toEqual([]);
  });

  it('names every problem checkAnswers reports and every key the pages ask for', () => {
    const answers = fs.readFileSync(path.join(here, '../answers.ts'), 'utf8');
    const reasons = new Set(['required', ...[...answers.matchAll(/at\('([a-z_]+)'/g)].map((m) => m[1]!)]);
    reasons.delete('');
    // The ID number and credit code checks report core's codes (cn-codes.ts).
    for (const code of [
      'id_number_format',
      'id_number_checksum',
      'id_number_date',
      'credit_code_format',
      'credit_code_checksum',
    ])
      reasons.add(code);
    for (const reason of reasons) expect(formsAppMessages.zh[`problem.${reason}`], reason).toBeTruthy();
    const pages = fs
      .readdirSync(here)
      .filter((f) => f.endsWith('.tsx') || f === 'index.ts')
      .map((f) => fs.readFileSync(path.join(here, f), 'utf8'))
      .join('\n');
    const asked = [
      ...pages.matchAll(/\bt\('([a-zA-Z.]+)'/g),
      ...pages.matchAll(/(?:label|title): '([a-zA-Z.]+)'/g),
    ].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(30);
    expect([...new Set(asked)].filter((key) => !(key in formsAppMessages.zh))).toEqual([]);
  });
});
