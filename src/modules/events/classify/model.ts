/**
 * The classifier's model: a softmax (multinomial logistic) regression over binary text features, stored
 * sparsely. `weights` maps a feature to "class:weight,class:weight…" (weights in hundredths) with the
 * classes where its weight matters; a text's score for a class is the bias plus the sum of its features' weights, scaled by one over
 * the square root of how many known features it has (the same scaling as in training).
 */

/** The model as model.json holds it. */
export type ModelFile = {
  version: 1;
  /** How it was made, so a reader can rebuild it. */
  trainedWith: { seed: number; perCategory: number; epochs: number; features: number };
  categories: string[];
  /** The stored weights are integers: a weight times weightScale. */
  weightScale: number;
  /** The classes' biases, comma-separated like the weights (a JSON number array would be re-wrapped by the formatter). */
  bias: string;
  weights: Record<string, string>;
};

/** A model ready to score: weights parsed into arrays. */
export type Model = {
  categories: string[];
  bias: Float64Array;
  weights: Map<string, { classes: Uint8Array; values: Float64Array }>;
};

/** Parses the stored form. */
export function parseModel(file: ModelFile): Model {
  const weights: Model['weights'] = new Map();
  for (const [feature, packed] of Object.entries(file.weights)) {
    const pairs = packed.split(',');
    const classes = new Uint8Array(pairs.length);
    const values = new Float64Array(pairs.length);
    pairs.forEach((pair, i) => {
      const [c, v] = pair.split(':');
      classes[i] = Number(c);
      values[i] = Number(v) / file.weightScale;
    });
    weights.set(feature, { classes, values });
  }
  return { categories: file.categories, bias: Float64Array.from(file.bias.split(','), Number), weights };
}

/** The probability of each category for a text's features (softmax of the scores; sums to 1). */
export function probabilities(model: Model, features: readonly string[]): Float64Array {
  const scores = Float64Array.from(model.bias);
  const known = features.filter((f) => model.weights.has(f));
  const scale = known.length ? 1 / Math.sqrt(known.length) : 0;
  for (const f of known) {
    const { classes, values } = model.weights.get(f)!;
    for (let i = 0; i < classes.length; i++) scores[classes[i]!]! += values[i]! * scale;
  }
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = Math.exp(scores[i]! - max);
    sum += scores[i]!;
  }
  for (let i = 0; i < scores.length; i++) scores[i]! /= sum;
  return scores;
}
