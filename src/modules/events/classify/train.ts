/**
 * Trains the case classifier on the generated corpus and writes model.json beside this file (shipped in the
 * repository). Deterministic: the same code gives the same file. `--check` compares instead of writing and
 * exits 1 when the shipped model is stale. Run: `node src/modules/events/classify/train.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seedCategories } from '../categories/seed.ts';
import { buildCorpus, splitCorpus } from './corpus.ts';
import type { ModelFile } from './model.ts';
import { train } from './training.ts';

/** The corpus seed and size the shipped model is trained with. */
export const shippedTraining = { seed: 12345, perCategory: 2000 };

/** Where the shipped model lives. */
export const modelPath = fileURLToPath(new URL('./model.json', import.meta.url));

/** The shipped model as train.ts makes it: trained on the training part of the corpus. */
export function buildShippedModel(): ModelFile {
  const corpus = buildCorpus(shippedTraining.seed, shippedTraining.perCategory);
  return train(splitCorpus(corpus).train, {
    ...shippedTraining,
    categories: seedCategories.map((c) => c.code),
  });
}

/** model.json's text for a model (one feature per line, so diffs stay readable). */
export function serializeModel(model: ModelFile): string {
  const { weights, ...head } = model;
  const lines = Object.entries(weights).map(([f, w]) => `    ${JSON.stringify(f)}: ${JSON.stringify(w)}`);
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headText},\n  "weights": {\n${lines.join(',\n')}\n  }\n}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const text = serializeModel(buildShippedModel());
  if (process.argv.includes('--check')) {
    const same = readFileSync(modelPath, 'utf8') === text;
    console.log(same ? 'model.json is up to date' : 'model.json is STALE: run train.ts');
    if (!same) process.exitCode = 1;
  } else {
    writeFileSync(modelPath, text);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`wrote ${modelPath} (${(text.length / 1024).toFixed(0)} KiB) in ${seconds} s`);
  }
}
