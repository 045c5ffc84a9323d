/**
 * Training of the softmax regression on the generated corpus: stochastic gradient descent in a seeded order,
 * so the same corpus gives the same model file byte for byte. Weights too small to change a ranking are left
 * out of the stored model, which keeps model.json small.
 */
import type { Sample } from './corpus.ts';
import { featuresOf } from './features.ts';
import type { ModelFile } from './model.ts';
import { createRandom } from './random.ts';

/** Stored weights are integers: the weight times this. */
export const weightScale = 100;

/** What a training run needs besides the samples. */
export type TrainOptions = {
  seed: number;
  perCategory: number;
  categories: string[];
  epochs?: number;
  /** Features seen in fewer training texts than this are dropped (noise, and size). Default 3. */
  minCount?: number;
};

/** Trains on `samples` and returns the model as it is stored. */
export function train(samples: readonly Sample[], options: TrainOptions): ModelFile {
  const { categories, epochs = 6, minCount = 3 } = options;
  const classOf = new Map(categories.map((c, i) => [c, i]));
  const docs = samples.map((s) => ({ features: featuresOf(s.text), label: classOf.get(s.category)! }));
  // The vocabulary: features in at least minCount texts, numbered in sorted order (stable across runs).
  const counts = new Map<string, number>();
  for (const d of docs) for (const f of d.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(([, n]) => n >= minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const rows = docs.map((d) => ({
    ids: Int32Array.from(d.features.flatMap((f) => (index.has(f) ? [index.get(f)!] : []))),
    label: d.label,
  }));
  const C = categories.length;
  const W = new Float64Array(vocabulary.length * C);
  const bias = new Float64Array(C);
  const random = createRandom(options.seed);
  const order = rows.map((_, i) => i);
  const scores = new Float64Array(C);
  const l2 = 1e-6;
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Fisher–Yates with the seeded generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.below(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const { ids, label } = rows[r]!;
      if (!ids.length) continue;
      const rate = 0.5 / (1 + step++ / rows.length);
      const v = 1 / Math.sqrt(ids.length);
      scores.set(bias);
      for (const id of ids) for (let c = 0; c < C; c++) scores[c]! += W[id * C + c]! * v;
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, scores[c]!);
      let sum = 0;
      for (let c = 0; c < C; c++) {
        scores[c] = Math.exp(scores[c]! - max);
        sum += scores[c]!;
      }
      for (let c = 0; c < C; c++) {
        const gradient = scores[c]! / sum - (c === label ? 1 : 0);
        bias[c]! -= rate * gradient * 0.1;
        for (const id of ids) {
          const k = id * C + c;
          W[k]! -= rate * (gradient * v + l2 * W[k]!);
        }
      }
    }
  }
  const weights: Record<string, string> = {};
  for (let id = 0; id < vocabulary.length; id++) {
    const kept: string[] = [];
    for (let c = 0; c < C; c++) {
      // Hundredths, and only weights of at least 0.15: the rest hardly change a ranking on the held-out
      // split, and leaving them out keeps the file under 1 MiB.
      const w = Math.round(W[id * C + c]! * weightScale);
      if (Math.abs(w) >= 15) kept.push(`${c}:${w}`);
    }
    if (kept.length) weights[vocabulary[id]!] = kept.join(',');
  }
  return {
    version: 1,
    trainedWith: {
      seed: options.seed,
      perCategory: options.perCategory,
      epochs,
      features: vocabulary.length,
    },
    categories,
    weightScale,
    bias: [...bias].map((b) => Math.round(b * 1000) / 1000).join(','),
    weights,
  };
}
