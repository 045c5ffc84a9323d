/**
 * Accuracy and speed of the case classifier (issue 15): top-1 and top-3 on the corpus's held-out split and on
 * the hand-written evaluation set, and texts classified per second. `--misses` lists the hand-written texts
 * it gets wrong. Run: `node bench/events/classify.ts`.
 */

import { loadClassifier } from '../../src/modules/events/classify/classifier.ts';
import { buildCorpus, splitCorpus } from '../../src/modules/events/classify/corpus.ts';
import { accuracy, loadEvalTexts } from '../../src/modules/events/classify/evaluate.ts';
import { shippedTraining } from '../../src/modules/events/classify/train.ts';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const classifier = loadClassifier();
const { heldOut } = splitCorpus(buildCorpus(shippedTraining.seed, shippedTraining.perCategory));
const handWritten = loadEvalTexts();

for (const [name, samples] of [
  ['held-out split of the generated corpus', heldOut],
  ['hand-written evaluation set', handWritten],
] as const) {
  const a = accuracy(classifier, samples);
  console.log(`${name} (${a.count} texts): top-1 ${percent(a.top1)}, top-3 ${percent(a.top3)}`);
  if (process.argv.includes('--misses') && samples === handWritten)
    for (const m of a.misses) console.log(`  ${m.category} → ${m.got.join(' ')}  ${m.text}`);
}

// Speed: classify the held-out texts (warm), as the intake would one by one.
const texts = heldOut.map((s) => s.text);
for (const t of texts.slice(0, 200)) classifier.classify(t);
const started = performance.now();
for (const t of texts) classifier.classify(t);
const seconds = (performance.now() - started) / 1000;
console.log(
  `speed: ${Math.round(texts.length / seconds)} texts/s (${((seconds * 1000) / texts.length).toFixed(3)} ms per text)`,
);
