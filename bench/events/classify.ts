/**
 * Accuracy and speed of the case classifier (issue 15): top-1 and top-3 on the generated corpus's held-out
 * split and on the hand-written evaluation set (texts written apart from the corpus's templates, never trained
 * on), and texts classified per second. `--misses` lists the hand-written texts it gets wrong.
 * Run: `node bench/events/classify.ts`.
 */
import { evaluateShippedClassifier } from '../../src/modules/events/index.ts';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const result = evaluateShippedClassifier();
for (const [name, a] of [
  ['held-out split of the generated corpus', result.heldOut],
  ['hand-written evaluation set', result.handWritten],
] as const)
  console.log(`${name} (${a.count} texts): top-1 ${percent(a.top1)}, top-3 ${percent(a.top3)}`);
if (process.argv.includes('--misses'))
  for (const m of result.handWritten.misses) console.log(`  ${m.category} → ${m.got.join(' ')}  ${m.text}`);
console.log(
  `speed: ${Math.round(result.textsPerSecond)} texts/s (${result.msPerText.toFixed(3)} ms per text, one at a time)`,
);
