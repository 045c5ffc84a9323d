import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedCategories } from '../categories/seed.ts';
import { buildCorpus, splitCorpus } from './corpus.ts';
import type { ModelFile } from './model.ts';
import { buildShippedModel, modelPath, serializeModel } from './train.ts';

describe('the shipped model', () => {
  const shipped = readFileSync(modelPath, 'utf8');

  it('has all 25 seeded categories and stays small', () => {
    const model = JSON.parse(shipped) as ModelFile;
    expect(model.categories).toEqual(seedCategories.map((c) => c.code));
    expect(model.bias.split(',')).toHaveLength(25);
    // Under 1 MiB: what the formatter still reads, and small enough for the repository.
    expect(Buffer.byteLength(shipped)).toBeLessThan(1024 * 1024);
  });

  it('is exactly what train.ts produces (after changing the corpus: node src/modules/events/classify/train.ts)', () => {
    expect(serializeModel(buildShippedModel()) === shipped).toBe(true);
  }, 180_000); // a full training run: about 10 s alone, more on a busy machine
});

describe('the generated corpus', () => {
  it('is the same for the same seed, differs for another, and covers every category', () => {
    const a = buildCorpus(7, 30);
    expect(buildCorpus(7, 30)).toEqual(a);
    expect(buildCorpus(8, 30)).not.toEqual(a);
    expect(new Set(a.map((s) => s.category)).size).toBe(25);
    expect(a.every((s) => s.text.trim().length > 0 && !/[{}$|]/.test(s.text))).toBe(true);
  });

  it('holds out every tenth text, disjoint from training', () => {
    const corpus = buildCorpus(7, 30);
    const { train, heldOut } = splitCorpus(corpus);
    expect(heldOut).toHaveLength(corpus.length / 10);
    expect(train.length + heldOut.length).toBe(corpus.length);
    const trained = new Set(train.map((s) => s.text));
    expect(heldOut.some((s) => trained.has(s.text))).toBe(false);
  });
});
