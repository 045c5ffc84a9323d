/**
 * The case classifier: the shipped model (model.json, made by train.ts) applied to an appeal's text. It
 * proposes; the operator confirms. No network, no database: the model is read once from the file beside this.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../../core/errors.ts';
import { featuresOf } from './features.ts';
import { type Model, type ModelFile, parseModel, probabilities } from './model.ts';
import './messages.ts';

/** A category and how likely the model thinks it is (0..1). */
export type Guess = { category: string; score: number };

/** What classify returns: the three likeliest categories, best first. */
export type Classification = { top: Guess[] };

/** A loaded classifier. */
export type Classifier = {
  /**
   * The three likeliest categories of `text`. The address is accepted for the intake's sake but not used:
   * it names where, not what, and the training texts carry places of every kind in every category.
   */
  classify: (text: string, address?: string) => Classification;
  categories: readonly string[];
};

let shipped: Model | undefined;

// The shipped model, parsed once per process.
function shippedModel(): Model {
  if (!shipped) {
    const text = readFileSync(new URL('./model.json', import.meta.url), 'utf8');
    shipped = parseModel(JSON.parse(text) as ModelFile);
  }
  return shipped;
}

/** The classifier with the shipped model (read on first call), or with `file` when given (tests, bench). */
export function loadClassifier(file?: ModelFile): Classifier {
  const model = file ? parseModel(file) : shippedModel();
  return {
    categories: model.categories,
    classify(text) {
      if (typeof text !== 'string' || !text.trim())
        throw new InputError('classify_text_empty', 'The text is empty: nothing to classify', [
          { field: 'text', reason: 'required' },
        ]);
      const p = probabilities(model, featuresOf(text));
      const order = [...p.keys()].sort((a, b) => p[b]! - p[a]! || a - b).slice(0, 3);
      return {
        top: order.map((i) => ({ category: model.categories[i]!, score: Math.floor(p[i]! * 1e4) / 1e4 })),
      };
    },
  };
}
