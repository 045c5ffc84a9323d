import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/processes.ts';

// `events classify` needs no database: the commands run with an environment that names none.
const env = { ...process.env, DATABASE_URL: '', ONECITY_DATA_DIR: path.join(tmpdir(), 'onecity-none') };

function jsonlFile(lines: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'classify-')), 'in.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('onecity events classify', () => {
  it('classifies one text, as text and as JSON', async () => {
    const human = await runCli(['events', 'classify', '楼下KTV每天唱到凌晨两点'], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^1\. env\.noise \(HBJ\) {2}\d\.\d{4}\n2\. .+\n3\. .+\n$/);
    const json = await runCli(['events', 'classify', '--json', '井盖被偷了，只剩个黑洞'], env);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ category: 'city.manhole', department: 'CGJ' });
    expect(result.top).toHaveLength(3);
  });

  it('classifies a JSONL file line by line, reports bad lines with --json and exits 1', async () => {
    const file = jsonlFile([
      '{"id":"1","text":"小区停水两天了","address":"高塘岭街道"}',
      '{"id":"2"}',
      'oops',
      '',
      '{"id":3,"text":"老板拖欠工资半年"}',
    ]);
    const res = await runCli(['events', 'classify', '--input', file, '--json'], env);
    expect(res.code).toBe(1);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: '1', category: 'water.supply', department: 'SLJ' });
    expect(lines[0].top.map((g: { category: string }) => g.category)).toHaveLength(3);
    expect(lines[1]).toEqual({ id: '2', line: 2, error: 'line 2: text is required' });
    expect(lines[2]).toEqual({ line: 3, error: 'line 3 is not a JSON object' });
    expect(lines[3]).toMatchObject({ id: 3, category: 'labor.wage', department: 'RSJ' });
  });

  it('exits 0 for a clean file and puts errors on stderr without --json', async () => {
    const clean = await runCli(
      ['events', 'classify', '--input', jsonlFile(['{"id":1,"text":"路灯不亮"}'])],
      env,
    );
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ id: 1, category: 'city.streetlight' });
    const bad = await runCli(['events', 'classify', '--input', jsonlFile(['{"id":1,"text":3}'])], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/line 1: text must be of type string/);
  });

  it('refuses an empty text, a missing file, and neither or both of TEXT and --input', async () => {
    const empty = await runCli(['events', 'classify', '  '], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty/);
    const missing = await runCli(['events', 'classify', '--input', '/no/such/file.jsonl'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read \/no\/such\/file\.jsonl: ENOENT/);
    const neither = await runCli(['events', 'classify'], env);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toMatch(/Give either a TEXT or --input FILE/);
    const both = await runCli(['events', 'classify', '路灯', '--input', '/x'], env);
    expect(both.code).toBe(1);
  });
});
