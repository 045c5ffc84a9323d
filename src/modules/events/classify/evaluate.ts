/**
 * Accuracy of a classifier on labelled texts (top-1 and top-3), and the hand-written evaluation set: texts
 * written apart from the corpus's templates, never used for training.
 */
import { readFileSync } from 'node:fs';
import { type Classifier, loadClassifier } from './classifier.ts';
import { buildCorpus, type Sample, splitCorpus } from './corpus.ts';
import { shippedTraining } from './train.ts';

/** The share of texts whose category is first, and among the first three; and the misses. */
export type Accuracy = { count: number; top1: number; top3: number; misses: (Sample & { got: string[] })[] };

/** Scores `classifier` on `samples`. */
export function accuracy(classifier: Classifier, samples: readonly Sample[]): Accuracy {
  let top1 = 0;
  let top3 = 0;
  const misses: Accuracy['misses'] = [];
  for (const s of samples) {
    const got = classifier.classify(s.text).top.map((g) => g.category);
    if (got[0] === s.category) top1++;
    else misses.push({ ...s, got });
    if (got.includes(s.category)) top3++;
  }
  const n = samples.length || 1;
  return { count: samples.length, top1: top1 / n, top3: top3 / n, misses };
}

/** The hand-written evaluation set (eval-texts.jsonl beside this file). */
export function loadEvalTexts(): Sample[] {
  return readFileSync(new URL('./eval-texts.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Sample);
}

/** The classifier's figures for the bench: the held-out split, the hand-written set, and texts per second. */
export function evaluateShippedClassifier() {
  const classifier = loadClassifier();
  const { heldOut } = splitCorpus(buildCorpus(shippedTraining.seed, shippedTraining.perCategory));
  const handWritten = accuracy(classifier, loadEvalTexts());
  const held = accuracy(classifier, heldOut);
  // Speed: the held-out texts one by one, as the intake classifies them, after a warm-up.
  const texts = heldOut.map((s) => s.text);
  for (const t of texts.slice(0, 200)) classifier.classify(t);
  const started = performance.now();
  for (const t of texts) classifier.classify(t);
  const seconds = (performance.now() - started) / 1000;
  return {
    heldOut: held,
    handWritten,
    textsPerSecond: texts.length / seconds,
    msPerText: (seconds * 1000) / texts.length,
  };
}
