import { describe, expect, it } from 'vitest';
import { loadClassifier } from './classifier.ts';
import { classifyLine } from './lines.ts';

const classifier = loadClassifier();

describe('classifying a JSON Lines file line by line', () => {
  it('gives the id, best category, its department and the top three', () => {
    const result = classifyLine(
      classifier,
      '{"id":"A1","text":"路灯坏了一个星期了","address":"郭亮中路"}',
      1,
    );
    expect(result).toMatchObject({ id: 'A1', category: 'city.streetlight', department: 'CGJ' });
    expect(result && 'top' in result && result.top).toHaveLength(3);
  });

  it('skips blank lines', () => {
    expect(classifyLine(classifier, '   ', 4)).toBeNull();
  });

  it.each([
    ['not json', { line: 7, error: 'line 7 is not a JSON object' }],
    ['[1,2]', { line: 7, error: 'line 7 is not a JSON object' }],
    ['{"text":"路灯坏了"}', { line: 7, error: 'line 7: id is required' }],
    ['{"id":"x"}', { id: 'x', line: 7, error: 'line 7: text is required' }],
    ['{"id":2,"text":"  "}', { id: 2, line: 7, error: 'line 7: text is required' }],
    ['{"id":2,"text":5}', { id: 2, line: 7, error: 'line 7: text must be of type string' }],
    ['{"id":2,"text":"路灯坏了","address":3}', { id: 2, line: 7, error: 'line 7: address is invalid' }],
  ])('names the line and the field of a bad line: %s', (raw, expected) => {
    expect(classifyLine(classifier, raw, 7)).toEqual(expected);
  });
});
